// The only module that talks WebDAV, through the `webdav` client library with keep-alive agents.
// It sends Nextcloud's PROPFIND body (oc:fileid, oc:permissions, oc:checksums) and maps answers to
// RemoteEntry / RemoteError. Hand-written HTTP for the requests whose answer body is not needed
// (PUT, MKCOL, DELETE, MOVE; see send()): the library sends them through node-fetch, whose
// per-request stages cost more than the upload of a small file. Listings and GET use the library.
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { posix } from 'node:path';
import { createClient, parseXML, prepareFileFromProps, type FileStat, type WebDAVClient } from 'webdav';
import type { EntryType, RemoteEntry } from './model.ts';
import { classifyStatus, RemoteError, toRemoteError } from './remote-error.ts';
import type { NodeProxyEnv } from '../shell/proxy.ts';

const PROPFIND_BODY = `<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
  <d:prop><d:resourcetype/><d:getetag/><d:getcontentlength/><d:getlastmodified/>
    <oc:fileid/><oc:permissions/><oc:size/><oc:checksums/><oc:data-fingerprint/></d:prop>
</d:propfind>`;

/** Props whose text must stay text (the XML parser would turn "00123" into 123). */
const TEXT_PROPS = /prop\.(getetag|fileid|permissions|checksum|displayname|data-fingerprint)$/;
const REQUEST_TIMEOUT_MS = 60_000;

export interface DavOptions {
  /** The WebDAV root of the account, e.g. https://cloud.example.org/remote.php/dav/files/anna/ */
  url: string;
  user: string;
  password: string;
  /** Folder on the server that is synced, '/' for all. */
  remoteDir?: string;
  maxSockets?: number;
  /** HTTP_PROXY / HTTPS_PROXY / NO_PROXY for this client (from shell.proxy); none: connect directly. */
  proxyEnv?: NodeProxyEnv | null;
  /** A request fails after this long without an answer (default 60 s; tests of a hung server use less). */
  requestTimeoutMs?: number;
}

/** Keep-alive agent options, through the proxy when one is set (Node's Agent `proxyEnv`). */
export const agentOptionsFor = (options: Pick<DavOptions, 'proxyEnv'>, maxSockets: number): http.AgentOptions & { noDelay: boolean } => ({
  keepAlive: true, maxSockets, noDelay: true, ...(options.proxyEnv ? { proxyEnv: options.proxyEnv } : {}),
});

export interface PutResult {
  etag: string | null;
  fileId: string | null;
  /** The server's clock when it answered (its Date header), ms; null when absent. */
  serverTimeMs?: number | null;
}

export interface Listing {
  self: RemoteEntry;
  children: RemoteEntry[];
  /** The server sent Nextcloud properties (fileid): its folder ETags change with their contents. */
  nextcloud: boolean;
  /** Nextcloud's oc:data-fingerprint of the folder: a new value means the server was restored from a backup. */
  dataFingerprint: string | null;
}

/** OC-FileId is the long form ("00000042oc1a2b3c": id, then instance id); oc:fileid is just 42. */
export const numericFileId = (header: string | null): string | null => {
  const digits = header?.match(/^(\d+)oc/)?.[1];
  return digits ? String(Number(digits)) : null;
};

const header = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? value[0] ?? null : value ?? null);

/** Cancels of requests in flight, per signal: one 'abort' listener per signal (a run's), not an add and a remove per request. */
const inFlight = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `cancel` when `signal` aborts; returns the function that forgets it (the request is done). */
function whenAborted(signal: AbortSignal, cancel: () => void): () => void {
  let cancels = inFlight.get(signal);
  if (!cancels) {
    const all = new Set<() => void>();
    inFlight.set(signal, (cancels = all));
    signal.addEventListener('abort', () => {
      for (const c of [...all]) c();
      all.clear();
    }, { once: true });
  }
  const mine = cancels;
  mine.add(cancel);
  return () => mine.delete(cancel);
}

const noAnswer = (what: string): RemoteError => new RemoteError('network', `no answer for ${what}`);

/**
 * Deadlines of requests whose body is in memory (or empty): one timer for all of them, looking
 * every so often, instead of a socket timeout set and cleared per request, which cost a visible
 * share of a small upload's CPU (bench a). Streamed bodies keep their socket idle timeout: their
 * time depends on their size, not on the server's silence.
 */
class Watchdog {
  private readonly deadlines = new Map<http.ClientRequest, { at: number; what: string }>();
  private timer: NodeJS.Timeout | null = null;
  private readonly timeoutMs: number;
  private readonly everyMs: number;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    // A late answer is noticed within a quarter of the timeout, and at most a second after it.
    this.everyMs = Math.max(10, Math.min(1000, Math.floor(timeoutMs / 4)));
  }

  watch(req: http.ClientRequest, what: string): void {
    this.deadlines.set(req, { at: Date.now() + this.timeoutMs, what });
    // unref: a request still running must not be the only thing keeping a CLI process alive.
    this.timer ??= setInterval(() => this.check(), this.everyMs).unref();
  }

  forget(req: http.ClientRequest): void {
    this.deadlines.delete(req);
  }

  private check(): void {
    const now = Date.now();
    for (const [req, { at, what }] of this.deadlines) {
      if (now < at) continue;
      this.deadlines.delete(req);
      req.destroy(noAnswer(what));
    }
    if (this.deadlines.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

const join = (...parts: string[]): string => `/${parts.join('/').split('/').filter(Boolean).join('/')}`;

export class DavClient {
  readonly url: string;
  readonly remoteDir: string;
  private readonly client: WebDAVClient;
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly authorization: string;
  /** The account root's URL path without its trailing slash. */
  private readonly basePath: string;
  private readonly timeoutMs: number;
  /** Count of HTTP requests sent, for tests and the benchmark. */
  requests = 0;
  private readonly watchdog: Watchdog;

  constructor(options: DavOptions) {
    this.url = options.url.endsWith('/') ? options.url : `${options.url}/`;
    this.remoteDir = join(options.remoteDir ?? '/');
    this.timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.watchdog = new Watchdog(this.timeoutMs);
    const agentOptions = agentOptionsFor(options, options.maxSockets ?? 8);
    this.agent = this.url.startsWith('https:') ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.base = new URL(this.url);
    this.basePath = this.base.pathname.replace(/\/$/, '');
    this.authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
    this.client = createClient(this.url, {
      username: options.user,
      password: options.password,
      httpAgent: this.agent,
      httpsAgent: this.agent as https.Agent,
    });
    this.client.registerTagParser((path, value) => (TEXT_PROPS.test(path) ? undefined : value));
  }

  /** Server path (for the library) of a sync-relative name. */
  serverPath(name: string): string {
    // The engine's names are clean relative paths: skip the split-and-join for them (per request).
    if (name !== '' && !name.startsWith('/') && !name.endsWith('/') && !name.includes('//')) return this.remoteDir === '/' ? `/${name}` : `${this.remoteDir}/${name}`;
    return join(this.remoteDir, name);
  }

  private async call<T>(what: string, work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    // node-fetch handed an already-aborted signal destroys its own body stream with an error that
    // nobody listens to (an uncaught exception): never start a request that is already cancelled.
    signal?.throwIfAborted();
    this.requests++;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      return await work(signal ? AbortSignal.any([signal, timeout]) : timeout);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toRemoteError(error, what);
    }
  }

  /** PROPFIND Depth 1 of a folder (sync-relative name; '' is the sync root). */
  async list(name: string, signal?: AbortSignal): Promise<Listing> {
    const path = this.serverPath(name);
    // The raw multistatus is checked to be complete before it is parsed: the library's XML
    // parser is lenient and would turn a cut-off listing into a shorter one (files "deleted").
    const text = await this.call(`list ${path}`, async (s) => {
      const res = await this.client.customRequest(path.endsWith('/') ? path : `${path}/`, { method: 'PROPFIND', headers: { Depth: '1', Accept: 'text/plain,application/xml', 'Content-Type': 'application/xml; charset=utf-8' }, data: PROPFIND_BODY, signal: s });
      return res.text();
    }, signal);
    if (!/<\/(?:[\w.-]+:)?multistatus>\s*$/.test(text)) throw new RemoteError('protocol', `the listing of ${path} is cut off or not a WebDAV multistatus`);
    const items = await this.parseListing(text);
    const selfStat = items.find((i) => i.filename === path || i.filename === `${path}/` || (path === '/' && i.filename === '/'));
    if (!selfStat) throw new RemoteError('protocol', `the listing of ${path} does not describe the folder itself`);
    const self = this.toEntry(selfStat, name);
    if (self.type !== 'dir') throw new RemoteError('protocol', `${path} is not a folder on the server`);
    // Only direct children: a server that ignores "Depth: 1" must not make deeper items look like ours.
    const direct = (i: FileStat): boolean => i !== selfStat && posix.dirname(i.filename) === (path === '/' ? '/' : path.replace(/\/$/, ''));
    const children = items.filter(direct).map((i) => this.toEntry(i, name === '' ? i.basename : `${name}/${i.basename}`));
    const fingerprint = (selfStat.props as Record<string, unknown> | undefined)?.['data-fingerprint'];
    return { self, children, nextcloud: self.fileId !== null, dataFingerprint: typeof fingerprint === 'string' || typeof fingerprint === 'number' ? String(fingerprint) || null : null };
  }

  /** Multistatus text → FileStats, as the library's getDirectoryContents maps them (filenames relative to the account root). */
  private async parseListing(text: string): Promise<FileStat[]> {
    const tagParsers = [(p: string, v: string) => (TEXT_PROPS.test(p) ? undefined : v)];
    const xml = await parseXML(text, { attributeNamePrefix: '@', attributeParsers: [], tagParsers } as never);
    const base = decodeURIComponent(new URL(this.url).pathname);
    const responses = (xml.multistatus as { response?: unknown }).response;
    return (Array.isArray(responses) ? responses : responses ? [responses] : []).map((item: { href: string; propstat?: { prop?: unknown } | { prop?: unknown }[] }) => {
      const href = decodeURIComponent(String(item.href).replace(/^https?:\/\/[^/]+/, ''));
      const filename = `/${posix.relative(base, href)}`.replace(/(.)\/$/, '$1');
      const propstat = Array.isArray(item.propstat) ? item.propstat[0] : item.propstat;
      if (!propstat?.prop) throw new RemoteError('protocol', `the listing has an entry without properties: ${href}`);
      return prepareFileFromProps(propstat.prop as never, filename, true);
    });
  }

  /** PROPFIND Depth 0 of one item; null when it does not exist. */
  async stat(name: string, signal?: AbortSignal): Promise<RemoteEntry | null> {
    const path = this.serverPath(name);
    try {
      const stat = await this.call(`stat ${path}`, (s) => this.client.stat(path, { details: true, data: PROPFIND_BODY, signal: s }), signal);
      return this.toEntry((stat as { data: FileStat }).data, name);
    } catch (error) {
      if (error instanceof RemoteError && error.kind === 'notFound') return null;
      throw error;
    }
  }

  private toEntry(stat: FileStat, name: string): RemoteEntry {
    const props = (stat.props ?? {}) as Record<string, unknown>;
    const text = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));
    const type: EntryType = stat.type === 'directory' ? 'dir' : 'file';
    // Apache marks an ETag weak (W/) within a second of a change and strong after: same version.
    const etag = text(props.getetag)?.replace(/^W\//, '').replace(/"/g, '') ?? null;
    const checksums = props.checksums as { checksum?: unknown } | undefined;
    const checksum = text(Array.isArray(checksums?.checksum) ? checksums.checksum[0] : checksums?.checksum);
    const size = type === 'file' ? Number(props.getcontentlength ?? stat.size ?? 0) : Number(props.size ?? 0);
    const mtime = stat.lastmod ? Date.parse(stat.lastmod) : 0;
    return {
      path: name.normalize('NFC'),
      name,
      type,
      etag: etag ?? '',
      fileId: text(props.fileid),
      permissions: text(props.permissions),
      size: Number.isFinite(size) ? size : 0,
      mtimeMs: Number.isNaN(mtime) ? 0 : mtime,
      checksum: checksum ? checksum.split(' ')[0]! : null,
    };
  }

  /** GET as a stream; the caller consumes it. */
  /** With `from`: only the bytes from that offset, and only if the server still has version `ifRange` (206; else 200 with all). */
  async get(name: string, signal?: AbortSignal, range?: { from: number; ifRange: string }): Promise<{ body: Readable; length: number | null; partial: boolean }> {
    signal?.throwIfAborted();
    const path = this.serverPath(name);
    this.requests++;
    // Until the headers arrive a hung server must not hold the transfer forever; the body has its own idle watchdog.
    const headers = new AbortController();
    const timer = setTimeout(() => headers.abort(noAnswer(path)), this.timeoutMs);
    try {
      const rangeHeaders: Record<string, string> = range ? { Range: `bytes=${range.from}-`, 'If-Range': `"${range.ifRange}"` } : {};
      const response = await this.client.customRequest(path, { method: 'GET', headers: rangeHeaders, signal: signal ? AbortSignal.any([signal, headers.signal]) : headers.signal });
      clearTimeout(timer);
      const length = response.headers.get('content-length');
      const body = (response as unknown as { body: Readable | null }).body;
      if (!body) throw new RemoteError('protocol', `no body in the answer for ${path}`);
      return { body, length: length === null ? null : Number(length), partial: response.status === 206 };
    } catch (error) {
      clearTimeout(timer);
      if (headers.signal.aborted) throw headers.signal.reason;
      throw toRemoteError(error, `download ${path}`);
    }
  }

  /**
   * PUT a stream (or a buffer) of known length. `ifMatch`: only overwrite this version;
   * `ifNoneMatch`: only create. No answer within the client's request timeout fails it.
   */
  async put(name: string, body: Readable | Buffer, size: number, options: { ifMatch?: string | null; ifNoneMatch?: boolean; mtimeMs?: number; signal?: AbortSignal }): Promise<PutResult> {
    const headers = ['Content-Type', 'application/octet-stream', 'Content-Length', String(size)];
    if (options.ifMatch) headers.push('If-Match', `"${options.ifMatch}"`);
    else if (options.ifNoneMatch) headers.push('If-None-Match', '*');
    if (options.mtimeMs !== undefined) headers.push('X-OC-MTime', String(Math.floor(options.mtimeMs / 1000)));
    const path = this.serverPath(name);
    const res = await this.send('PUT', path, `upload ${path}`, headers, body, options.signal);
    // The four answer headers wanted, from rawHeaders in one pass: res.headers would build an
    // object of all of them first, a measurable part of a small upload's cost (bench a).
    let ocEtag: string | null = null, etag: string | null = null, fileId: string | null = null, date: string | null = null;
    const raw = res.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      const key = raw[i]!.toLowerCase();
      if (key === 'oc-etag') ocEtag ??= raw[i + 1]!;
      else if (key === 'etag') etag ??= raw[i + 1]!;
      else if (key === 'oc-fileid') fileId ??= raw[i + 1]!;
      else if (key === 'date') date ??= raw[i + 1]!;
    }
    const version = ocEtag ?? etag;
    return { etag: version ? version.replace(/^W\//, '').replace(/"/g, '') : null, fileId: numericFileId(fileId), serverTimeMs: this.parseDate(date) };
  }

  private lastDate: { text: string; ms: number | null } = { text: '', ms: null };

  /** An HTTP date in ms, null when absent or unreadable; answers within one second share theirs. */
  private parseDate(text: string | null): number | null {
    if (text === null) return null;
    if (text !== this.lastDate.text) {
      const ms = Date.parse(text);
      this.lastDate = { text, ms: Number.isNaN(ms) ? null : ms };
    }
    return this.lastDate.ms;
  }

  /**
   * One request whose answer body is not needed (PUT, MKCOL, DELETE, MOVE), hand-written over
   * node:http with the client's keep-alive agent, not the library: its path (node-fetch, a
   * stream pipeline with its own AbortController and DOMException, Headers objects, url-join)
   * cost ~1 ms of CPU per request, more than a 4 KiB upload itself, which made a first sync of
   * many small files several times slower than a bare client (bench a). The library has no lean
   * path; listings (PROPFIND, parsed) and downloads still go through it. `headers`: name, value,
   * name, value… A status outside 2xx becomes a RemoteError.
   */
  private send(method: string, path: string, what: string, headers: string[], body?: Readable | Buffer, signal?: AbortSignal): Promise<http.IncomingMessage> {
    signal?.throwIfAborted();
    this.requests++;
    const request = this.base.protocol === 'https:' ? https.request : http.request;
    // Headers as a flat array (the rawHeaders form, documented for http.request): written as
    // given, still validated, without a setHeader round per header; Host is then ours to send.
    const all = ['Host', this.base.host, 'Authorization', this.authorization];
    for (const item of headers) all.push(item);
    if (body === undefined) all.push('Content-Length', '0');
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      let settled = false;
      let forget: (() => void) | undefined;
      const finish = (error: unknown, res?: http.IncomingMessage): void => {
        if (settled) return;
        settled = true;
        forget?.();
        this.watchdog.forget(req);
        if (error) reject(error);
        else resolve(res!);
      };
      const req = request({ protocol: this.base.protocol, hostname: this.base.hostname, port: this.base.port, method, path: this.urlPath(path), headers: all, agent: this.agent }, (res) => {
        const status = res.statusCode ?? 0;
        res.on('end', () => {
          if (status < 200 || status >= 300) finish(classifyStatus(status, what, header(res.headers['retry-after'])));
          else finish(null, res);
        });
        // A connection lost mid-answer destroys the answer with an ECONNRESET "aborted" error.
        res.on('error', (error) => finish(toRemoteError(error, what)));
        res.resume(); // the answer's body is not needed; read it so the socket goes back to the pool
      });
      if (signal) {
        forget = whenAborted(signal, () => {
          finish(toRemoteError(Object.assign(new Error('aborted'), { name: 'AbortError' }), what));
          req.destroy();
        });
      }
      req.on('error', (error) => finish(toRemoteError(error, what)));
      if (body === undefined || Buffer.isBuffer(body)) {
        this.watchdog.watch(req, what);
        req.end(body);
        return;
      }
      req.setTimeout(this.timeoutMs, () => req.destroy(noAnswer(what)));
      // A body that fails (a read error) fails the request instead of leaving it waiting for bytes.
      body.on('error', (error) => req.destroy(error));
      body.pipe(req);
    });
  }

  /** The URL path of a server path (from the account root), each segment percent-encoded. */
  private urlPath(path: string): string {
    // Each segment percent-encoded: encoding the whole path, then giving the separators back, is
    // the same (a "%2F" typed in a name becomes "%252F") in one pass.
    return this.basePath + encodeURIComponent(path).replaceAll('%2F', '/');
  }

  /** MKCOL of a server path; 405 means it exists already (another client made it, or a retried MKCOL): fine for a sync. */
  private async makeFolder(path: string, signal?: AbortSignal): Promise<void> {
    await this.send('MKCOL', path, `create folder ${path}`, [], undefined, signal).catch((error: unknown) => {
      if (error instanceof RemoteError && error.status === 405) return;
      throw error;
    });
  }

  async mkdir(name: string, signal?: AbortSignal): Promise<void> {
    await this.makeFolder(this.serverPath(name), signal);
  }

  /** Creates the synced server folder and its parents (MKCOL each; existing ones are fine). */
  async mkdirs(signal?: AbortSignal): Promise<void> {
    const parts = this.remoteDir.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) await this.makeFolder(`/${parts.slice(0, i).join('/')}`, signal);
  }

  /** DELETE; with `ifMatch`, only while the server still has that version (412 otherwise). */
  async delete(name: string, ifMatch?: string | null, signal?: AbortSignal): Promise<void> {
    const headers = ifMatch ? ['If-Match', `"${ifMatch}"`] : [];
    const path = this.serverPath(name);
    await this.send('DELETE', path, `delete ${path}`, headers, undefined, signal).catch((error: unknown) => {
      if (error instanceof RemoteError && error.kind === 'notFound') return; // already gone: done
      throw error;
    });
  }

  /** MOVE without overwriting: something already at the target is a 412, never replaced. */
  async move(from: string, to: string, signal?: AbortSignal): Promise<void> {
    const source = this.serverPath(from);
    const destination = new URL(this.urlPath(this.serverPath(to)), this.base).href;
    await this.send('MOVE', source, `move ${source}`, ['Destination', destination, 'Overwrite', 'F'], undefined, signal);
  }

  close(): void {
    this.agent.destroy();
  }
}
