// Which origins belong to a hosted app, compared as `new URL().origin` strings — never with
// startsWith, so `https://intranet.example.org.evil.com` and `https://x@evil.com` cannot pass.
import type { AppDefinition } from '../config/catalog-schema.ts';

export type AppOrigins = Pick<AppDefinition, 'url' | 'origins'>;

/** The URL's serialised origin, or null for unparsable URLs, opaque origins and credentials in the URL. */
export function webOrigin(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return url.origin;
}

export function appOrigins(app: AppOrigins): Set<string> {
  const out = new Set<string>();
  for (const raw of [app.url, ...app.origins]) {
    const origin = webOrigin(raw);
    if (origin) out.add(origin);
  }
  return out;
}

/** True when `rawUrl` is an http(s) URL without credentials whose origin is one of the app's (or a shared sign-in origin). */
export function isAllowedNavigation(app: AppOrigins, rawUrl: string, ssoOrigins: readonly string[] = []): boolean {
  const origin = webOrigin(rawUrl);
  if (!origin) return false;
  if (appOrigins(app).has(origin)) return true;
  return ssoOrigins.some((sso) => webOrigin(sso) === origin);
}
