// Remote apps in the Electron host: the sign-in prompt the core's sessions ask through (a prompt
// window over the shell, asked once; core/remote-apps keeps the answer in the keyring and hands it
// to FreeRDP on its standard input). Starting, watching and reconnecting are the core's.
import type { BrowserWindow } from 'electron';
import type { CoreContext } from '../core/context.ts';
import type { MainTexts } from '../core/shell/main-texts.ts';
import { loginAnswer } from '../core/shell/http-auth.ts';
import { rdpLoginPage, rdpLoginTitle } from '../core/remote-apps/rdp-login-page.ts';
import { setRemotePrompt } from '../core/remote-apps/remote-handlers.ts';
import { askInWindow } from './prompt-window.ts';

export interface RemoteAppsDeps {
  ctx: CoreContext;
  window: () => BrowserWindow | null;
  texts: () => MainTexts;
}

export function bindRemoteApps(deps: RemoteAppsDeps): void {
  setRemotePrompt(deps.ctx, async (app, host, suggestedUser, fixedUser) => {
    const parent = deps.window();
    if (!parent || parent.isDestroyed()) return null;
    const t = deps.texts();
    const answer = await askInWindow(parent, { title: rdpLoginTitle(t, app.name), html: rdpLoginPage(t, { appName: app.name, host, suggestedUser, fixedUser }), width: 460, height: 360 }, loginAnswer);
    return answer && answer.password !== '' ? { username: answer.username, password: answer.password } : null;
  });
}
