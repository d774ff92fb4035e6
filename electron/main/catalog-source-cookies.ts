// The catalog source reads the portal's navigation with the person's own sign-in: the cookies
// the apps' shared session holds for its URL, as one Cookie header (the fetch itself is core's,
// electron/core/config/catalog-source.ts). A sign-in there (a cookie set for the source's host)
// asks the portal again while the list is missing or was refused.
import type { Session } from 'electron';
import type { CommandHandlers } from '../core/bridge/contract.ts';

/** The partition the apps share (catalog-schema.ts: the default of every app's `partition`). */
export const sharedPartition = 'persist:werkplek';

/** The Cookie header the shared session would send to `url` (null: none). */
export function sharedSessionCookies(ses: Session): (url: string) => Promise<string | null> {
  return async (url) => {
    const cookies = await ses.cookies.get({ url });
    return cookies.length > 0 ? cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') : null;
  };
}

function cookieFor(host: string, domain: string | undefined): boolean {
  const bare = (domain ?? '').replace(/^\./, '').toLowerCase();
  return bare !== '' && (host === bare || host.endsWith(`.${bare}`));
}

/**
 * After a cookie for the source's host is set, and only while the source has no good list (signed
 * out, unreachable, still loading), refresh it once the sign-in settles (`settleMs`).
 */
export function refreshCatalogOnSignIn(ses: Session, sourceUrl: () => string | null, handlers: Pick<CommandHandlers, 'catalogSource.status' | 'catalogSource.refresh'>, settleMs = 1000): () => void {
  let timer: NodeJS.Timeout | null = null;
  const listener = (_event: unknown, cookie: Electron.Cookie, _cause: string, removed: boolean) => {
    const url = sourceUrl();
    if (removed || !url || !cookieFor(new URL(url).hostname.toLowerCase(), cookie.domain)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void handlers['catalogSource.status']({})
        .then((status) => (status.state === 'stale' || status.state === 'loading' ? handlers['catalogSource.refresh']({}) : null))
        .catch(() => {});
    }, settleMs);
  };
  ses.cookies.on('changed', listener);
  return () => {
    if (timer) clearTimeout(timer);
    ses.cookies.off('changed', listener);
  };
}
