// Nextcloud chunked upload v2 (developer manual, WebDAV "Chunked file upload"; RELIABILITY.md):
// MKCOL …/uploads/<user>/<id> with Destination, PUT chunks 1..N with Destination and
// OC-Total-Length, then MOVE <id>/.file with Destination, OC-Total-Length, X-OC-Mtime and
// If-Match. Used only where the server's capabilities announce dav.chunking ≥ 1.0, for files
// of at least `threshold` bytes; everything else goes to the plain uploader (one PUT).
//
// Resume: the chunks already stored are recorded (offset, size, SHA-1) in a state file per
// target under `stateDir`, written after each chunk; a later attempt re-reads the local bytes,
// checks them against the recorded SHA-1s and sends only what is missing. The server cannot
// give chunks back, so this record is the only truth. 404 on the upload folder (expired after
// 24 h, or removed) → a clean restart under a new id. 412 on the final MOVE → the upload
// folder is deleted and RemoteError('precondition') is thrown: the engine's conflict path.
// A MOVE whose reply was lost (the server assembled the file, we never heard) is recognised on
// the next attempt by the target's size and SHA-1 checksum: no chunk is sent again.
//
// Wiring (engine helper), in whoever builds SyncEngine (CLI, sync service):
//   const chunked = chunkedUploaderFor({ server: davOptions, stateDir: uploadStateDirFor(journalFile), wrap });
//   new SyncEngine({ ..., uploaderFor: chunked, wrap });
// `chunkedUploaderFor` matches the SyncEngineOptions.uploaderFor seam (size, plain, dav) → Uploader.
//
// HTTP goes through the `webdav` library's customRequest (it has no chunking API of its own);
// the capabilities document is fetched the same way (OCS, not WebDAV).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { createClient, type WebDAVClient } from 'webdav';
import { agentOptionsFor, type DavClient, type DavOptions, type PutResult } from './dav-client.ts';
import { RemoteError, toRemoteError } from './remote-error.ts';
import { noWrap, readRange, type StreamWrapper, type UploadJob, type Uploader } from './transfer.ts';

export interface ChunkedUploadConfig {
  /** The same server options the engine's DavClient gets (url = the user's files root). */
  server: DavOptions;
  /** Folder for the resume records (one small JSON file per upload in progress). */
  stateDir: string;
  /** Bytes per chunk (Nextcloud: 5 MB..5 GB except the last). Default 10 MiB. */
  chunkSize?: number;
  /** Files of at least this size go chunked. Default 2 chunks' worth. */
  threshold?: number;
  /** Bandwidth limit etc., as for plain transfers. */
  wrap?: StreamWrapper;
  /** Skip the capabilities request and assume this answer (tests, or a known server). */
  chunkingAnnounced?: boolean;
}

interface StoredChunk { n: number; offset: number; size: number; sha1: string }

interface UploadState {
  id: string;
  /** Server path of the target (relative to the files root). */
  target: string;
  size: number;
  mtimeMs: number;
  chunkSize: number;
  chunks: StoredChunk[];
}

const REQUEST_TIMEOUT_MS = 120_000;
const MiB = 1024 * 1024;

/** Where the server keeps uploads and files (Nextcloud's /remote.php/dav/{uploads,files}/<user>/). */
export function nextcloudDavUrls(filesUrl: string, user: string): { base: string; files: string; uploads: string } {
  const url = new URL(filesUrl);
  const at = url.pathname.indexOf('/remote.php/');
  const prefix = at >= 0 ? url.pathname.slice(0, at) : url.pathname.replace(/\/$/, '');
  const base = `${url.origin}${prefix}`;
  // The files root names the account by its user id (OCS cloud/user, which differs from the login
  // name for accounts made by user_oidc or LDAP); the uploads folder must use the same id.
  const fromRoot = url.pathname.match(/\/remote\.php\/dav\/files\/([^/]+)/)?.[1];
  const u = fromRoot ?? encodeURIComponent(user);
  return { base, files: `${base}/remote.php/dav/files/${u}/`, uploads: `${base}/remote.php/dav/uploads/${u}/` };
}

const encodePath = (path: string): string => path.split('/').filter(Boolean).map(encodeURIComponent).join('/');

/** Reads Nextcloud's capabilities: is chunked upload v2 (dav.chunking ≥ 1.0) announced? */
export async function detectChunkingV2(client: WebDAVClient, baseUrl: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const res = await client.customRequest('', {
      url: `${baseUrl}/ocs/v2.php/cloud/capabilities?format=json`,
      method: 'GET',
      headers: { 'OCS-APIRequest': 'true', Accept: 'application/json' },
      signal: signal ?? AbortSignal.timeout(30_000),
    });
    const json = (await res.json()) as { ocs?: { data?: { capabilities?: { dav?: { chunking?: unknown } } } } };
    const version = json.ocs?.data?.capabilities?.dav?.chunking;
    return typeof version === 'string' && Number.parseFloat(version) >= 1;
  } catch {
    return false; // no Nextcloud (404, not JSON): plain PUT
  }
}

export class ChunkedUploader implements Uploader {
  private readonly config: ChunkedUploadConfig;
  private readonly plain: Uploader;
  private readonly dav: DavClient;
  private readonly client: WebDAVClient;
  private readonly urls: ReturnType<typeof nextcloudDavUrls>;
  private readonly chunkSize: number;
  readonly threshold: number;
  private announced: Promise<boolean> | null = null;
  /** Requests sent (for tests and the benchmark). */
  requests = 0;

  constructor(config: ChunkedUploadConfig, plain: Uploader, dav: DavClient) {
    this.config = config;
    this.plain = plain;
    this.dav = dav;
    this.chunkSize = config.chunkSize ?? 10 * MiB;
    this.threshold = config.threshold ?? 2 * this.chunkSize;
    this.urls = nextcloudDavUrls(config.server.url, config.server.user);
    const agentOptions = agentOptionsFor(config.server, 4);
    const agent = config.server.url.startsWith('https:') ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.client = createClient(this.urls.uploads, {
      username: config.server.user, password: config.server.password, httpAgent: agent, httpsAgent: agent as https.Agent,
    });
    if (config.chunkingAnnounced !== undefined) this.announced = Promise.resolve(config.chunkingAnnounced);
  }

  /** Whether the server announces chunking v2 (asked once, then remembered). */
  supported(): Promise<boolean> {
    this.announced ??= detectChunkingV2(this.client, this.urls.base);
    return this.announced;
  }

  async upload(job: UploadJob): Promise<PutResult> {
    if (job.size < this.threshold || !(await this.supported())) return this.plain.upload(job);
    const target = this.dav.serverPath(job.name).replace(/^\//, '');
    let restarted = false;
    for (;;) {
      try {
        return await this.attempt(job, target);
      } catch (error) {
        if (error instanceof UploadFolderGone && !restarted) {
          restarted = true; // expired or removed on the server: start again, once, under a new id
          await this.forget(target);
          continue;
        }
        if (error instanceof UploadFolderGone) throw new RemoteError('notFound', `the upload folder of ${job.name} disappeared twice`, 404);
        throw error;
      }
    }
  }

  private stateFile(target: string): string {
    return join(this.config.stateDir, `${createHash('sha1').update(target).digest('hex')}.json`);
  }

  private async load(target: string): Promise<UploadState | null> {
    try {
      return JSON.parse(await readFile(this.stateFile(target), 'utf8')) as UploadState;
    } catch {
      return null;
    }
  }

  private async save(state: UploadState): Promise<void> {
    await mkdir(this.config.stateDir, { recursive: true });
    const file = this.stateFile(state.target);
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(state));
    await rename(tmp, file);
  }

  private async forget(target: string): Promise<void> {
    await rm(this.stateFile(target), { force: true });
  }

  private async request(method: string, path: string, headers: Record<string, string>, job: UploadJob, data?: NodeJS.ReadableStream): Promise<Response> {
    this.requests++;
    const signal = AbortSignal.any([job.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
    try {
      return (await this.client.customRequest(path, { method, headers, signal, ...(data ? { data: data as never } : {}) })) as unknown as Response;
    } catch (error) {
      if (job.signal.aborted) throw job.signal.reason;
      throw toRemoteError(error, `${method} ${path} (chunked upload of ${job.name})`);
    }
  }

  private async attempt(job: UploadJob, target: string): Promise<PutResult> {
    const destination = this.urls.files + encodePath(target);
    const common = { Destination: destination, 'OC-Total-Length': String(job.size) };
    let state = await this.load(target);
    if (state && (state.size !== job.size || state.mtimeMs !== job.mtimeMs || state.chunkSize !== this.chunkSize)) {
      await this.abort(state, job); // another version of the file: its chunks are useless
      state = null;
    }
    const local = await hashRanges(job, job.size, this.chunkSize);
    if (state && state.chunks.some((c) => local.chunks[c.n - 1] !== c.sha1)) {
      await this.abort(state, job); // the bytes changed under the same size and mtime
      state = null;
    }
    if (!state) {
      state = { id: `werkplek-${randomBytes(12).toString('hex')}`, target, size: job.size, mtimeMs: job.mtimeMs, chunkSize: this.chunkSize, chunks: [] };
      await this.save(state); // first, so an interrupted upload can always be found and cleaned
      await this.request('MKCOL', `/${state.id}`, { Destination: destination }, job).catch((error: unknown) => {
        if (error instanceof RemoteError && error.status === 405) return; // exists already
        throw error;
      });
    } else if (state.chunks.length === local.chunks.length) {
      // Every chunk was stored before: perhaps the MOVE ran and only its reply was lost.
      const done = await this.alreadyAssembled(job, local.sha1);
      if (done) {
        await this.forget(target);
        return done;
      }
    }
    const wrap = this.config.wrap ?? noWrap;
    const stored = new Set(state.chunks.map((c) => c.n));
    let sent = state.chunks.reduce((sum, c) => sum + c.size, 0);
    if (sent > 0) job.progress(sent);
    for (let n = 1; n <= local.chunks.length; n++) {
      if (stored.has(n)) continue;
      const offset = (n - 1) * this.chunkSize;
      const size = Math.min(this.chunkSize, job.size - offset);
      const body = readRange(job, offset, offset + size - 1, 256 * 1024);
      const sentHash = createHash('sha1');
      const counter = new Transform({ transform(chunk: Buffer, _e, done) { sentHash.update(chunk); job.progress(chunk.length); done(null, chunk); } });
      const wrapped = wrap('up', body);
      pipeline(wrapped, counter).catch(() => undefined);
      try {
        await this.request('PUT', `/${state.id}/${n}`, { ...common, 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) }, job, counter);
      } catch (error) {
        body.destroy();
        if (error instanceof RemoteError && (error.kind === 'notFound' || error.kind === 'parentMissing')) throw new UploadFolderGone();
        if (error instanceof RemoteError && error.kind === 'quota') await this.abort(state, job);
        throw error;
      }
      if (sentHash.digest('hex') !== local.chunks[n - 1]) {
        // The file changed while it was being sent: never assemble a mix of two versions.
        await this.abort(state, job);
        throw new FileChangedError(job.name);
      }
      sent += size;
      state.chunks.push({ n, offset, size, sha1: local.chunks[n - 1]! });
      await this.save(state);
    }
    const now = await stat(job.localPath).catch(() => null);
    if (!now || now.size !== job.size || now.mtimeMs !== job.mtimeMs) {
      await this.abort(state, job);
      throw new FileChangedError(job.name);
    }
    const moveHeaders: Record<string, string> = { ...common, 'X-OC-Mtime': String(Math.floor(job.mtimeMs / 1000)) };
    if (job.ifMatch) moveHeaders['If-Match'] = `"${job.ifMatch}"`;
    else if (job.ifNoneMatch) moveHeaders['If-None-Match'] = '*'; // create only: never overwrite what appeared meanwhile
    let res: Response;
    try {
      res = await this.request('MOVE', `/${state.id}/.file`, moveHeaders, job);
    } catch (error) {
      if (error instanceof RemoteError && error.kind === 'notFound') {
        const done = await this.alreadyAssembled(job, local.sha1);
        if (done) { await this.forget(target); return done; }
        throw new UploadFolderGone();
      }
      if (error instanceof RemoteError && (error.kind === 'precondition' || error.kind === 'quota' || error.kind === 'forbidden')) {
        await this.abort(state, job); // the conflict / quota path starts over; these chunks are no use
      }
      throw error;
    }
    await this.forget(target);
    const etag = res.headers.get('oc-etag') ?? res.headers.get('etag');
    return { etag: etag ? etag.replace(/^W\//, '').replace(/"/g, '') : null, fileId: res.headers.get('oc-fileid') };
  }

  /** The server already holds exactly these bytes at the target (size and SHA-1 match)? */
  private async alreadyAssembled(job: UploadJob, sha1: string): Promise<PutResult | null> {
    const entry = await this.dav.stat(job.name, job.signal).catch(() => null);
    if (!entry || entry.type !== 'file' || entry.size !== job.size || !entry.checksum) return null;
    const [algo, value] = entry.checksum.split(':');
    if (algo?.toUpperCase() !== 'SHA1' || value?.toLowerCase() !== sha1) return null;
    return { etag: entry.etag, fileId: entry.fileId };
  }

  /** DELETE the upload folder (best effort) and forget it. */
  private async abort(state: UploadState, job: UploadJob): Promise<void> {
    await this.request('DELETE', `/${state.id}`, {}, job).catch(() => undefined);
    await this.forget(state.target);
  }
}

class UploadFolderGone extends Error {}

/** The local file changed during its upload: nothing was assembled; the next sync sends it again. */
export class FileChangedError extends Error {
  constructor(name: string) {
    super(`${name} changed while it was being uploaded: it is sent again on the next sync`);
    this.name = 'FileChangedError';
  }
}

/** SHA-1 of each chunk-sized range and of the whole file, in one read. */
async function hashRanges(job: Pick<UploadJob, 'localPath' | 'fd'>, size: number, chunkSize: number): Promise<{ chunks: string[]; sha1: string }> {
  const whole = createHash('sha1');
  const chunks: string[] = [];
  let current = createHash('sha1');
  let inChunk = 0;
  let total = 0;
  for await (const buf of readRange(job, 0, Math.max(0, size - 1), MiB) as AsyncIterable<Buffer>) {
    let data = size === 0 ? Buffer.alloc(0) : buf.subarray(0, Math.max(0, size - total));
    total += data.length;
    whole.update(data);
    while (data.length) {
      const take = Math.min(chunkSize - inChunk, data.length);
      current.update(data.subarray(0, take));
      inChunk += take;
      data = data.subarray(take);
      if (inChunk === chunkSize) { chunks.push(current.digest('hex')); current = createHash('sha1'); inChunk = 0; }
    }
  }
  if (total !== size) throw new RemoteError('protocol', `${job.localPath} is shorter than when it was scanned (${total} of ${size} bytes)`);
  if (inChunk > 0) chunks.push(current.digest('hex'));
  return { chunks, sha1: whole.digest('hex') };
}

/** The engine seam (SyncEngineOptions.uploaderFor): one ChunkedUploader per engine, made on first use. */
export function chunkedUploaderFor(config: ChunkedUploadConfig): (size: number, plain: Uploader, dav: DavClient) => Uploader {
  let uploader: ChunkedUploader | null = null;
  return (_size, plain, dav) => (uploader ??= new ChunkedUploader(config, plain, dav));
}
