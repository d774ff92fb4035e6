// For tests only (WERKPLEK_TEST_TAB_VIEWS=1): the preview answers as the desktop app's tab views do,
// so the e2e suite reaches the renderer's tab toolbar and find bar, which show only in the desktop
// app (the renderer lays out as there: no frames, the toolbar above the app's slot). There are no
// pages here: back, forward and reload are logged, and find counts the text in a fixed sample and
// reports it as Electron's found-in-page result would. What is tested is the renderer around them.
// With `failures` (WERKPLEK_TEST_LOAD_FAILURES=appId:netErrorCode,…) those apps fail to load as a
// tab view reports it (the core's classification and retry delay), and with `denied`
// (WERKPLEK_TEST_PERMISSION_DENIED=appId:permission) a page's request is refused each time the
// renderer lays the app out, so the offline, error and certificate pages and the permission notice show.
// With `loaded` (WERKPLEK_TEST_LOADED=appId=url,…) those apps report a finished load of that page
// as a tab view does, so the one-click sign-in offers follow (core/shell/sign-in-offers.ts).
import type { CoreContext } from '../core/context.ts';
import { classifyLoadFailure, retryDelaySeconds } from '../core/shell/load-failure.ts';

export interface TestTabViewOptions {
  failures?: string | undefined;
  denied?: string | undefined;
  loaded?: string | undefined;
}

const pairs = (text: string | undefined): Array<[string, string]> =>
  (text ?? '').split(',').filter((pair) => pair.includes(':')).map((pair) => pair.split(':', 2) as [string, string]);

const sample = 'Goedemorgen. Dit is het demo-portaal van Werkplek. Je organisatie vervangt deze apps via het beleidsbestand van Werkplek.';

export function installTestTabViews(ctx: CoreContext, options: TestTabViewOptions = {}): void {
  const host = ctx.shell.host;
  let active = 0;
  for (const [appId, code] of pairs(options.failures)) {
    const kind = classifyLoadFailure(Number(code), true);
    const delay = retryDelaySeconds(kind, 0);
    if (kind !== 'ignore') ctx.shell.setLoadState({ appId, state: kind, errorCode: Number(code), errorText: `net error ${code}`, retryAt: delay === null ? null : Date.now() + delay * 1000, url: null });
  }
  for (const pair of (options.loaded ?? '').split(',').filter((p) => p.includes('='))) {
    const at = pair.indexOf('=');
    ctx.shell.setLoadState({ appId: pair.slice(0, at), state: 'ready', errorCode: null, errorText: null, retryAt: null, url: pair.slice(at + 1) });
  }
  const denied = pairs(options.denied);
  host.layout = (rect) => {
    console.log(`preview (test only): layout ${rect.x},${rect.y} ${rect.width}x${rect.height}`);
    for (const [appId, permission] of denied) ctx.shell.notePermission({ appId, permission, origin: ctx.catalog.find(appId)?.app.url ?? appId, allowed: false, reason: null, at: Date.now() });
  };
  host.retry = (appId) => console.log(`preview (test only): retry ${appId}`);
  host.navigate = (appId, action) => console.log(`preview (test only): ${action} in ${appId}`);
  host.find = (text, forward, findNext) => {
    const matches = text === '' ? 0 : sample.toLowerCase().split(text.toLowerCase()).length - 1;
    if (matches === 0) active = 0;
    else if (!findNext || active === 0) active = 1;
    else active = ((active - 1 + (forward ? 1 : matches - 1)) % matches) + 1;
    ctx.hub.emit('shell.findResult', { matches, activeMatchOrdinal: active });
  };
  host.stopFind = () => {
    active = 0;
  };
}
