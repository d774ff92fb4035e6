// Electron's 'login' event (HTTP Basic/Digest, NTLM, Negotiate from an app's server or a proxy):
// a kept answer from the keyring first, else the person is asked (prompt-window.ts); a kept answer
// the server refuses is forgotten and asked again. One prompt per server and realm at a time, even
// when many requests ask at once. Requests of contents that are no app's are not answered.
import type { App, BrowserWindow } from 'electron';
import type { CoreContext } from '../core/context.ts';
import type { MainTexts } from '../core/shell/main-texts.ts';
import { credentialName, loginAnswer, loginPage, type AuthChallenge, type Credentials } from '../core/shell/http-auth.ts';
import { askInWindow } from './prompt-window.ts';
import type { SessionOwners } from './app-sessions.ts';

export interface HttpAuthDeps {
  ctx: CoreContext;
  owners: SessionOwners;
  window: () => BrowserWindow | null;
  texts: () => MainTexts;
}

/** A kept answer sent again this soon after it was sent means the server refused it. */
const refusedWithin = 60_000;

export function handleHttpAuth(app: App, deps: HttpAuthDeps): void {
  const sentAt = new Map<string, number>();
  const pending = new Map<string, Promise<Credentials | null>>();
  app.on('login', (event, contents, _details, authInfo, callback) => {
    const owner = deps.owners.appFor(contents);
    if (!owner && !authInfo.isProxy) return; // not an app's request: Electron cancels it
    event.preventDefault();
    const challenge: AuthChallenge = { isProxy: authInfo.isProxy, scheme: authInfo.scheme, host: authInfo.host, port: authInfo.port, realm: authInfo.realm };
    const name = credentialName(challenge);
    let answer = pending.get(name);
    if (!answer) {
      answer = credentialsFor(challenge, owner?.name ?? null, deps, sentAt).finally(() => pending.delete(name));
      pending.set(name, answer);
    }
    answer
      .then((credentials) => (credentials ? callback(credentials.username, credentials.password) : callback()))
      .catch((error: unknown) => {
        deps.ctx.log.warn(`sign-in for ${challenge.host} failed`, error instanceof Error ? error.message : error);
        callback();
      });
  });
}

async function credentialsFor(challenge: AuthChallenge, appName: string | null, deps: HttpAuthDeps, sentAt: Map<string, number>): Promise<Credentials | null> {
  const { keyring, log } = deps.ctx;
  const name = credentialName(challenge);
  const kept = await keyring.get(name).catch(() => null);
  const lastSent = sentAt.get(name);
  if (kept && (lastSent === undefined || Date.now() - lastSent > refusedWithin)) {
    sentAt.set(name, Date.now());
    return { ...(JSON.parse(kept) as { username: string; password: string }), remember: true };
  }
  sentAt.delete(name);
  if (kept) await keyring.delete(name).catch(() => {}); // the server refused it
  const parent = deps.window();
  if (!parent || parent.isDestroyed()) return null;
  const t = deps.texts();
  const credentials = await askInWindow(parent, { title: t.loginTitle, html: loginPage(t, challenge, appName), width: 460, height: 380 }, loginAnswer);
  if (credentials?.remember) {
    await keyring.set(name, JSON.stringify({ username: credentials.username, password: credentials.password })).catch((error: unknown) => log.warn('sign-in not kept in the keyring', error instanceof Error ? error.message : error));
    sentAt.set(name, Date.now());
  }
  return credentials;
}
