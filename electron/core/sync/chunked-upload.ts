// Nextcloud chunked upload v2 (developer manual, WebDAV "Chunked file upload"; RELIABILITY.md):
// MKCOL …/uploads/<user>/<id> with Destination, PUT chunks 1..N with Destination and
// OC-Total-Length, then MOVE <id>/.file with Destination, OC-Total-Length, X-OC-Mtime and
// If-Match. Used only where the server's capabilities announce dav.chunking ≥ 1.0, for files
// of at least `threshold` bytes; everything else goes to the plain uploader (one PUT).
//
// Speed: chunk sizes adapt to the link and several chunks are in flight at once, as the server
// announces (chunk-plan.ts). The server assembles by chunk number, so chunks may finish in any
// order. Each chunk's SHA-1 is taken from the bytes as they are sent: the file is read once.
//
// Resume: every chunk is in the record (chunk-record.ts) before its PUT starts, with its SHA-1
// once stored. A later attempt reads back only the stored chunks' bytes, checks them against
// the recorded SHA-1s, sends again every chunk that was in flight (same number, same range) and
// then the rest. 404 on the upload folder (expired after 24 h, or removed) → a clean restart
// under a new id. 412 on the final MOVE → the upload folder is deleted and
// RemoteError('precondition') is thrown: the engine's conflict path. A MOVE whose reply was lost
// (the server assembled the file, we never heard) is recognised on the next attempt by the
// target's size and SHA-1 checksum: no chunk is sent again. The file changing while it is sent
// (size, mtime or ctime differ before the MOVE, or it ends early) never gets assembled.
//
// Wiring (engine helper), in whoever builds SyncEngine (CLI, sync service):
//   const chunked = chunkedUploaderFor({ server: davOptions, stateDir: uploadStateDirFor(journalFile), wrap });
//   new SyncEngine({ ..., uploaderFor: chunked, wrap });
// `chunkedUploaderFor` matches the SyncEngineOptions.uploaderFor seam (size, plain, dav) → Uploader.
//
// HTTP goes through the `webdav` library's customRequest (it has no chunking API of its own);
// the capabilities document is fetched the same way (OCS, not WebDAV).
import { createHash, randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { Transform, type Readable } from 'node:stream';
import type { WebDAVClient } from 'webdav';
import { chunkBoundsFor, chunkingCapabilitiesFrom, ChunkSizer, DEFAULT_PARALLEL, INITIAL_CHUNK, MAX_CHUNK_NUMBER, MiB, NO_CHUNKING, parallelFor, type ChunkingCapabilities, type ChunkSizeBounds } from './chunk-plan.ts';
import { UploadRecords, type RecordedChunk, type UploadRecord } from './chunk-record.ts';
import { agentOptionsFor, type DavClient, type DavOptions, type PutResult } from './dav-client.ts';
import { RemoteError, toRemoteError } from './remote-error.ts';
import { reclaimSent } from './reclaim.ts';
import { noWrap, readRange, type StreamWrapper, type UploadJob, type Uploader } from './transfer.ts';
export interface ChunkedUploadConfig {
  /** The same server options the engine's DavClient gets (url = the user's files root). */
  server: DavOptions;
  /** Folder for the resume records (one small JSON file per upload in progress). */
  stateDir: string;
  /** Bytes of the first chunk (default 10 MiB); later chunks adapt (chunk-plan.ts). */
  chunkSize?: number;
  /** Smallest chunk except the last (default 5 MiB, Nextcloud's minimum). */
  minChunkSize?: number;
  /** Largest chunk (default 100 MiB; the server's files.chunked_upload.max_size lowers it). */
  maxChunkSize?: number;
  /** Time one chunk should take (default 5 s, chunk-plan.ts says why). */
  targetChunkMs?: number;
  /** Most chunks in flight at once per server (default 5; the server's max_parallel_count lowers it). */
  parallel?: number;
  /** Files of at least this size go chunked. Default 2 first chunks' worth. */
  threshold?: number;
  /** Bandwidth limit etc., as for plain transfers. */
  wrap?: StreamWrapper;
  /** Skip the capabilities request and assume chunking is (not) there, with no announced limits (tests, or a known server). */
  chunkingAnnounced?: boolean;
}

/** Without a byte going either way for this long, a chunk's request is given up (a stalled link). */
const IDLE_MS = 60_000;
/** After the last byte of a chunk, the server has this long to answer. */
const ANSWER_MS = 120_000;
/** The final MOVE copies the whole file on the server: allow for that (at 20 MiB/s at least). */
const moveTimeoutMs = (size: number): number => 120_000 + Math.ceil(size / (20 * 1024 * 1024)) * 1000;

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

/** Reads Nextcloud's capabilities (OCS): chunked upload v2 and its announced limits. No Nextcloud: no chunking. */
export async function readChunkingCapabilities(client: WebDAVClient, baseUrl: string, signal?: AbortSignal): Promise<ChunkingCapabilities> {
  try {
    const res = await client.customRequest('', {
      url: `${baseUrl}/ocs/v2.php/cloud/capabilities?format=json`,
      method: 'GET',
      headers: { 'OCS-APIRequest': 'true', Accept: 'application/json' },
      signal: signal ?? AbortSignal.timeout(30_000),
    });
    const json = (await res.json()) as { ocs?: { data?: { capabilities?: unknown } } };
    return chunkingCapabilitiesFrom(json.ocs?.data?.capabilities);
  } catch {
    return NO_CHUNKING; // no Nextcloud (404, not JSON): plain PUT
  }
}

/** How a server takes chunks: its sizes and how many at once. */
interface ServerTerms { caps: ChunkingCapabilities; sizer: ChunkSizer; slots: Slots }

/** At most `limit` holders at once; the others wait in line. */
class Slots {
  private readonly limit: number;
  private used = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(limit: number) {
    this.limit = limit;
  }
  get size(): number {
    return this.limit;
  }
  async take(signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    if (this.used >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const go = (): void => { signal.removeEventListener('abort', stop); resolve(); };
        const stop = (): void => { this.waiting.splice(this.waiting.indexOf(go), 1); reject(signal.reason); };
        this.waiting.push(go);
        signal.addEventListener('abort', stop, { once: true });
      });
    } else {
      this.used++;
    }
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes on
      else this.used--;
    };
  }
}

export class ChunkedUploader implements Uploader {
  private readonly config: ChunkedUploadConfig;
  private readonly plain: Uploader;
  private readonly dav: DavClient;
  /** Made at the first chunked upload: a sync of small files never loads the library (a faster CLI start). */
  private client: Promise<WebDAVClient> | null = null;
  private readonly agent: http.Agent;
  private readonly urls: ReturnType<typeof nextcloudDavUrls>;
  private readonly records: UploadRecords;
  private readonly bounds: Partial<ChunkSizeBounds>;
  readonly threshold: number;
  private terms: Promise<ServerTerms> | null = null;
  /** Requests sent (for tests and the benchmark). */
  requests = 0;

  constructor(config: ChunkedUploadConfig, plain: Uploader, dav: DavClient) {
    this.config = config;
    this.plain = plain;
    this.dav = dav;
    this.bounds = {
      ...(config.chunkSize !== undefined ? { initial: config.chunkSize } : {}),
      ...(config.minChunkSize !== undefined ? { min: config.minChunkSize } : {}),
      ...(config.maxChunkSize !== undefined ? { max: config.maxChunkSize } : {}),
      ...(config.targetChunkMs !== undefined ? { targetMs: config.targetChunkMs } : {}),
    };
    this.threshold = config.threshold ?? 2 * (config.chunkSize ?? INITIAL_CHUNK);
    this.urls = nextcloudDavUrls(config.server.url, config.server.user);
    this.records = new UploadRecords(config.stateDir);
    // Sockets for every chunk in flight, plus the MKCOL / MOVE of another file meanwhile.
    const agentOptions = agentOptionsFor(config.server, (config.parallel ?? DEFAULT_PARALLEL) + 2);
    this.agent = config.server.url.startsWith('https:') ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    if (config.chunkingAnnounced !== undefined) this.terms = Promise.resolve(this.termsFor({ ...NO_CHUNKING, chunking: config.chunkingAnnounced }));
  }

  private termsFor(caps: ChunkingCapabilities): ServerTerms {
    return { caps, sizer: new ChunkSizer(chunkBoundsFor(caps, this.bounds)), slots: new Slots(parallelFor(caps, this.config.parallel)) };
  }

  private webdav(): Promise<WebDAVClient> {
    const { user, password } = this.config.server;
    this.client ??= import('webdav').then(({ createClient }) => createClient(this.urls.uploads, { username: user, password, httpAgent: this.agent, httpsAgent: this.agent as https.Agent }));
    return this.client;
  }

  private serverTerms(): Promise<ServerTerms> {
    this.terms ??= this.webdav().then((client) => readChunkingCapabilities(client, this.urls.base)).then((caps) => this.termsFor(caps));
    return this.terms;
  }

  /** Whether the server announces chunking v2 (asked once, then remembered). */
  async supported(): Promise<boolean> {
    return (await this.serverTerms()).caps.chunking;
  }

  /** Chunks in flight at most, and the size the next chunk would have (for tests and the benchmark). */
  async currentTerms(): Promise<{ parallel: number; chunkSize: number }> {
    const terms = await this.serverTerms();
    return { parallel: terms.slots.size, chunkSize: terms.sizer.current };
  }

  async upload(job: UploadJob): Promise<PutResult> {
    if (job.size < this.threshold) return this.plain.upload(job);
    const terms = await this.serverTerms();
    if (!terms.caps.chunking) return this.plain.upload(job);
    const target = this.dav.serverPath(job.name).replace(/^\//, '');
    let restarted = false;
    for (;;) {
      try {
        return await this.attempt(job, target, terms);
      } catch (error) {
        if (error instanceof UploadFolderGone && !restarted) {
          restarted = true; // expired or removed on the server: start again, once, under a new id
          await this.records.forget(target);
          continue;
        }
        if (error instanceof UploadFolderGone) throw new RemoteError('notFound', `the upload folder of ${job.name} disappeared twice`, 404);
        throw error;
      }
    }
  }

  private async request(method: string, path: string, headers: Record<string, string>, job: UploadJob, options: { data?: Readable; signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Response> {
    this.requests++;
    const signal = options.signal ?? AbortSignal.any([job.signal, AbortSignal.timeout(options.timeoutMs ?? ANSWER_MS)]);
    try {
      return (await (await this.webdav()).customRequest(path, { method, headers, signal, ...(options.data ? { data: options.data as never } : {}) })) as unknown as Response;
    } catch (error) {
      if (job.signal.aborted) throw job.signal.reason;
      if (signal.aborted && signal.reason instanceof Error && !(signal.reason instanceof DOMException)) throw signal.reason;
      throw toRemoteError(error, `${method} ${path} (chunked upload of ${job.name})`);
    }
  }

  private async attempt(job: UploadJob, target: string, terms: ServerTerms): Promise<PutResult> {
    const destination = this.urls.files + encodePath(target);
    const common = { Destination: destination, 'OC-Total-Length': String(job.size) };
    const before = await stat(job.localPath);
    let record = await this.records.load(target);
    if (record && (record.size !== job.size || record.mtimeMs !== job.mtimeMs)) {
      await this.abort(record, job); // another version of the file: its chunks are useless
      record = null;
    }
    // Read ahead only for a resume: the stored chunks' bytes must still be what the server holds.
    const check = record ? await verifyStored(job, record) : null;
    if (record && !check) {
      await this.abort(record, job); // the bytes changed under the same size and mtime
      record = null;
    }
    let wholeSha1 = check?.wholeSha1 ?? null;
    if (!record) {
      record = { id: `werkplek-${randomBytes(12).toString('hex')}`, target, size: job.size, mtimeMs: job.mtimeMs, chunks: [] };
      await this.records.save(record); // first, so an interrupted upload can always be found and cleaned
      await this.request('MKCOL', `/${record.id}`, { Destination: destination }, job).catch((error: unknown) => {
        if (error instanceof RemoteError && error.status === 405) return; // exists already
        throw error;
      });
    } else if (wholeSha1) {
      // Every chunk was stored before: perhaps the MOVE ran and only its reply was lost.
      const done = await this.alreadyAssembled(job, wholeSha1);
      if (done) {
        await this.records.forget(target);
        return done;
      }
    }
    await this.sendChunks(job, record, terms, common);
    const now = await stat(job.localPath).catch(() => null);
    if (!now || now.size !== job.size || now.mtimeMs !== job.mtimeMs) {
      await this.abort(record, job);
      throw new FileChangedError(job.name);
    }
    if (now.ctimeMs !== before.ctimeMs) {
      // Written to (or its mode changed) with size and mtime put back: keep the record; the next
      // attempt reads the stored chunks back and keeps those whose bytes did not change.
      throw new FileChangedError(job.name);
    }
    const moveHeaders: Record<string, string> = { ...common, 'X-OC-Mtime': String(Math.floor(job.mtimeMs / 1000)) };
    if (job.ifMatch) moveHeaders['If-Match'] = `"${job.ifMatch}"`;
    else if (job.ifNoneMatch) moveHeaders['If-None-Match'] = '*'; // create only: never overwrite what appeared meanwhile
    let res: Response;
    try {
      res = await this.request('MOVE', `/${record.id}/.file`, moveHeaders, job, { timeoutMs: moveTimeoutMs(job.size) });
    } catch (error) {
      if (error instanceof RemoteError && error.kind === 'notFound') {
        wholeSha1 ??= await hashFile(job);
        const done = await this.alreadyAssembled(job, wholeSha1);
        if (done) { await this.records.forget(target); return done; }
        throw new UploadFolderGone();
      }
      if (error instanceof RemoteError && (error.kind === 'precondition' || error.kind === 'quota' || error.kind === 'forbidden')) {
        await this.abort(record, job); // the conflict / quota path starts over; these chunks are no use
      }
      throw error;
    }
    await this.records.forget(target);
    const etag = res.headers.get('oc-etag') ?? res.headers.get('etag');
    return { etag: etag ? etag.replace(/^W\//, '').replace(/"/g, '') : null, fileId: res.headers.get('oc-fileid') };
  }

  /**
   * Sends every chunk not yet stored: first those the record has without a SHA-1 (in flight when
   * the last attempt ended; same numbers, same ranges), then new ones after the last, each sized
   * by the sizer, up to the server's count at once. Each chunk is in the record before it is
   * sent. When one fails, no new chunk starts; those in flight finish (and are recorded: less to
   * send next time) unless the failure makes them useless, and the first failure is thrown.
   */
  private async sendChunks(job: UploadJob, record: UploadRecord, terms: ServerTerms, common: Record<string, string>): Promise<void> {
    const redo = record.chunks.filter((c) => c.sha1 === null);
    const last = record.chunks.at(-1);
    let nextOffset = last ? last.offset + last.size : 0;
    let nextN = last ? last.n + 1 : 1;
    let sent = record.chunks.reduce((sum, c) => sum + (c.sha1 === null ? 0 : c.size), 0);
    if (sent > 0) job.progress(sent);
    const stop = new AbortController();
    const signal = AbortSignal.any([job.signal, stop.signal]);
    let failure: unknown = null;
    const nextChunk = (): RecordedChunk | null => {
      const again = redo.shift();
      if (again) return again;
      if (nextOffset >= job.size) return null;
      const size = terms.sizer.next(job.size - nextOffset, MAX_CHUNK_NUMBER - nextN + 1, terms.slots.size);
      const chunk: RecordedChunk = { n: nextN++, offset: nextOffset, size, sha1: null };
      nextOffset += size;
      record.chunks.push(chunk);
      return chunk;
    };
    const worker = async (): Promise<void> => {
      for (;;) {
        const release = await terms.slots.take(signal).catch(() => null);
        if (!release) return;
        try {
          if (failure !== null) return;
          const chunk = nextChunk();
          if (!chunk) return;
          await this.records.save(record); // the server may hold this number from now on
          const started = performance.now();
          chunk.sha1 = await this.sendChunk(job, record, chunk, common, signal);
          terms.sizer.record(chunk.size, performance.now() - started);
          sent += chunk.size;
          await this.records.save(record);
        } catch (error) {
          failure ??= error;
          // Useless to go on with the others: the folder is gone, the server is full, the file changed, or we stop.
          if (error instanceof UploadFolderGone || error instanceof FileChangedError || (error instanceof RemoteError && error.kind === 'quota') || job.signal.aborted) stop.abort(error);
          return;
        } finally {
          release();
        }
      }
    };
    // As many workers as the server takes chunks at once; the shared slots keep the count per server.
    await Promise.all(Array.from({ length: terms.slots.size }, worker));
    job.signal.throwIfAborted(); // stopped while waiting for a slot: the run's reason, not a short count
    if (failure !== null) {
      if (failure instanceof FileChangedError || (failure instanceof RemoteError && failure.kind === 'quota')) await this.abort(record, job);
      throw failure;
    }
    if (sent !== job.size) throw new RemoteError('protocol', `chunked upload of ${job.name}: ${sent} of ${job.size} bytes stored`);
  }

  /** One chunk PUT; returns the SHA-1 of the bytes sent (taken as they go out). */
  private async sendChunk(job: UploadJob, record: UploadRecord, chunk: RecordedChunk, common: Record<string, string>, signal: AbortSignal): Promise<string> {
    const wrap = this.config.wrap ?? noWrap;
    const source = readRange(job, chunk.offset, chunk.offset + chunk.size - 1, MiB);
    const body = wrap('up', source);
    const stall = new AbortController();
    const idle = setTimeout(() => stall.abort(new RemoteError('network', `upload of chunk ${chunk.n} of ${job.name} stalled`)), IDLE_MS);
    let answer: NodeJS.Timeout | undefined;
    const counted = countAndHash(chunk.size, job.name, (bytes) => { idle.refresh(); job.progress(bytes); reclaimSent(bytes); }, () => {
      clearTimeout(idle);
      answer = setTimeout(() => stall.abort(new RemoteError('network', `no answer after chunk ${chunk.n} of ${job.name}`)), ANSWER_MS);
    });
    body.on('error', (error) => counted.stream.destroy(error));
    body.pipe(counted.stream);
    try {
      await this.request('PUT', `/${record.id}/${chunk.n}`, { ...common, 'Content-Type': 'application/octet-stream', 'Content-Length': String(chunk.size) }, job, {
        data: counted.stream, signal: AbortSignal.any([signal, stall.signal]),
      });
    } catch (error) {
      if (counted.short()) throw new FileChangedError(job.name);
      if (error instanceof RemoteError && (error.kind === 'notFound' || error.kind === 'parentMissing')) throw new UploadFolderGone();
      throw error;
    } finally {
      clearTimeout(idle);
      clearTimeout(answer);
      if (!source.readableEnded) source.destroy();
      if (!body.readableEnded) body.destroy();
    }
    return counted.sha1();
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
  private async abort(record: UploadRecord, job: UploadJob): Promise<void> {
    await this.request('DELETE', `/${record.id}`, {}, job).catch(() => undefined);
    await this.records.forget(record.target);
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

/**
 * A pass-through stage for one chunk: SHA-1 and progress of the bytes as they go, and exactly
 * `size` of them (a file that ended early fails the request instead of leaving it waiting).
 */
function countAndHash(size: number, name: string, onBytes: (n: number) => void, onEnd: () => void): { stream: Transform; sha1: () => string; short: () => boolean } {
  const hash = createHash('sha1');
  let seen = 0;
  let short = false;
  const stream = new Transform({
    transform(data: Buffer, _encoding, done) {
      seen += data.length;
      hash.update(data);
      onBytes(data.length);
      done(null, data);
    },
    flush(done) {
      onEnd();
      if (seen === size) return done();
      short = true;
      done(new FileChangedError(name));
    },
  });
  return { stream, sha1: () => hash.digest('hex'), short: () => short };
}

/**
 * For a resume: reads back the stored chunks (in order) and checks each against its recorded
 * SHA-1. Null when any differs. When the stored chunks cover the whole file, also the SHA-1 of
 * the whole file (the same read), to recognise a MOVE whose reply was lost.
 */
async function verifyStored(job: UploadJob, record: UploadRecord): Promise<{ wholeSha1: string | null } | null> {
  const stored = record.chunks.filter((c) => c.sha1 !== null);
  const whole = createHash('sha1');
  let contiguous = 0;
  for (const c of stored) {
    const hash = createHash('sha1');
    let got = 0;
    for await (const buf of readRange(job, c.offset, c.offset + c.size - 1, MiB) as AsyncIterable<Buffer>) {
      hash.update(buf);
      if (contiguous === c.offset) whole.update(buf);
      got += buf.length;
    }
    if (got !== c.size || hash.digest('hex') !== c.sha1) return null;
    if (contiguous === c.offset) contiguous += c.size;
  }
  return { wholeSha1: contiguous === job.size ? whole.digest('hex') : null };
}

/** SHA-1 of the whole file: only where a MOVE's answer went missing. */
async function hashFile(job: UploadJob): Promise<string> {
  const hash = createHash('sha1');
  for await (const buf of readRange(job, 0, job.size - 1, MiB) as AsyncIterable<Buffer>) hash.update(buf);
  return hash.digest('hex');
}

/** The engine seam (SyncEngineOptions.uploaderFor): one ChunkedUploader per engine, made on first use. */
export function chunkedUploaderFor(config: ChunkedUploadConfig): (size: number, plain: Uploader, dav: DavClient) => Uploader {
  let uploader: ChunkedUploader | null = null;
  return (_size, plain, dav) => (uploader ??= new ChunkedUploader(config, plain, dav));
}
