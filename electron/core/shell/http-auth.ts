// Sign-in the web has besides forms: HTTP Basic/Digest, NTLM and Negotiate (Kerberos) from an app's
// server or an authenticating proxy. Integrated sign-in (Kerberos/NTLM with the desktop login) goes
// only to the hosts of apps whose catalog entry says `integratedAuth: true` — Chromium's auth server
// allow-list. Anything else asks the person in a prompt built here (no script, every text escaped,
// the form goes to https://werkplek.invalid where main reads and stops it); the answer may be kept
// in the desktop keyring under the server and realm.
import type { AppDefinition } from '../config/catalog-schema.ts';
import { answerOrigin, escapeHtml, promptPage } from './prompt-page.ts';

export interface AuthChallenge {
  isProxy: boolean;
  scheme: string;
  host: string;
  port: number;
  realm: string;
}

export interface Credentials {
  username: string;
  password: string;
  remember: boolean;
}

export interface LoginTexts {
  lang: string;
  loginTitle: string;
  loginMessage: string;
  loginProxyMessage: string;
  loginPlain: string;
  username: string;
  password: string;
  rememberLogin: string;
  signIn: string;
  cancel: string;
}

/** Chromium's auth server allow-list (comma-separated hosts) from the apps that ask for integrated sign-in. */
export function integratedAuthDomains(apps: readonly Pick<AppDefinition, 'url' | 'origins' | 'integratedAuth'>[]): string {
  const hosts = new Set<string>();
  for (const app of apps) {
    if (app.integratedAuth !== true) continue;
    for (const url of [app.url, ...app.origins]) {
      const host = URL.parse(url)?.hostname;
      if (host) hosts.add(host);
    }
  }
  return [...hosts].join(',');
}

/** The keyring entry for one server (or proxy) and realm. */
export function credentialName(challenge: AuthChallenge): string {
  return `http-auth:${challenge.isProxy ? 'proxy' : 'server'}:${challenge.host}:${challenge.port}:${challenge.realm}`;
}

export function loginPage(t: LoginTexts, challenge: AuthChallenge, appName: string | null): string {
  const where = challenge.isProxy ? t.loginProxyMessage : t.loginMessage;
  const heading = escapeHtml(where.replace('{host}', challenge.host).replace('{app}', appName ?? challenge.host).replace('{realm}', challenge.realm));
  const plain = challenge.scheme.toLowerCase() === 'basic' && !challenge.isProxy ? `<p>${escapeHtml(t.loginPlain)}</p>` : '';
  const body = `${plain}<form method="get" action="${answerOrigin}/login">
<label for="u">${escapeHtml(t.username)}</label><input id="u" name="username" type="text" autocomplete="username" autofocus required>
<label for="p">${escapeHtml(t.password)}</label><input id="p" name="password" type="password" autocomplete="current-password">
<label><input name="remember" type="checkbox" value="1"> ${escapeHtml(t.rememberLogin)}</label>
<div class="buttons"><button type="submit">${escapeHtml(t.signIn)}</button><a href="#cancel">${escapeHtml(t.cancel)}</a></div></form>`;
  return promptPage(t.lang, t.loginTitle, heading, body);
}

/** The prompt's answer from the navigation it made, 'cancel', or null (not an answer). */
export function loginAnswer(url: string): Credentials | 'cancel' | null {
  if (url.endsWith('#cancel')) return 'cancel';
  const parsed = URL.parse(url);
  if (!parsed || parsed.origin !== answerOrigin || parsed.pathname !== '/login') return null;
  const username = parsed.searchParams.get('username') ?? '';
  if (username === '') return null;
  return { username, password: parsed.searchParams.get('password') ?? '', remember: parsed.searchParams.get('remember') === '1' };
}
