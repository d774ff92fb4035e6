// `werkplek://` links (from a mail, the intranet, a second launch):
//   werkplek://app/<appId>                     open that app
//   werkplek://app/<appId>?url=<https URL>     open that URL in the app (only inside its origins)
//   werkplek://file/<path in the sync folder>  open a synced file (never anything outside the folder;
//                                              the real path and a question before launchers: linked-files.ts)
import { resolve, sep } from 'node:path';
import type { AppDefinition } from '../config/catalog-schema.ts';
import { isAllowedNavigation } from './origins.ts';

export const deepLinkScheme = 'werkplek';

export type DeepLink = { kind: 'app'; appId: string; url: string | null } | { kind: 'file'; path: string } | { kind: 'invalid'; reason: string };

export function parseDeepLink(raw: string, context: { apps: readonly AppDefinition[]; syncRoot: string | null }): DeepLink {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'invalid', reason: 'not a URL' };
  }
  if (url.protocol !== `${deepLinkScheme}:`) return { kind: 'invalid', reason: `not a ${deepLinkScheme}: link` };
  if (url.username || url.password || url.port) return { kind: 'invalid', reason: 'malformed link' };
  // The raw path, before the URL parser folds `..` and `%2e%2e` away: a link with dot segments is
  // refused outright rather than silently reinterpreted.
  const rawPath = (/^[a-z]+:\/\/[^/?#]*([^?#]*)/i.exec(raw)?.[1] ?? '').split('/').filter(Boolean);
  let segments: string[];
  try {
    segments = rawPath.map(decodeURIComponent);
  } catch {
    return { kind: 'invalid', reason: 'malformed escape in the link' };
  }
  if (url.host === 'app') {
    const [appId, ...rest] = segments;
    const app = context.apps.find((candidate) => candidate.id === appId);
    if (!appId || rest.length > 0 || !app) return { kind: 'invalid', reason: `no app "${appId ?? ''}"` };
    const target = url.searchParams.get('url');
    if (target === null) return { kind: 'app', appId, url: null };
    if (!isAllowedNavigation(app, target)) return { kind: 'invalid', reason: `${target} does not belong to ${app.name}` };
    return { kind: 'app', appId, url: new URL(target).href };
  }
  if (url.host === 'file') {
    if (!context.syncRoot) return { kind: 'invalid', reason: 'file sync is not set up' };
    if (segments.length === 0) return { kind: 'invalid', reason: 'no file named' };
    if (segments.some((segment) => segment === '..' || segment === '.' || segment.includes('\0') || segment.includes('/') || segment.includes('\\'))) {
      return { kind: 'invalid', reason: 'the path leaves the sync folder' };
    }
    const root = resolve(context.syncRoot);
    const path = resolve(root, ...segments);
    if (!path.startsWith(root + sep)) return { kind: 'invalid', reason: 'the path leaves the sync folder' };
    return { kind: 'file', path };
  }
  return { kind: 'invalid', reason: `unknown link type "${url.host}"` };
}

/** The deep link among a (second) launch's arguments, if any. */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${deepLinkScheme}://`)) ?? null;
}
