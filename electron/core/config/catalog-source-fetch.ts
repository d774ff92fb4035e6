// The catalog source's HTTP in plain Node: the navigation in the person's language with the
// credentials the caller passes in (the shared session's cookies or the portal's shared secret),
// and the entries' icons. node:http(s) with the web apps' proxy (an Agent's `proxyEnv`, as the
// sync's account lookups do). Bounded in time and size, never following a redirect (a sign-in
// page is no navigation), never sending the credentials to another origin.
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { NodeProxyEnv } from '../shell/proxy.ts';
import type { UiLanguage } from './ui-language.ts';
import { MAX_NAVIGATION_BYTES } from './portal-navigation.ts';

export type FetchProblem = 'unreachable' | 'signed-out' | 'http' | 'too-large';
export type FetchResult = { ok: true; text: string } | { ok: false; problem: FetchProblem; status?: number };

/** The navigation's language parameter, as the portal names its languages. */
export const navigationLanguage: Record<UiLanguage, string> = { nl: 'nl-NL', en: 'en-US' };

export const MAX_ICON_BYTES = 128 * 1024;
const iconTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml', 'image/x-icon', 'image/vnd.microsoft.icon']);

export interface Credentials {
  /** The Cookie header for the source's URL (the apps' shared session). */
  cookie?: string | null;
  /** HTTP Basic: the person's user name and the shared secret. */
  basic?: { user: string; secret: string } | null;
}

export function navigationUrl(sourceUrl: string, language: UiLanguage): string {
  const url = new URL(sourceUrl);
  url.searchParams.set('language', navigationLanguage[language]);
  return url.href;
}

function authHeaders(credentials: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (credentials.cookie) headers.cookie = credentials.cookie;
  if (credentials.basic) headers.authorization = `Basic ${Buffer.from(`${credentials.basic.user}:${credentials.basic.secret}`).toString('base64')}`;
  return headers;
}

export interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The web apps' proxy for Node (shell/proxy.ts); none: connect directly. */
  proxyEnv?: NodeProxyEnv | null;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Only for 2xx; null when it passed the limit (the rest is not read). */
  body: Buffer | null;
}

/**
 * One GET; null when no answer came (no connection, timeout, reset). `partial`: a body over the
 * limit is cut there instead of dropped (a page's head is all that is wanted of it).
 */
function get(url: string, headers: Record<string, string>, limit: number, options: RequestOptions, partial = false): Promise<Answer | null> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  // Its own agent, no kept-alive sockets: asked every few minutes, a pooled socket would mostly be
  // one the network has dropped meanwhile (and fail as "socket hang up" instead of connecting).
  const agent = new (secure ? https.Agent : http.Agent)({ keepAlive: false, ...(options.proxyEnv ? { proxyEnv: options.proxyEnv } : {}) });
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  return new Promise((resolve) => {
    const request = (secure ? https : http).request(target, { method: 'GET', headers, agent, signal }, (response) => {
      const status = response.statusCode ?? 0;
      if (status < 200 || status >= 300 || (!partial && Number(response.headers['content-length']) > limit)) {
        resolve({ status, headers: response.headers, body: status >= 200 && status < 300 ? null : Buffer.alloc(0) });
        response.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
        else {
          if (partial) chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
          resolve({ status, headers: response.headers, body: partial ? Buffer.concat(chunks) : null });
          response.destroy();
        }
      });
      response.on('end', () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', () => resolve(null));
    });
    request.on('error', () => resolve(null));
    request.on('close', () => agent.destroy());
    request.end();
  });
}

export async function fetchNavigation(sourceUrl: string, language: UiLanguage, credentials: Credentials, options: RequestOptions = {}): Promise<FetchResult> {
  const answer = await get(navigationUrl(sourceUrl, language), { accept: 'application/json', ...authHeaders(credentials) }, MAX_NAVIGATION_BYTES, options);
  if (!answer) return { ok: false, problem: 'unreachable' };
  // Without a valid session the service answers 401/403 or sends the browser to its sign-in page.
  if (answer.status === 401 || answer.status === 403 || (answer.status >= 300 && answer.status < 400)) return { ok: false, problem: 'signed-out', status: answer.status };
  if (answer.status < 200 || answer.status >= 300) return { ok: false, problem: 'http', status: answer.status };
  if (!answer.body) return { ok: false, problem: 'too-large' };
  return { ok: true, text: answer.body.toString('utf8') };
}

/** One GET of a small public JSON document (no credentials, no redirects): its text, or why not. */
export async function fetchPublicJson(url: string, limit: number, options: RequestOptions = {}): Promise<FetchResult> {
  const answer = await get(url, { accept: 'application/json' }, limit, options);
  if (!answer) return { ok: false, problem: 'unreachable' };
  if (answer.status < 200 || answer.status >= 300) return { ok: false, problem: 'http', status: answer.status };
  if (!answer.body) return { ok: false, problem: 'too-large' };
  return { ok: true, text: answer.body.toString('utf8') };
}

/**
 * The start of a public HTML page (no credentials), for the icons its head declares: at most
 * `limit` bytes, following at most three redirects and only within the page's own origin (a sign-in
 * page on the same site still names the site's icon). Its final address and text, or null.
 */
export async function fetchPageHead(url: string, limit: number, options: RequestOptions = {}): Promise<{ url: string; html: string } | null> {
  const origin = new URL(url).origin;
  let current = url;
  for (let hop = 0; hop <= 3; hop++) {
    const answer = await get(current, { accept: 'text/html' }, limit, options, true);
    if (!answer) return null;
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && location) {
      const next = URL.parse(location, current);
      if (!next || next.origin !== origin) return null;
      current = next.href;
      continue;
    }
    const type = String(answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!answer.body || answer.status < 200 || answer.status >= 300 || (type !== 'text/html' && type !== 'application/xhtml+xml')) return null;
    return { url: current, html: answer.body.toString('utf8') };
  }
  return null;
}

/** Whether the bytes are what the content type says (a server's error page sent as image/png is no icon). */
function looksLike(type: string, body: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((byte, i) => body[i] === byte);
  switch (type) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47);
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/gif':
      return starts(0x47, 0x49, 0x46, 0x38);
    case 'image/webp':
      return starts(0x52, 0x49, 0x46, 0x46) && body.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'image/svg+xml':
      return /<svg[\s>]/i.test(body.subarray(0, 4096).toString('utf8'));
    default: // image/x-icon, image/vnd.microsoft.icon: an ICO, or the PNG many sites send under that name
      return starts(0x00, 0x00, 0x01, 0x00) || starts(0x89, 0x50, 0x4e, 0x47);
  }
}

/**
 * An icon as a data: URL the shell UI may show (its CSP allows only data: images), or null.
 * The credentials go along only to the source's own origin.
 */
export async function fetchIcon(iconUrl: string, sourceUrl: string, credentials: Credentials, options: RequestOptions = {}): Promise<string | null> {
  const sameOrigin = new URL(iconUrl).origin === new URL(sourceUrl).origin;
  const answer = await get(iconUrl, sameOrigin ? authHeaders(credentials) : {}, MAX_ICON_BYTES, { ...options, timeoutMs: options.timeoutMs ?? 10_000 });
  const type = String(answer?.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!answer?.body || answer.body.byteLength === 0 || answer.status < 200 || answer.status >= 300 || !iconTypes.has(type) || !looksLike(type, answer.body)) return null;
  return `data:${type};base64,${answer.body.toString('base64')}`;
}
