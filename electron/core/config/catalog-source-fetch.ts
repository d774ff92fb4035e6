// The catalog source's HTTP in plain Node: the navigation in the person's language with the
// credentials the caller passes in (the shared session's cookies or the portal's shared secret),
// and the entries' icons. Bounded in time and size, never following a redirect (a sign-in page is
// no navigation), never sending the credentials to another origin.
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

/** The body as bytes, or null once it passes `limit` (the rest is not read). */
async function readLimited(response: Response, limit: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit || !response.body) {
    await response.body?.cancel().catch(() => {});
    return declared > limit ? null : new Uint8Array();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function get(url: string, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<Response | null> {
  try {
    const timeout = AbortSignal.timeout(timeoutMs);
    return await fetch(url, { headers, redirect: 'manual', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch {
    return null;
  }
}

export async function fetchNavigation(sourceUrl: string, language: UiLanguage, credentials: Credentials, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<FetchResult> {
  const response = await get(navigationUrl(sourceUrl, language), { accept: 'application/json', ...authHeaders(credentials) }, options.timeoutMs ?? 15_000, options.signal);
  if (!response) return { ok: false, problem: 'unreachable' };
  // Without a valid session the service answers 401/403 or sends the browser to its sign-in page.
  if (response.status === 401 || response.status === 403 || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, problem: 'signed-out', status: response.status };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, problem: 'http', status: response.status };
  }
  try {
    const body = await readLimited(response, MAX_NAVIGATION_BYTES);
    if (!body) return { ok: false, problem: 'too-large' };
    return { ok: true, text: new TextDecoder().decode(body) };
  } catch {
    return { ok: false, problem: 'unreachable' };
  }
}

/**
 * An icon as a data: URL the shell UI may show (its CSP allows only data: images), or null.
 * The credentials go along only to the source's own origin.
 */
export async function fetchIcon(iconUrl: string, sourceUrl: string, credentials: Credentials, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<string | null> {
  const sameOrigin = new URL(iconUrl).origin === new URL(sourceUrl).origin;
  const response = await get(iconUrl, sameOrigin ? authHeaders(credentials) : {}, options.timeoutMs ?? 10_000, options.signal);
  if (!response) return null;
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!response.ok || !iconTypes.has(type)) {
    await response.body?.cancel().catch(() => {});
    return null;
  }
  try {
    const body = await readLimited(response, MAX_ICON_BYTES);
    return body && body.byteLength > 0 ? `data:${type};base64,${Buffer.from(body).toString('base64')}` : null;
  } catch {
    return null;
  }
}
