// Frees the buffers a download has written. Node's HTTP parser hands each piece of a body over as
// a buffer of its own (up to 64 KiB), garbage once written; V8 collects them only when its young
// generation fills (a few hundred bytes of objects per buffer: every few hundred MiB) or when
// external memory has grown by 64 MiB, so a big download carried up to ~60 MiB of dead buffers
// (the CLI's 512 MiB download peaked at 159-165 MiB). Where the runtime exposes gc (the CLI
// executable runs with --expose-gc), a young-generation collection after every few MiB received
// frees them (about a millisecond each); elsewhere this does nothing. Not for uploads: their
// buffers wait longer in the socket's queue, a collection then moves them to the old generation,
// which is collected later still (one 512 MiB upload with it peaked at 167 MiB, against 151 and 155 without).

type Collect = (options: { type: 'minor' }) => void;

/** Bytes received between two collections: about the most dead buffers a download holds. */
export const RECLAIM_EVERY = 8 * 1024 * 1024;

/** Counts received bytes and collects after every RECLAIM_EVERY of them; `collect`: V8's gc, when exposed. */
export function reclaimer(collect: Collect | undefined = (globalThis as { gc?: Collect }).gc): (bytes: number) => void {
  if (!collect) return () => {};
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < RECLAIM_EVERY) return;
    since = 0;
    collect({ type: 'minor' });
  };
}

/** One count for all downloads of the process: parallel ones fill the same young generation. */
export const reclaimAfter = reclaimer();
