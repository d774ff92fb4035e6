// The only module that talks WebDAV, with keep-alive agents. It sends Nextcloud's PROPFIND body
// (oc:fileid, oc:permissions, oc:checksums) and maps answers to RemoteEntry / RemoteError.
// Hand-written HTTP (send()) for everything but GET: PUT, MKCOL, DELETE and MOVE, whose answer
// body is not needed, and PROPFIND, whose answer is read as a stream by propfind-stream.ts, within
// bounds (listingLimits), each href placed in the listed folder or reported as dropped. The
// `webdav` library sends through node-fetch, whose per-request stages cost more than the upload
// of a small file; only GET still goes through it.
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { EntryType, RemoteEntry } from './model.ts';
import { MultistatusReader, type PropfindEntry } from './propfind-stream.ts';
import { classifyStatus, RemoteError, toRemoteError } from './remote-error.ts';
import type { NodeProxyEnv } from '../shell/proxy.ts';

const PROPFIND_BYTES = Buffer.from(`<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
  <d:prop><d:resourcetype/><d:getetag/><d:getcontentlength/><d:getlastmodified/>
    <oc:fileid/><oc:permissions/><oc:size/><oc:checksums/><oc:data-fingerprint/></d:prop>
</d:propfind>`);

/** Only what each child is (file or folder): for a check that asks which names exist, the server looks up nothing else (bulk-upload.ts). */
const NAMES_PROPFIND_BYTES = Buffer.from(`<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>`);

/**
 * The same PROPFIND with the DAV: properties only, for the folders below a root whose listing
 * carried none of the ownCloud/Nextcloud ones (a plain WebDAV server): Apache answered each asked
 * property it does not know in a second propstat per entry, looked up in its property database,
 * which made a listing a third longer and cost the server more than the rest of the answer (bench g).
 */
const LEAN_PROPFIND_BYTES = Buffer.from(`<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/><d:getcontentlength/><d:getlastmodified/></d:prop></d:propfind>`);

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Bounds of one folder's listing. 100,000 entries: a Nextcloud entry is 0.3-0.7 KB of XML and
 * ~0.3 KB once read, so up to ~70 MB of answer and ~30 MB of entries (a listing of 100,000 grew
 * the process by ~100 MB at its peak, garbage included); a folder holding more files than that
 * directly is rare, and it fails cleanly (left alone, reported) instead of taking the machine's
 * memory. 256 MiB: more than 100,000 entries with long names need, so the entry bound normally
 * speaks first; this one stops an answer of few entries padded with endless text. Only entries
 * are kept, and their texts are part of the bytes read (one text is at most 64 KiB): at worst the
 * process grows by a small multiple of maxBytes.
 */
export const DEFAULT_LISTING_LIMITS = { maxEntries: 100_000, maxBytes: 256 * 1024 * 1024 } as const;

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
  /** Bounds of one folder's listing (DEFAULT_LISTING_LIMITS): past one, that folder fails with a RemoteError. */
  listingLimits?: { maxEntries?: number; maxBytes?: number };
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
  /** Some entry carried an ownCloud/Nextcloud property (fileid, permissions, size, checksums, data-fingerprint). */
  ownCloudProps: boolean;
  /** Nextcloud's oc:data-fingerprint of the folder: a new value means the server was restored from a backup. */
  dataFingerprint: string | null;
  /** Every href of the answer that is neither the folder nor a direct child, with why (a DROPPED text). */
  dropped: { href: string; reason: string }[];
}

/** Why an href of a listing is not used (Listing.dropped's reason). */
export const DROPPED = {
  otherHost: 'on another host',
  undecodable: 'an href that cannot be decoded',
  outside: 'outside the listed folder',
  deeper: 'deeper than one level below the listed folder',
  encodedSlash: 'a name containing an encoded "/" (%2F)',
  badName: 'an empty, "." or ".." name',
  duplicate: 'a duplicate of an earlier href',
} as const;

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

/** The decompressor for an answer's Content-Encoding (null: none), or the error for one this client does not read. */
function decoderFor(res: http.IncomingMessage, what: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null | RemoteError {
  const encoding = header(res.headers['content-encoding'])?.trim().toLowerCase() ?? 'identity';
  return encoding === 'identity' ? null
    : encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip()
      : encoding === 'deflate' ? zlib.createInflate()
        : encoding === 'br' ? zlib.createBrotliDecompress()
          : new RemoteError('protocol', `${what} came in an encoding this client does not read (${encoding})`);
}

/**
 * Streams an answer's body, decompressed (Content-Encoding gzip, deflate or br, as node-fetch
 * accepted them), into `reader`; calls `done` once: with the first error, or null at the end.
 * The reader's byte bound counts the bytes after decompression, so a small bomb stops early.
 */
function readBody(res: http.IncomingMessage, reader: MultistatusReader, what: string, done: (error: unknown) => void): void {
  const unzip = decoderFor(res, what);
  if (unzip instanceof RemoteError) {
    done(unzip);
    return;
  }
  let over = false;
  const stop = (error: unknown): void => {
    if (over) return;
    over = true;
    unzip?.destroy();
    done(error);
  };
  const source: Readable = unzip ?? res;
  source.on('data', (chunk: Buffer) => {
    if (over) return;
    try {
      reader.write(chunk);
    } catch (error) {
      stop(error);
    }
  });
  source.on('end', () => {
    if (over) return;
    try {
      reader.end();
      stop(null);
    } catch (error) {
      stop(error);
    }
  });
  // A connection lost mid-answer destroys the answer with an ECONNRESET "aborted" error.
  res.on('error', (error) => stop(toRemoteError(error, what)));
  if (unzip) {
    unzip.on('error', (error) => stop(new RemoteError('protocol', `${what} is damaged (${header(res.headers['content-encoding'])}: ${error.message})`)));
    res.pipe(unzip);
  }
}

const join = (...parts: string[]): string => `/${parts.join('/').split('/').filter(Boolean).join('/')}`;

/** An href with a scheme ("https:", "mailto:"), and its "scheme://authority" or "//authority" start. */
const SCHEME = /^[a-z][a-z\d+.-]*:/i;
const AUTHORITY = /^(?:[a-z][a-z\d+.-]*:)?\/\/[^/?#]*/i;

/** A percent-encoded path segment decoded; null when it cannot be (a lone "%", bytes not UTF-8). */
function decodeSegment(segment: string): string | null {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

type HrefPlace = string | { reason: string };

/**
 * Where the hrefs of a PROPFIND of `folder` (its decoded path segments from the server's root)
 * point: '' for the folder itself, the decoded name of a direct child, or a DROPPED reason.
 * Hrefs are compared decoded, segment by segment (servers encode differently), and never
 * normalised: "." and ".." are not resolved. A relative href is read against `requested` (the
 * URL path asked for). An absolute href on another host name is dropped; its port and scheme
 * are not compared, since a proxy or a TLS front in between changes them and the server then
 * names its own (the tests' fault proxy does, in front of webdav-server's absolute hrefs).
 */
function hrefPlacer(base: URL, folder: readonly string[], requested: string): (href: string) => HrefPlace {
  let knownAuthority: string | null = null;
  // The raw start of the last href found inside the folder: hrefs spelt the same skip its decoding.
  let knownPrefix: string | null = null;
  return (href) => {
    let path = href;
    const authority = AUTHORITY.exec(href)?.[0];
    if (authority !== undefined) {
      if (authority !== knownAuthority) {
        let hostname: string;
        try {
          hostname = new URL(authority, base).hostname;
        } catch {
          return { reason: DROPPED.undecodable };
        }
        if (hostname !== base.hostname) return { reason: DROPPED.otherHost };
        knownAuthority = authority;
      }
      path = href.slice(authority.length) || '/';
    } else if (SCHEME.test(href)) return { reason: DROPPED.otherHost };
    else if (!href.startsWith('/')) path = requested + href;
    const parts = path.split('/'); // parts[0] is the '' before the leading '/'
    let end = parts.length;
    if (end > 1 && parts[end - 1] === '') end--; // a collection's trailing '/'
    if (knownPrefix === null || !path.startsWith(knownPrefix)) {
      for (let i = 0; i < folder.length; i++) {
        const segment = i + 1 < end ? decodeSegment(parts[i + 1]!) : undefined;
        if (segment === null) return { reason: DROPPED.undecodable };
        if (segment !== folder[i]) return { reason: DROPPED.outside };
      }
      knownPrefix = `${parts.slice(0, folder.length + 1).join('/')}/`;
    }
    const below = end - 1 - folder.length;
    if (below === 0) return '';
    if (below > 1) return { reason: DROPPED.deeper };
    const name = decodeSegment(parts[end - 1]!);
    if (name === null) return { reason: DROPPED.undecodable };
    if (name === '' || name === '.' || name === '..') return { reason: DROPPED.badName };
    if (name.includes('/')) return { reason: DROPPED.encodedSlash };
    return name;
  };
}

export class DavClient {
  readonly url: string;
  readonly remoteDir: string;
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly authorization: string;
  /** The account root's URL path without its trailing slash. */
  private readonly basePath: string;
  private readonly timeoutMs: number;
  /** The account root's path segments, decoded. */
  private readonly baseSegments: string[];
  private readonly listingLimits: { maxEntries: number; maxBytes: number; raiseHint: string };
  /** Count of HTTP requests sent, for tests and the benchmark. */
  requests = 0;
  private readonly watchdog: Watchdog;

  constructor(options: DavOptions) {
    this.url = options.url.endsWith('/') ? options.url : `${options.url}/`;
    // Always absolute, never above the account's root: 'Projecten' and '../x' (a preset, a typed
    // field) would otherwise make paths relative to the root's URL.
    this.remoteDir = join('/', options.remoteDir ?? '/');
    this.timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.watchdog = new Watchdog(this.timeoutMs);
    const agentOptions = agentOptionsFor(options, options.maxSockets ?? 8);
    this.agent = this.url.startsWith('https:') ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.base = new URL(this.url);
    this.basePath = this.base.pathname.replace(/\/$/, '');
    this.baseSegments = this.basePath.split('/').filter(Boolean).map((s) => decodeSegment(s) ?? s);
    this.listingLimits = { ...DEFAULT_LISTING_LIMITS, ...options.listingLimits, raiseHint: 'the server option listingLimits' };
    this.authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  }

  /** Server path (for the library) of a sync-relative name. */
  serverPath(name: string): string {
    // The engine's names are clean relative paths: skip the split-and-join for them (per request).
    if (name !== '' && !name.startsWith('/') && !name.endsWith('/') && !name.includes('//')) return this.remoteDir === '/' ? `/${name}` : `${this.remoteDir}/${name}`;
    return join(this.remoteDir, name);
  }

  /** PROPFIND Depth 1 of a folder (sync-relative name; '' is the sync root); `lean`: DAV: properties only. */
  async list(name: string, signal?: AbortSignal, lean = false): Promise<Listing> {
    const path = this.serverPath(name);
    const what = `the listing of ${path}`;
    const folder = `${path.replace(/\/$/, '')}/`;
    const place = hrefPlacer(this.base, this.segmentsOf(path), this.urlPath(folder));
    const seen = new Set<string>();
    const dropped: Listing['dropped'] = [];
    const children: RemoteEntry[] = [];
    const found: { self?: RemoteEntry; dataFingerprint?: string | null; ownCloudProps?: boolean } = {};
    await this.propfind(folder, '1', what, (entry) => {
      if (entry.fileId !== null || entry.permissions !== null || entry.size !== null || entry.checksum !== null || entry.dataFingerprint !== null) found.ownCloudProps = true;
      const at = place(entry.href);
      if (typeof at !== 'string') dropped.push({ href: entry.href, reason: at.reason });
      else if (seen.has(at)) dropped.push({ href: entry.href, reason: DROPPED.duplicate });
      else {
        seen.add(at);
        // Never a shorter listing: an entry of ours that says nothing about itself fails the folder.
        if (!entry.described) throw new RemoteError('protocol', `${what} has an entry without properties: ${entry.href}`);
        if (at !== '') children.push(this.toEntry(entry, name === '' ? at : `${name}/${at}`));
        else {
          found.self = this.toEntry(entry, name);
          found.dataFingerprint = entry.dataFingerprint;
        }
      }
    }, signal, lean ? LEAN_PROPFIND_BYTES : PROPFIND_BYTES);
    const { self } = found;
    if (!self) throw new RemoteError('protocol', `${what} does not describe the folder itself${dropped.length ? ` (${dropped.length} href(s) dropped, the first ${dropped[0]!.reason}: ${dropped[0]!.href})` : ''}`);
    if (self.type !== 'dir') throw new RemoteError('protocol', `${path} is not a folder on the server`);
    return { self, children, nextcloud: self.fileId !== null, ownCloudProps: found.ownCloudProps ?? false, dataFingerprint: found.dataFingerprint ?? null, dropped };
  }

  /**
   * The sync-relative names in a folder, as the server spells them (NFC), from a PROPFIND Depth 1
   * for <d:resourcetype> alone: on SabreDAV 2.5× cheaper for the server than a full listing.
   * `complete` is false when an href could not be placed in the folder: then any name may be there.
   */
  async childNames(name: string, signal?: AbortSignal): Promise<{ names: Set<string>; complete: boolean }> {
    const path = this.serverPath(name);
    const folder = `${path.replace(/\/$/, '')}/`;
    const place = hrefPlacer(this.base, this.segmentsOf(path), this.urlPath(folder));
    const names = new Set<string>();
    let complete = true;
    let self = false;
    await this.propfind(folder, '1', `the names in ${path}`, (entry) => {
      const at = place(entry.href);
      if (typeof at !== 'string') complete = false;
      else if (at === '') self = true;
      else names.add((name === '' ? at : `${name}/${at}`).normalize('NFC'));
    }, signal, NAMES_PROPFIND_BYTES);
    if (!self) throw new RemoteError('protocol', `the names in ${path}: the answer does not describe the folder itself`);
    return { names, complete };
  }

  /** PROPFIND Depth 0 of one item; null when it does not exist. */
  async stat(name: string, signal?: AbortSignal): Promise<RemoteEntry | null> {
    const path = this.serverPath(name);
    const what = `the properties of ${path}`;
    const place = hrefPlacer(this.base, this.segmentsOf(path), this.urlPath(path));
    const found: { entry?: RemoteEntry } = {};
    try {
      await this.propfind(path, '0', what, (entry) => {
        // Anything but the item itself (a server ignoring Depth: 0) was not asked for.
        if (found.entry || place(entry.href) !== '') return;
        if (!entry.described) throw new RemoteError('protocol', `${what} has no properties: ${entry.href}`);
        found.entry = this.toEntry(entry, name);
      }, signal);
    } catch (error) {
      if (error instanceof RemoteError && error.kind === 'notFound') return null;
      throw error;
    }
    if (!found.entry) throw new RemoteError('protocol', `${what}: the answer does not describe ${path}`);
    return found.entry;
  }

  /** A server path's segments from the server's root: the account root's, then its own. */
  private segmentsOf(path: string): string[] {
    return [...this.baseSegments, ...path.split('/').filter(Boolean)];
  }

  /** PROPFIND of a server path, its multistatus read as it arrives into `onEntry`, within the listing limits. */
  private async propfind(path: string, depth: '0' | '1', what: string, onEntry: (entry: PropfindEntry) => void, signal?: AbortSignal, body: Buffer = PROPFIND_BYTES): Promise<void> {
    const reader = new MultistatusReader(what, this.listingLimits, onEntry);
    const headers = ['Depth', depth, 'Accept', 'application/xml', 'Accept-Encoding', 'gzip, deflate, br', 'Content-Type', 'application/xml; charset=utf-8', 'Content-Length', String(body.length)];
    try {
      await this.send('PROPFIND', path, what, headers, body, signal, reader);
    } catch (error) {
      // As for every request of a run: a cancel is the run's own reason, not a server failure.
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
  }

  private toEntry(entry: PropfindEntry, name: string): RemoteEntry {
    const type: EntryType = entry.collection ? 'dir' : 'file';
    // Apache marks an ETag weak (W/) within a second of a change and strong after: same version.
    const etag = entry.etag?.replace(/^W\//, '').replace(/"/g, '') ?? null;
    const size = Number((type === 'file' ? entry.contentLength : entry.size) ?? 0);
    const mtime = entry.lastModified ? Date.parse(entry.lastModified) : 0;
    return {
      path: name.normalize('NFC'),
      name,
      type,
      etag: etag ?? '',
      fileId: entry.fileId,
      permissions: entry.permissions,
      size: Number.isFinite(size) ? size : 0,
      mtimeMs: Number.isNaN(mtime) ? 0 : mtime,
      checksum: entry.checksum ? entry.checksum.split(' ')[0]! : null,
    };
  }

  /** GET as a stream; the caller consumes it. */
  /** With `from`: only the bytes from that offset, and only if the server still has version `ifRange` (206; else 200 with all). */
  /**
   * GET a file's body as a stream (hand-written over node:http, as send() is: the library's
   * node-fetch path cost more CPU per small download than the download itself, bench g). Until
   * the headers arrive the client's timeout applies; the body has the caller's idle watchdog.
   * A body the server compressed although nothing was asked is decompressed (its length is then
   * unknown).
   */
  get(name: string, signal?: AbortSignal, range?: { from: number; ifRange: string }): Promise<{ body: Readable; length: number | null; partial: boolean }> {
    signal?.throwIfAborted();
    const path = this.serverPath(name);
    const what = `download ${path}`;
    this.requests++;
    const request = this.base.protocol === 'https:' ? https.request : http.request;
    const headers = ['Host', this.base.host, 'Authorization', this.authorization];
    if (range) headers.push('Range', `bytes=${range.from}-`, 'If-Range', `"${range.ifRange}"`);
    return new Promise((resolve, reject) => {
      let settled = false;
      let forget: (() => void) | undefined;
      const finish = (error: unknown, answer?: { body: Readable; length: number | null; partial: boolean }): void => {
        if (settled) return;
        settled = true;
        this.watchdog.forget(req);
        if (error) {
          forget?.();
          reject(error);
        } else resolve(answer!);
      };
      const req = request({ protocol: this.base.protocol, hostname: this.base.hostname, port: this.base.port, method: 'GET', path: this.urlPath(path), headers, agent: this.agent }, (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          res.on('end', () => finish(classifyStatus(status, what, header(res.headers['retry-after']))));
          res.on('error', (error) => finish(toRemoteError(error, what)));
          res.resume();
          return;
        }
        // Once the body is the caller's, an abort still ends it (the pipeline sees the error).
        res.on('close', () => forget?.());
        const unzip = decoderFor(res, what);
        if (unzip instanceof RemoteError) {
          req.destroy();
          finish(unzip);
          return;
        }
        const length = header(res.headers['content-length']);
        let body: Readable = res;
        if (unzip) {
          res.on('error', (error) => unzip.destroy(error));
          body = res.pipe(unzip);
        }
        finish(null, { body, length: unzip || length === null ? null : Number(length), partial: status === 206 });
      });
      if (signal) {
        forget = whenAborted(signal, () => {
          const error = toRemoteError(Object.assign(new Error('aborted'), { name: 'AbortError' }), what);
          finish(error);
          req.destroy(error);
        });
      }
      req.on('error', (error) => finish(toRemoteError(error, what)));
      this.watchdog.watch(req, what);
      req.end();
    });
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
   * One request (PUT, MKCOL, DELETE, MOVE, PROPFIND), hand-written over node:http with the
   * client's keep-alive agent, not the library: its path (node-fetch, a stream pipeline with its
   * own AbortController and DOMException, Headers objects, url-join) cost ~1 ms of CPU per
   * request, more than a 4 KiB upload itself, which made a first sync of many small files several
   * times slower than a bare client (bench a). The library has no lean path (get() is the
   * same for downloads). `headers`: name, value, name, value… A status outside 2xx becomes a RemoteError.
   * The answer's body is read into `reader` when given (and the status is 2xx), else discarded.
   */
  private send(method: string, path: string, what: string, headers: string[], body?: Readable | Buffer, signal?: AbortSignal, reader?: MultistatusReader): Promise<http.IncomingMessage> {
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
        if (reader && status >= 200 && status < 300) {
          readBody(res, reader, what, (error) => {
            if (!error) return finish(null, res);
            finish(error);
            req.destroy(); // mid-body: the rest is not wanted, and the socket cannot be reused
          });
          return;
        }
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

  /**
   * A request outside the files root (Nextcloud's /remote.php/dav/bulk and its capabilities,
   * bulk-upload.ts): `urlPath` from the server's origin, the body in memory. Every status comes
   * back with the answer's text (a bulk upload's 400 still names the files it wrote); only a
   * failed connection throws.
   */
  async raw(method: string, urlPath: string, headers: string[], body: Buffer | undefined, signal?: AbortSignal): Promise<{ status: number; text: string }> {
    signal?.throwIfAborted();
    this.requests++;
    const what = `${method} ${urlPath}`;
    const request = this.base.protocol === 'https:' ? https.request : http.request;
    const all = ['Host', this.base.host, 'Authorization', this.authorization, 'Content-Length', String(body?.length ?? 0), ...headers];
    return new Promise((resolve, reject) => {
      const req = request({ protocol: this.base.protocol, hostname: this.base.hostname, port: this.base.port, method, path: urlPath, headers: all, agent: this.agent, signal }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
        res.on('error', (error) => reject(toRemoteError(error, what)));
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(noAnswer(what)));
      req.on('error', (error) => reject(toRemoteError(error, what)));
      req.end(body);
    });
  }

  /** The URL path of a server path (from the account root), each segment percent-encoded. */
  private urlPath(path: string): string {
    // Each segment percent-encoded: encoding the whole path, then giving the separators back, is
    // the same (a "%2F" typed in a name becomes "%252F") in one pass.
    return this.basePath + encodeURIComponent(path).replaceAll('%2F', '/');
  }

  /** MKCOL of a server path; 405 means it exists already (another client made it, or a retried MKCOL): fine for a sync. */
  /** MKCOL; true when this request made the folder, false when it was there already (405). */
  private async makeFolder(path: string, signal?: AbortSignal): Promise<boolean> {
    return this.send('MKCOL', path, `create folder ${path}`, [], undefined, signal).then(
      () => true,
      (error: unknown) => {
        if (error instanceof RemoteError && error.status === 405) return false;
        throw error;
      },
    );
  }

  /** Creates a folder; true when this request made it (so it was empty a moment ago), false when it existed. */
  async mkdir(name: string, signal?: AbortSignal): Promise<boolean> {
    return this.makeFolder(this.serverPath(name), signal);
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
