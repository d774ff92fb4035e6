// axe with the WCAG 2.1 A and AA rules finds no violation of any impact in the states a panel walk
// does not reach: the tab toolbar and the find bar (empty, with matches, with none; the desktop app's
// layout, with the preview's stand-in for its tab views), an update ready, Windows apps with an
// ended session, the pages of an app that cannot load (unreachable, certificate, error) and the
// notice of a refused permission, the downloads list with a finished and a cancelled download, the offline page, and
// the chat sign-in once the server is known (password form, organisation account, a wrong password),
// and the one-click offers to connect Files and chat once their web apps are signed in.
// In English and Dutch, light and dark; the toolbar, the find bar and the sign-in forms are walked
// by keyboard too.
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost } from './fixtures.ts';
import { violations } from './axe.ts';
import { tabWalk } from './tab-walk.ts';
import { locales, openView, text, views, type Language } from './walk.ts';
import { Homeserver } from '../fixtures/homeserver/homeserver.ts';

test.describe.configure({ timeout: 240_000 });

/** No violation in either look, as the page is now. */
async function clean(page: Page, what: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await violations(page), `${what} (${scheme})`).toEqual([]);
  }
}

const policy = {
  apps: [
    { id: 'portaal', name: 'Portaal', url: 'http://127.0.0.1:9/portaal/' },
    { id: 'zaak', name: 'Zaaksysteem', kind: 'remote-app', url: 'rdp://rds.gemeente.nl', rdp: { program: '||Zaak' } },
  ],
};

for (const language of ['en', 'nl'] as const satisfies Language[]) {
  test(`axe WCAG 2.1 AA: tab toolbar, find bar, update notice, Windows apps (${language})`, async ({ page }) => {
    const host = await startPreviewHost({ locale: locales[language], policy, env: { WERKPLEK_TEST_TAB_VIEWS: '1', WERKPLEK_TEST_UPDATE_READY: '2.1.0' } });
    try {
      await page.goto(host.url);
      const toolbar = page.getByRole('toolbar', { name: text(language, 'shell', 'toolbar') });
      await expect(toolbar).toBeVisible();
      await expect(page.locator('.status-bar').getByRole('button').filter({ hasText: text(language, 'shell', 'updateRestart') })).toBeVisible();
      await clean(page, 'tab toolbar and update notice');

      // Windows apps: one started (the preview cannot, so its session ends at once) offers Reconnect.
      await page.getByRole('button', { name: 'Zaaksysteem', exact: true }).click();
      await expect(page.getByRole('button', { name: text(language, 'remote', 'reconnectLabel').replace('{{name}}', 'Zaaksysteem') })).toBeVisible();
      await clean(page, 'Windows apps, session ended');

      // Find: Ctrl+F opens the bar with the focus in its field.
      await page.keyboard.press('Control+f');
      const field = page.getByRole('searchbox', { name: text(language, 'shell', 'findLabel').replace('{{name}}', 'Portaal') });
      await expect(field).toBeFocused();
      await clean(page, 'find bar, empty');
      await field.fill('werkplek');
      await expect(page.locator('.find-count')).not.toBeEmpty();
      await page.keyboard.press('Enter');
      await expect(page.locator('.find-count')).toHaveText(/2\D+2/);
      await clean(page, 'find bar, matches');
      await field.fill('zzz');
      await expect(page.locator('.find-count')).toHaveText(text(language, 'shell', 'findNone'));
      await clean(page, 'find bar, no match');

      // By keyboard alone: every control of the toolbar and the find bar is reached with a visible focus.
      const walk = await tabWalk(page);
      for (const name of [text(language, 'shell', 'back'), text(language, 'shell', 'reload'), text(language, 'shell', 'findNext'), text(language, 'shell', 'findClose')]) {
        expect(walk.map((stop) => stop.name).join('\n')).toContain(`"${name}"`);
      }
      expect(walk.filter((stop) => !stop.visible || !stop.ring)).toEqual([]);
      await field.focus();
      await page.keyboard.press('Escape');
      await expect(field).toHaveCount(0);
    } finally {
      await host.stop();
    }
  });

  test(`axe WCAG 2.1 AA: an app that cannot be reached, one with an untrusted certificate, a load error; a refused permission (${language})`, async ({ page }) => {
    const apps = [
      { id: 'portaal', name: 'Portaal', url: 'http://127.0.0.1:9/portaal/' },
      { id: 'zaken', name: 'Zaken', url: 'https://zaken.gemeente.nl/' },
      { id: 'wiki', name: 'Wiki', url: 'https://wiki.gemeente.nl/' },
    ];
    // Chromium's net errors as a tab view reports them: CONNECTION_REFUSED, CERT_AUTHORITY_INVALID, TOO_MANY_REDIRECTS.
    const env = { WERKPLEK_TEST_TAB_VIEWS: '1', WERKPLEK_TEST_LOAD_FAILURES: 'portaal:-102,zaken:-202,wiki:-310', WERKPLEK_TEST_PERMISSION_DENIED: 'portaal:media' };
    const host = await startPreviewHost({ locale: locales[language], policy: { apps }, env });
    try {
      await page.goto(host.url);
      const notice = page.locator('.permission-notice');
      await expect(notice).toContainText(text(language, 'shell', 'permission_media'));
      for (const [index, { name }, title] of [[1, apps[0]!, 'unreachableTitle'], [2, apps[1]!, 'certificateTitle'], [3, apps[2]!, 'errorTitle']] as const) {
        await page.keyboard.press(`Control+${index}`);
        await expect(page.getByRole('alert').getByRole('heading', { name: text(language, 'shell', title).replace('{{name}}', name) })).toBeVisible();
        await clean(page, `${name}: ${title}`);
      }
      await expect(page.getByRole('button', { name: text(language, 'shell', 'retryNow') })).toBeVisible();
      // The next attempt's time in the UI's language (a Dutch UI in an English browser: 14:05:09, not 2:05:09 PM).
      if (language === 'nl') await expect(page.locator('.offline-retry')).toHaveText(/om \d{1,2}:\d{2}:\d{2}\.$/);
    } finally {
      await host.stop();
    }
  });

  test(`axe WCAG 2.1 AA: the one-click offers once Files and chat are signed in on the web (${language})`, async ({ page }) => {
    const apps = [
      { id: 'nextcloud', name: 'Bestanden', kind: 'files', url: 'https://cloud.gemeente.nl/' },
      { id: 'element', name: 'Chat', kind: 'chat', url: 'https://chat.gemeente.nl/' },
    ];
    // Both tabs report a signed-in page, as the desktop app's tab views do.
    const env = { WERKPLEK_TEST_TAB_VIEWS: '1', WERKPLEK_TEST_LOADED: 'nextcloud=https://cloud.gemeente.nl/apps/files/,element=https://chat.gemeente.nl/#/home' };
    const host = await startPreviewHost({ locale: locales[language], policy: { apps, defaults: { 'matrix.homeserver': 'https://matrix.gemeente.nl' } }, env });
    try {
      await page.goto(host.url);
      const offers = page.locator('.sign-in-offers');
      await expect(offers).toContainText(text(language, 'sync', 'offer.question'));
      await expect(offers).toContainText(text(language, 'matrix', 'offer.question'));
      await clean(page, 'sign-in offers');
      const walk = await tabWalk(page, 60);
      for (const name of [text(language, 'sync', 'offer.yes'), text(language, 'sync', 'offer.no'), text(language, 'matrix', 'offer.yes')]) expect(walk.map((s) => s.name).join('\n')).toContain(name);
    } finally {
      await host.stop();
    }
  });

  test(`axe WCAG 2.1 AA: downloads listed, the offline page (${language})`, async ({ page, context }) => {
    const host = await startPreviewHost({ locale: locales[language] });
    try {
      await page.goto(host.url);
      await page.getByRole('tab', { name: /Documenten/ }).click();
      const documents = page.frameLocator('iframe[title^="Documenten"]');
      await documents.getByRole('link', { name: 'Welkom bij Werkplek.txt' }).click();
      await documents.getByRole('link', { name: /Presentatie/ }).click();
      await openView(page, views.find((v) => v.id === 'downloads')!, language);
      const list = page.locator('.panel').getByRole('list');
      await expect(list.getByRole('listitem')).toHaveCount(2);
      await list.getByRole('listitem').filter({ hasText: 'Presentatie.bin' }).getByRole('button', { name: text(language, 'shell', 'downloadCancel') }).click();
      await clean(page, 'downloads, one done and one cancelled');

      await page.getByRole('button', { name: text(language, 'common', 'close'), exact: true }).click();
      await context.setOffline(true);
      await expect(page.getByRole('alert').getByRole('heading')).toBeVisible();
      await clean(page, 'offline page');
      await context.setOffline(false);
    } finally {
      await host.stop();
    }
  });

  test(`keyboard only: the Files sign-in form, both ways, with a visible focus (${language})`, async ({ page }) => {
    const host = await startPreviewHost({ locale: locales[language] });
    try {
      await page.goto(host.url);
      await openView(page, views.find((v) => v.id === 'files')!, language);
      await page.getByRole('button', { name: text(language, 'sync', 'actions.connect'), exact: true }).click();
      await page.locator('.sync-signin details summary').first().click();
      await expect(page.locator('#sync-password')).toBeVisible();
      const walk = await tabWalk(page);
      for (const stop of ['input#sync-server', 'input#sync-user', 'input#sync-password']) expect(walk.map((s) => s.name).join('\n')).toContain(stop);
      expect(walk.filter((stop) => !stop.visible || !stop.ring)).toEqual([]);
    } finally {
      await host.stop();
    }
  });

  test(`axe WCAG 2.1 AA: chat sign-in with the server known, and a wrong password (${language})`, async ({ page }) => {
    const hs = await Homeserver.start({ ssoUser: 'jan.jansen' });
    hs.addUser('jan', 'juist-wachtwoord', 'Jan');
    const host = await startPreviewHost({ locale: locales[language] });
    try {
      await page.goto(host.url);
      await openView(page, views.find((v) => v.id === 'notifications')!, language);
      await page.getByLabel(text(language, 'matrix', 'signIn.homeserver')).fill(hs.url);
      await page.getByRole('button', { name: text(language, 'matrix', 'signIn.continue') }).click();
      await expect(page.getByRole('button', { name: text(language, 'matrix', 'signIn.withSso') })).toBeVisible();
      await expect(page.locator('#matrix-password')).toBeVisible();
      await clean(page, 'chat sign-in: password and organisation account');
      // By keyboard alone: the organisation account and both fields are reached, the focus always shows.
      const walk = await tabWalk(page);
      for (const stop of [text(language, 'matrix', 'signIn.withSso'), 'input#matrix-user', 'input#matrix-password']) expect(walk.map((s) => s.name).join('\n')).toContain(stop);
      expect(walk.filter((stop) => !stop.visible || !stop.ring)).toEqual([]);
      await page.locator('#matrix-user').fill('jan');
      await page.locator('#matrix-password').fill('fout');
      await page.getByRole('button', { name: text(language, 'matrix', 'signIn.submit'), exact: true }).click();
      await expect(page.locator('.matrix-signin [role="alert"]')).toBeVisible();
      await clean(page, 'chat sign-in: wrong password');
    } finally {
      await host.stop();
      await hs.close();
    }
  });
}
