// Which URLs may be a hosted app: https only, except plain http on loopback (the embedded demo
// and local development). Parsed with URL, never matched as strings.

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname);
}

export function isAllowedAppUrl(raw: string): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `"${raw}" is not a valid URL` };
  }
  if (url.username || url.password) return { ok: false, reason: 'an app URL may not contain a user name or password' };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, url };
  return { ok: false, reason: `apps must use https (got ${url.protocol.replace(':', '')})` };
}
