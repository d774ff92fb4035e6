// Frees the buffers a transfer is done with. Node's HTTP parser hands each piece of a download's
// body over as a buffer of its own (up to 64 KiB), and an upload reads its file in buffers of
// 1 MiB: garbage once written or sent. V8 collected them only when external memory had grown by
// 64 MiB, so a big transfer carried up to ~60 MiB of dead buffers (the CLI's 512 MiB download
// peaked at 159-165 MiB, the upload at 147-155). Where the runtime exposes gc (the CLI executable
// runs with --expose-gc), downloads ask for a young-generation collection every 8 MiB received
// (about a millisecond each). Uploads ask for a full one every 32 MiB sent: their buffers wait in
// the socket's queue long enough to be moved to the old generation, which a young collection
// does not free (one 512 MiB upload with young collections peaked at 167 MiB). Elsewhere (the
// app's utility process, the source CLI, tests) this does nothing.

type Collect = (options: { type: 'minor' | 'major' }) => void;

/** Bytes received between two young-generation collections: about the most dead buffers a download holds. */
export const RECLAIM_EVERY = 8 * 1024 * 1024;

/** Counts bytes and collects after every `every` of them; `collect`: V8's gc, when exposed. */
export function reclaimer(collect: Collect | undefined = (globalThis as { gc?: Collect }).gc, every = RECLAIM_EVERY, type: 'minor' | 'major' = 'minor'): (bytes: number) => void {
  if (!collect) return () => {};
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < every) return;
    since = 0;
    collect({ type });
  };
}

/** One count for all downloads of the process: parallel ones fill the same young generation. */
export const reclaimAfter = reclaimer();

/** For uploads (chunked-upload.ts): a full collection every 32 MiB sent. */
export const reclaimSent = reclaimer(undefined, 32 * 1024 * 1024, 'major');
