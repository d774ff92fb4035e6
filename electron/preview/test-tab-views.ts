// For tests only (WERKPLEK_TEST_TAB_VIEWS=1): the preview answers as the desktop app's tab views do,
// so the e2e suite reaches the renderer's tab toolbar and find bar, which show only in the desktop
// app (the renderer lays out as there: no frames, the toolbar above the app's slot). There are no
// pages here: back, forward and reload are logged, and find counts the text in a fixed sample and
// reports it as Electron's found-in-page result would. What is tested is the renderer around them.
import type { CoreContext } from '../core/context.ts';

const sample = 'Goedemorgen. Dit is het demo-portaal van Werkplek. Je organisatie vervangt deze apps via het beleidsbestand van Werkplek.';

export function installTestTabViews(ctx: CoreContext): void {
  const host = ctx.shell.host;
  let active = 0;
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
