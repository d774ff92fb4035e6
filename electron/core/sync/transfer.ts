// The seam for how bytes move. The engine asks an Uploader to send a file; the plain one is a
// single PUT, a chunked one (Nextcloud chunked upload v2, chunked-upload.ts) can take big files,
// and any stream can be wrapped (bandwidth limit, throttle.ts). Downloads: one GET to a temporary
// file beside the target, fsync, size and checksum checked, then an atomic rename.
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { close, closeSync, constants, createReadStream, createWriteStream, fsync, open as openCallback, openSync, read, readSync, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { lstat, open, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { DavClient, PutResult } from './dav-client.ts';
import { TEMP_PREFIX } from './names.ts';
import { RemoteError } from './remote-error.ts';
import { reclaimAfter } from './reclaim.ts';
import { SMALL_DOWNLOAD, writeSmallTemp } from './small-download.ts';

/**
 * Bytes start..end (inclusive) of the file to send. Where the caller opened and checked the file
 * (local-fs.ts), the same file is opened again through /proc/self/fd: a name swapped for a link
 * meanwhile is not followed. (A stream never gets the caller's descriptor itself: destroying a
 * stream closes its descriptor, whatever autoClose says.)
 */
export function readRange(job: Pick<UploadJob, 'localPath' | 'fd'>, start: number, end: number, highWaterMark: number): Readable {
  let fd: number | undefined;
  if (job.fd !== undefined) {
    try {
      fd = openSync(`/proc/self/fd/${job.fd}`, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch {
      fd = undefined; // no /proc (a container without it): by name, as before
    }
  }
  return createReadStream(job.localPath, { ...(fd === undefined ? {} : { fd }), start, end, highWaterMark });
}

export interface UploadJob {
  /** Sync-relative real name on the server. */
  name: string;
  /** Absolute local file to read. */
  localPath: string;
  /** That file, opened by the caller (who closes it) and fstat'ed for `size`: small files are read from it. */
  fd?: number;
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

const IDLE_MS = 60_000;
const STREAM_CHUNK = 1024 * 1024;

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
    // 1 MiB reads: a 512 MiB file passes the stream stages in 512 steps, not thousands (bench c).
    const source = job.size === 0 ? Readable.from([]) : readRange(job, 0, job.size - 1, STREAM_CHUNK);
    const body = this.wrap('up', source);
    // Progress and the stall watchdog watch the bytes go by ('data' beside the request's pipe)
    // instead of being a stream stage of their own (bench c).
    const idle = setTimeout(() => stall.abort(new RemoteError('network', `upload of ${job.name} stalled`)), IDLE_MS);
    // Once the body is sent, the answer must come within a while (a half-open socket after sleep).
    let answer: NodeJS.Timeout | undefined;
    try {
      const sending = this.dav.put(job.name, body, job.size, {
        ifMatch: job.ifMatch, ifNoneMatch: job.ifNoneMatch, mtimeMs: job.mtimeMs, signal: AbortSignal.any([job.signal, stall.signal]),
      });
      // put() has piped the body into the request synchronously: watching now misses no chunk.
      body.on('data', (chunk: Buffer) => {
        idle.refresh();
        job.progress(chunk.length);
      });
      body.once('end', () => {
        clearTimeout(idle);
        answer = setTimeout(() => stall.abort(new RemoteError('network', `no answer after uploading ${job.name}`)), 2 * IDLE_MS);
      });
      return await sending;
    } catch (error) {
      if (stall.signal.aborted) throw stall.signal.reason;
      throw error;
    } finally {
      clearTimeout(idle);
      clearTimeout(answer);
      if (!body.readableEnded) body.destroy();
      if (!source.readableEnded) source.destroy();
    }
  }

  /** Small files in one read and one buffered PUT: no stream stages (most files of a tree are small). */
  private async uploadSmall(job: UploadJob): Promise<PutResult> {
    // Synchronous reads: a few KiB take microseconds, less than three thread-pool round trips.
    // O_NONBLOCK: should the file have been swapped for a fifo since its lstat, the open must not hang the process.
    const fd = job.fd ?? openSync(job.localPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    let data: Buffer;
    try {
      const buffer = Buffer.allocUnsafe(job.size);
      const bytesRead = job.size === 0 ? 0 : readSync(fd, buffer, 0, job.size, 0);
      // Shrunk since the scan: send what is there; the journal keeps the scanned state, so the next run sends it again.
      data = buffer.subarray(0, bytesRead);
    } finally {
      if (job.fd === undefined) closeSync(fd);
    }
    // The client's request timeout applies (60 s, or the account's), as for any request with its body in memory.
    const result = await this.dav.put(job.name, data, data.length, {
      ifMatch: job.ifMatch, ifNoneMatch: job.ifNoneMatch, mtimeMs: job.mtimeMs, signal: job.signal,
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
  /** A small file written in one go: its stat, modification time set (see downloadToTemp). */
  stat?: Stats;
}

const HASHES: Record<string, string> = { SHA1: 'sha1', MD5: 'md5', SHA256: 'sha256', SHA512: 'sha512' };

/**
 * A temp name beside `rel` that carries the journal's token: at start, only temp files with this
 * token are removed (ours, left by a crash), never a user's file that merely starts the same.
 */
export const tempNameFor = (rel: string, token: string): string => {
  const slash = rel.lastIndexOf('/');
  return `${rel.slice(0, slash + 1)}${TEMP_PREFIX}${token}-${randomBytes(6).toString('hex')}`;
};

const openFd = promisify(openCallback);
const readFd = promisify(read);
const closeFd = promisify(close);
const fsyncFd = promisify(fsync);

/** Feeds the first `length` bytes of an open file to a hash (the kept part of a resumed download). */
async function hashPrefix(fd: number, length: number, hash: Hash): Promise<void> {
  const buffer = Buffer.allocUnsafe(Math.min(length, STREAM_CHUNK));
  for (let at = 0; at < length;) {
    const { bytesRead } = await readFd(fd, buffer, 0, Math.min(buffer.length, length - at), at);
    if (bytesRead === 0) throw new Error('the kept part of the download is shorter than recorded');
    hash.update(buffer.subarray(0, bytesRead));
    at += bytesRead;
  }
}
const { O_RDWR, O_WRONLY, O_CREAT, O_EXCL, O_TRUNC, O_NOFOLLOW } = constants;
const WRITE_AT = O_RDWR | O_NOFOLLOW;
const REWRITE = O_WRONLY | O_TRUNC | O_NOFOLLOW;
const CREATE_NEW = O_WRONLY | O_CREAT | O_EXCL;

/** A download cut off by the network: its temp file is kept so the next attempt can resume. */
export class PartialDownload extends RemoteError {
  readonly tempPath: string;
  constructor(cause: RemoteError, tempPath: string) {
    super(cause.kind, cause.message, cause.status, cause.retryAfterMs);
    this.tempPath = tempPath;
  }
}

/**
 * GET into a temp file beside `target`; verifies length and checksum; fsyncs. Caller renames or
 * removes it. `confirm` is called right before the temp file is opened: it throws when the
 * file's folder is no longer the one checked (local-fs.ts). `resume`: a temp file left by an interrupted download of version `etag`: only the
 * missing bytes are asked for (Range + If-Range); a server that sends everything starts it over.
 * `fresh`: the caller knows no such temp file exists (a new name): not looked up, made with O_EXCL.
 * A fresh small file is written in one go (small-download.ts) with its modification time set to
 * `mtime`, and its stat is returned; otherwise (no `stat` in the result) the caller sets the time.
 */
export async function downloadToTemp(
  dav: DavClient, name: string, tempPath: string,
  expect: { size: number | null; checksum: string | null; etag?: string; fresh?: boolean; mtime?: Date | null; confirm?: () => void },
  progress: (bytes: number) => void, signal: AbortSignal, wrap: StreamWrapper = noWrap,
): Promise<DownloadResult> {
  const have = expect.fresh ? -1 : await existingSize(tempPath);
  // A body that stalls is destroyed with this error. (No AbortSignal.any of the run's signal and a
  // stall signal: a composite signal per download cost more than a small file's write, bench g.)
  let stalled: RemoteError | null = null;
  const [algo, want] = expect.checksum?.split(':') ?? [];
  const newCheck = () => (algo && want && HASHES[algo.toUpperCase()] ? createHash(HASHES[algo.toUpperCase()]!) : null);
  let check = newCheck();
  let size = 0;
  let received = 0;
  let small = false;
  let opened = false;
  let stat: Stats | undefined;
  try {
    const range = have > 0 && expect.etag ? { from: have, ifRange: expect.etag } : undefined;
    const { body, length, partial } = await dav.get(name, signal, range);
    const offset = partial && range ? range.from : 0;
    small = have < 0 && length !== null && length <= SMALL_DOWNLOAD;
    // One descriptor for the whole download, opened without following a link (O_NOFOLLOW, or
    // O_EXCL for a new file): no later step looks the temp name up again. The write stream owns
    // it (closes it, after an fsync: flush); a rewritten resume file is cut to 0 by O_TRUNC.
    if (!small) expect.confirm?.();
    const fd = small ? -1 : await openFd(tempPath, offset > 0 ? WRITE_AT : have >= 0 ? REWRITE : CREATE_NEW, 0o644);
    opened = !small;
    let streamOwnsFd = small;
    try {
      if (offset > 0 && check) await hashPrefix(fd, offset, check);
      if (offset === 0) check = newCheck();
      size = offset;
      if (offset > 0) progress(offset);
      // Counting, hashing and the stall watchdog watch the bytes go by ('data' beside the pipe)
      // instead of being stream stages of their own: each stage costs per chunk (bench c).
      const source = wrap('down', body);
      const idle = setTimeout(() => {
        stalled = new RemoteError('network', `download of ${name} stalled`);
        source.destroy(stalled);
        body.destroy(stalled);
      }, IDLE_MS);
      const chunks: Buffer[] = [];
      source.on('data', (chunk: Buffer) => {
        idle.refresh();
        size += chunk.length;
        received += chunk.length;
        check?.update(chunk);
        progress(chunk.length);
        if (small) chunks.push(chunk);
        else reclaimAfter(chunk.length);
      });
      try {
        if (small) await finished(source, { signal });
        else {
          // 1 MiB of buffer: the socket keeps flowing while a write is on its way, and queued chunks go out as one writev.
          const out = createWriteStream(tempPath, { fd, flush: true, highWaterMark: STREAM_CHUNK, ...(offset > 0 ? { start: offset } : {}) });
          streamOwnsFd = true;
          await pipeline(source, out, { signal });
        }
      } finally {
        clearTimeout(idle);
      }
      // Exactly the announced bytes only (checked again below): nothing else is ever written.
      if (small && received === length) {
        // Its folder checked again right before the file is made: the body took a while.
        expect.confirm?.();
        opened = true;
        stat = await writeSmallTemp(tempPath, chunks, expect.mtime ?? null);
      }
    } finally {
      if (!streamOwnsFd) await closeFd(fd);
    }
    if (length !== null && received !== length) throw new RemoteError('network', `download of ${name} ended early: ${received} of ${length} bytes`);
    if (expect.size !== null && expect.size !== size && length === null) throw new RemoteError('protocol', `download of ${name}: ${size} bytes, the listing said ${expect.size}`);
    if (check && want && check.digest('hex').toLowerCase() !== want.toLowerCase()) throw new RemoteError('protocol', `download of ${name}: checksum does not match the server's ${algo}`);
    return stat ? { tempPath, size, stat } : { tempPath, size };
  } catch (raw) {
    const error = stalled ?? bodyError(raw, name);
    // Cut off by the network with some bytes here: keep them for a resume (a small file is only
    // ever written whole, so there is nothing to keep). Anything else: start clean.
    // (Writes land in order, so the file holds a correct prefix, whatever its length; a resume asks from there.)
    if (error instanceof RemoteError && error.kind === 'network' && size > 0 && !small && !signal.aborted) throw new PartialDownload(error, tempPath);
    // Never made (its folder failed the check, or the answer was refused): nothing to remove.
    if (opened || have >= 0) await rm(tempPath, { force: true });
    throw error;
  }
}

/** Bytes already in a temp file to resume, -1 when there is none. A link there is never written through. */
async function existingSize(tempPath: string): Promise<number> {
  const st = await lstat(tempPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (st && !st.isFile()) throw new Error(`${tempPath} is not a plain file: not written to`);
  return st ? st.size : -1;
}

/** A response body that broke off is the network's doing; disk errors (ENOSPC…) stay what they are. */
function bodyError(raw: unknown, name: string): unknown {
  if (raw instanceof RemoteError) return raw;
  const e = raw as { code?: string; name?: string; type?: string };
  const broken = e?.code === 'ERR_STREAM_PREMATURE_CLOSE' || e?.code === 'ECONNRESET' || e?.name === 'FetchError' || e?.type === 'system' || e?.code === 'UND_ERR_SOCKET';
  return broken ? new RemoteError('network', `download of ${name} broke off: ${(raw as Error).message}`) : raw;
}

/** SHA-1 of a file, or of its first `length` bytes. */
export async function sha1File(path: string, length?: number): Promise<string> {
  const hash = createHash('sha1');
  if (length === 0) return hash.digest('hex');
  const handle = await open(path, constants.O_RDONLY | O_NOFOLLOW | constants.O_NONBLOCK);
  await pipeline(handle.createReadStream(length === undefined ? {} : { end: length - 1 }), hash);
  return hash.digest('hex');
}

/**
 * Folder fsyncs shared by the renames that wait for them: a rename done before a folder's fsync
 * starts is covered by it. Per folder one fsync runs at a time, and the callers that come while
 * it runs share the next one (as a group commit), so parallel downloads into one folder need few
 * fsyncs, not one each (bench g: 1,536 for 2,000 files when each caller started its own).
 */
export class GroupedDirSync {
  /** The fsync not started yet, per folder: joining it covers a rename done before now. */
  private readonly next = new Map<string, Promise<void>>();
  private readonly running = new Map<string, Promise<void>>();

  sync(dir: string): Promise<void> {
    let next = this.next.get(dir);
    if (!next) {
      const before = this.running.get(dir)?.catch(() => {}) ?? new Promise<void>((resolve) => setImmediate(resolve));
      next = before.then(() => {
        this.next.delete(dir);
        const run = syncDir(dir).finally(() => {
          if (this.running.get(dir) === run) this.running.delete(dir);
        });
        this.running.set(dir, run);
        return run;
      });
      this.next.set(dir, next);
    }
    return next;
  }
}

/**
 * fsync a folder so a rename inside it survives a power cut. The open and close are synchronous
 * (microseconds, cheaper than a thread-pool round trip each); the fsync, which waits for the disk, is not.
 */
export async function syncDir(dir: string): Promise<void> {
  const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await fsyncFd(fd);
  } catch {
    // Some filesystems refuse fsync on a directory (EINVAL); the rename itself is still atomic.
  } finally {
    closeSync(fd);
  }
}
