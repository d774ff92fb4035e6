// The seam for how bytes move. The engine asks an Uploader to send a file; the plain one is a
// single PUT, a chunked one (Nextcloud chunked upload v2, chunked-upload.ts) can take big files,
// and any stream can be wrapped (bandwidth limit, throttle.ts). Downloads: one GET to a temporary
// file beside the target, fsync, size and checksum checked, then an atomic rename.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DavClient, PutResult } from './dav-client.ts';
import { TEMP_PREFIX } from './names.ts';
import { RemoteError } from './remote-error.ts';

export interface UploadJob {
  /** Sync-relative real name on the server. */
  name: string;
  /** Absolute local file to read. */
  localPath: string;
  size: number;
  mtimeMs: number;
  /** Overwrite only this remote version (ETag); null when creating. */
  ifMatch: string | null;
  /** Create only: fail with 412 if something appeared there meanwhile (never overwrite it). */
  ifNoneMatch: boolean;
  progress(bytes: number): void;
  signal: AbortSignal;
}

export interface Uploader {
  upload(job: UploadJob): Promise<PutResult>;
}

/** Wraps a transfer stream, e.g. to limit bandwidth. Return the stream unchanged when not needed. */
export type StreamWrapper = (direction: 'up' | 'down', stream: Readable) => Readable;
export const noWrap: StreamWrapper = (_direction, stream) => stream;

/** Counts bytes as they pass, for progress, and aborts a transfer that stalls. */
function meter(progress: (bytes: number) => void, idleMs: number, onIdle: () => void): Transform {
  const timer = setTimeout(onIdle, idleMs);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      timer.refresh();
      progress(chunk.length);
      done(null, chunk);
    },
    flush(done) {
      clearTimeout(timer);
      done();
    },
    destroy(error, done) {
      clearTimeout(timer);
      done(error);
    },
  });
}

const IDLE_MS = 60_000;

/** One PUT with X-OC-MTime and If-Match. */
export class PlainUploader implements Uploader {
  private readonly dav: DavClient;
  private readonly wrap: StreamWrapper;

  constructor(dav: DavClient, wrap: StreamWrapper = noWrap) {
    this.dav = dav;
    this.wrap = wrap;
  }

  async upload(job: UploadJob): Promise<PutResult> {
    job.signal.throwIfAborted();
    if (this.wrap === noWrap && job.size <= SMALL_FILE) return this.uploadSmall(job);
    const stall = new AbortController();
    // Read exactly the size that was stat'ed: a file growing meanwhile is caught by the re-stat after.
    const source = job.size === 0 ? Readable.from([]) : createReadStream(job.localPath, { start: 0, end: job.size - 1, highWaterMark: 256 * 1024 });
    const body = meter(job.progress, IDLE_MS, () => stall.abort(new RemoteError('network', `upload of ${job.name} stalled`)));
    // Once the body is sent, the answer must come within a while (a half-open socket after sleep).
    let answer: NodeJS.Timeout | undefined;
    body.once('end', () => {
      answer = setTimeout(() => stall.abort(new RemoteError('network', `no answer after uploading ${job.name}`)), 2 * IDLE_MS);
    });
    // pipeline (not pipe) so a read error destroys the request body instead of leaving it hanging.
    pipeline(this.wrap('up', source), body).catch(() => undefined);
    // An aborted request destroys its body with an error after the pipeline is done with it; the
    // failure reaches us through put()'s rejection, so this event needs no second handler.
    body.on('error', () => undefined);
    try {
      return await this.dav.put(job.name, body, job.size, {
        ifMatch: job.ifMatch, ifNoneMatch: job.ifNoneMatch, mtimeMs: job.mtimeMs, signal: AbortSignal.any([job.signal, stall.signal]),
      });
    } catch (error) {
      if (stall.signal.aborted) throw stall.signal.reason;
      throw error;
    } finally {
      clearTimeout(answer);
    }
  }

  /** Small files in one read and one buffered PUT: no stream stages (most files of a tree are small). */
  private async uploadSmall(job: UploadJob): Promise<PutResult> {
    const handle = await open(job.localPath, 'r');
    let data: Buffer;
    try {
      const buffer = Buffer.alloc(job.size);
      const { bytesRead } = await handle.read(buffer, 0, job.size, 0);
      // Shrunk since the scan: send what is there; the journal keeps the scanned state, so the next run sends it again.
      data = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const result = await this.dav.put(job.name, data, data.length, {
      ifMatch: job.ifMatch, ifNoneMatch: job.ifNoneMatch, mtimeMs: job.mtimeMs, signal: AbortSignal.any([job.signal, AbortSignal.timeout(2 * IDLE_MS)]),
    });
    job.progress(data.length);
    return result;
  }
}

/** Up to this size a file is read whole and sent from memory. */
const SMALL_FILE = 256 * 1024;

export interface DownloadResult {
  tempPath: string;
  size: number;
}

const HASHES: Record<string, string> = { SHA1: 'sha1', MD5: 'md5', SHA256: 'sha256', SHA512: 'sha512' };

export const tempPathFor = (target: string): string => join(dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);

/** GET into a temp file beside `target`; verifies length and checksum; fsyncs. Caller renames or removes it. */
export async function downloadToTemp(
  dav: DavClient, name: string, target: string,
  expect: { size: number | null; checksum: string | null },
  progress: (bytes: number) => void, signal: AbortSignal, wrap: StreamWrapper = noWrap,
): Promise<DownloadResult> {
  const tempPath = tempPathFor(target);
  const stall = new AbortController();
  const both = AbortSignal.any([signal, stall.signal]);
  const [algo, want] = expect.checksum?.split(':') ?? [];
  const check = algo && want && HASHES[algo.toUpperCase()] ? createHash(HASHES[algo.toUpperCase()]!) : null;
  let size = 0;
  try {
    const { body, length } = await dav.get(name, both);
    const hasher = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        check?.update(chunk);
        done(null, chunk);
      },
    });
    const out = createWriteStream(tempPath, { flags: 'wx', mode: 0o644 });
    await pipeline(wrap('down', body), meter(progress, IDLE_MS, () => stall.abort(new RemoteError('network', `download of ${name} stalled`))), hasher, out, { signal: both });
    const handle = await open(tempPath, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (length !== null && size !== length) throw new RemoteError('network', `download of ${name} ended early: ${size} of ${length} bytes`);
    if (expect.size !== null && expect.size !== size && length === null) throw new RemoteError('protocol', `download of ${name}: ${size} bytes, the listing said ${expect.size}`);
    if (check && want && check.digest('hex').toLowerCase() !== want.toLowerCase()) throw new RemoteError('protocol', `download of ${name}: checksum does not match the server's ${algo}`);
    return { tempPath, size };
  } catch (error) {
    await rm(tempPath, { force: true });
    if (stall.signal.aborted) throw stall.signal.reason;
    throw error;
  }
}

/** SHA-1 of a file, or of its first `length` bytes. */
export async function sha1File(path: string, length?: number): Promise<string> {
  const hash = createHash('sha1');
  if (length === 0) return hash.digest('hex');
  await pipeline(createReadStream(path, length === undefined ? {} : { end: length - 1 }), hash);
  return hash.digest('hex');
}

/** fsync a folder so a rename inside it survives a power cut. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory (EINVAL); the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}
