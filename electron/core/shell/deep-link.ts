// `werkplek://` links (from a mail, the intranet, a second launch):
//   werkplek://app/<appId>                     open that app
//   werkplek://app/<appId>?url=<https URL>     open that URL in the app (only inside its origins)
//   werkplek://file/<path in the sync folder>  open a synced file (never anything outside the folder;
//                                              the real path and a question before launchers: linked-files.ts)
// With several accounts, the path is looked up in each account's folder, the first account's
// first; the first folder that has it wins (none has it: the first folder, which then says so).
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { AppDefinition } from '../config/catalog-schema.ts';
import { isAllowedNavigation } from './origins.ts';

export const deepLinkScheme = 'werkplek';

export type DeepLink = { kind: 'app'; appId: string; url: string | null } | { kind: 'file'; path: string; root: string } | { kind: 'invalid'; reason: string };

export interface DeepLinkContext {
  apps: readonly AppDefinition[];
  /** Every account's local sync folder, absolute, the first account's first (local-dirs.ts localFoldersOf). */
  syncRoots: readonly string[];
  /** Whether something is at a path (default: the file system; tests pass their own). */
  exists?: (path: string) => boolean;
}

export function parseDeepLink(raw: string, context: DeepLinkContext): DeepLink {
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
    if (context.syncRoots.length === 0) return { kind: 'invalid', reason: 'file sync is not set up' };
    if (segments.length === 0) return { kind: 'invalid', reason: 'no file named' };
    if (segments.some((segment) => segment === '..' || segment === '.' || segment.includes('\0') || segment.includes('/') || segment.includes('\\'))) {
      return { kind: 'invalid', reason: 'the path leaves the sync folder' };
    }
    const candidates: Array<{ kind: 'file'; path: string; root: string }> = [];
    for (const syncRoot of context.syncRoots) {
      const root = resolve(syncRoot);
      const path = resolve(root, ...segments);
      if (!path.startsWith(root + sep)) return { kind: 'invalid', reason: 'the path leaves the sync folder' };
      candidates.push({ kind: 'file', path, root });
    }
    const exists = context.exists ?? existsSync;
    return candidates.find((c) => exists(c.path)) ?? candidates[0]!;
  }
  return { kind: 'invalid', reason: `unknown link type "${url.host}"` };
}

/** The deep link among a (second) launch's arguments, if any. */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${deepLinkScheme}://`)) ?? null;
}
