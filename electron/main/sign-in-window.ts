// The in-app sign-in window for connecting Files (Nextcloud Login Flow v2) and chat notifications
// (Matrix SSO): the server's and identity provider's pages on the apps' shared partition, so a
// person already signed in there only confirms. Core decides when it is used and what it may show
// (core/shell/sign-in-route.ts); here it is shown, its navigation kept to those origins (links
// elsewhere open in the system browser), and closed when core says the flow is done, when the flow's
// return page has loaded, or by the person (Escape or the window's ×), which cancels the flow.
import type { BrowserWindow, Event } from 'electron';
import type { Log } from '../core/context.ts';
import type { SignInWindowHandle, SignInWindowRequest } from '../core/shell/sign-in-page.ts';
import { judgeSignInNavigation } from '../core/shell/sign-in-route.ts';
import { createSignInWindow } from './web-preferences.ts';

export interface SignInWindowDeps {
  parent(): BrowserWindow | null;
  /** The partition's guards (permissions, proxy, downloads) before its first page. */
  prepareSession(partition: string): Promise<void>;
  openExternal(url: string): void;
  log: Log;
}

/** Same page as the flow's return URL: scheme, host, port and path (its query carries the token). */
function reachedReturn(url: string, returnUrl: string | null): boolean {
  if (!returnUrl) return false;
  const at = URL.parse(url);
  const end = URL.parse(returnUrl);
  return at !== null && end !== null && at.origin === end.origin && at.pathname === end.pathname;
}

export function openSignInWindow(deps: SignInWindowDeps, request: SignInWindowRequest, closedByPerson: () => void): SignInWindowHandle {
  const window = createSignInWindow(deps.parent(), request.partition, 'Werkplek');
  const contents = window.webContents;
  const allowed = new Set(request.allowedOrigins);
  let closedByFlow = false;
  const close = () => {
    closedByFlow = true;
    if (!window.isDestroyed()) window.close();
  };
  const guard = (event: Event, url: string, kind: 'redirect' | 'link') => {
    const verdict = judgeSignInNavigation(allowed, url, kind);
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'outside') deps.openExternal(url);
    else deps.log.warn(`sign-in window: refused ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event) => guard(event, event.url, 'link'));
  contents.on('will-redirect', (event) => {
    if (event.isMainFrame) guard(event, event.url, 'redirect');
    else if (judgeSignInNavigation(allowed, event.url, 'link') !== 'allow') event.preventDefault();
  });
  // Frames inside the pages (an identity provider's session check) only from the origins allowed so far.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // will-navigate and will-redirect decide for the page itself
    if (judgeSignInNavigation(allowed, event.url, 'link') !== 'allow') {
      deps.log.warn(`sign-in window: frame to ${event.url.slice(0, 200)} blocked`);
      event.preventDefault();
    }
  });
  // Pop-ups of the sign-in pages (help, privacy statement) go to the browser; the flow never needs one.
  contents.setWindowOpenHandler(({ url }) => {
    if (judgeSignInNavigation(allowed, url, 'link') !== 'refuse') deps.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('did-navigate', (_event, url) => {
    if (reachedReturn(url, request.returnUrl)) close();
  });
  contents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && input.key === 'Escape') {
      event.preventDefault();
      if (!window.isDestroyed()) window.close();
    }
  });
  window.on('closed', () => {
    if (!closedByFlow) closedByPerson();
  });
  window.once('ready-to-show', () => {
    if (!window.isDestroyed()) window.show();
  });
  void deps
    .prepareSession(request.partition)
    .then(() => (window.isDestroyed() ? undefined : window.loadURL(request.url)))
    .catch((error: unknown) => {
      deps.log.warn(`sign-in window: could not load the sign-in page: ${error instanceof Error ? error.message : String(error)}`);
      // A page that cannot load leaves nothing to confirm: show the window anyway, with Chromium's error page.
      if (!window.isDestroyed()) window.show();
    });
  return { close };
}
