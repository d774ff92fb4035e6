// The sign-in prompt for a remote app, asked once (then kept in the desktop keyring): a page for
// main's prompt window (no script; every text escaped; the form goes to https://werkplek.invalid,
// read by main with loginAnswer from core/shell/http-auth.ts). Dutch and English.
import { answerOrigin, escapeHtml, promptPage } from '../shell/prompt-page.ts';
import type { LoginTexts } from '../shell/http-auth.ts';

const texts = {
  en: {
    title: 'Sign in to {app}',
    message: '{app} runs on {host}. Sign in with your Windows account. Werkplek keeps the password in the desktop keyring and gives it only to FreeRDP.',
  },
  nl: {
    title: 'Aanmelden bij {app}',
    message: '{app} draait op {host}. Meld je aan met je Windows-account. Werkplek bewaart het wachtwoord in de sleutelbos van je bureaublad en geeft het alleen aan FreeRDP.',
  },
};

export interface RdpLoginRequest {
  appName: string;
  host: string;
  suggestedUser: string;
  /** The policy fixes the user name: shown, not editable. */
  fixedUser: boolean;
}

export function rdpLoginTitle(t: LoginTexts, appName: string): string {
  return (t.lang === 'nl' ? texts.nl : texts.en).title.replace('{app}', appName);
}

export function rdpLoginPage(t: LoginTexts, request: RdpLoginRequest): string {
  const own = t.lang === 'nl' ? texts.nl : texts.en;
  const message = escapeHtml(own.message.replace('{app}', request.appName).replace('{host}', request.host));
  const user = escapeHtml(request.suggestedUser);
  const userField = request.fixedUser ? `<input id="u" name="username" type="text" value="${user}" readonly>` : `<input id="u" name="username" type="text" value="${user}" autocomplete="username" required>`;
  const body = `<p>${message}</p><form method="get" action="${answerOrigin}/login">
<label for="u">${escapeHtml(t.username)}</label>${userField}
<label for="p">${escapeHtml(t.password)}</label><input id="p" name="password" type="password" autocomplete="current-password" autofocus required>
<div class="buttons"><button type="submit">${escapeHtml(t.signIn)}</button><a href="#cancel">${escapeHtml(t.cancel)}</a></div></form>`;
  return promptPage(t.lang, rdpLoginTitle(t, request.appName), escapeHtml(rdpLoginTitle(t, request.appName)), body);
}
