// One sign-in, in Chromium: one browser context stands for the apps' shared partition. The person
// signs in once at the OpenID Connect provider (oidc-provider) by opening the Files web app; then
// connecting Files (Nextcloud Login Flow v2, delegated to the provider) asks only "Grant access"
// and connecting chat notifications (Matrix SSO, delegated too) only "Continue" — no password
// prompt. Files sync and a chat message's notification arrives. A revoked app password shows
// 'sign in again' with 'Connect again', which goes the same way (Grant access only). The preview host prints the page
// its in-app sign-in window would show (WERKPLEK_TEST_SIGN_IN_WINDOW); the test opens it in the same
// context, as the desktop app's window on persist:werkplek (tested on the double) does.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost, type PreviewHost } from './fixtures.ts';
import { violations } from './axe.ts';
import { janJansen, startOidcProvider, type OidcProviderHandle } from '../fixtures/oidc-provider.ts';
import { startNextcloudSso, type NextcloudSsoHandle } from '../fixtures/nextcloud-sso.ts';
import { Homeserver } from '../fixtures/homeserver/homeserver.ts';
import { PlainClient } from '../fixtures/homeserver/plain-client.ts';
import { delegateSsoTo } from '../fixtures/homeserver/routes-sso.ts';
import { sabreDavServer } from '../fixtures/servers/sabredav.ts';

/** The n-th (0-based) sign-in window the preview asked for: its partition and URL. */
async function signInWindow(host: PreviewHost, n: number): Promise<{ partition: string; url: string }> {
  await expect.poll(() => [...host.output.join('').matchAll(/preview: sign-in window \((\S+)\): (\S+)/g)].length, { timeout: 15_000 }).toBeGreaterThan(n);
  const match = [...host.output.join('').matchAll(/preview: sign-in window \((\S+)\): (\S+)/g)][n]!;
  return { partition: match[1]!, url: match[2]! };
}

/**
 * Closes a page that stands in for the in-app sign-in window without waiting for Chromium to tear
 * it down: once, on the loaded CI machine, that wait outlasted the test's two minutes (the
 * product's own window had already closed, as the preview host logged).
 */
function letGo(page: Page): void {
  void page.close().catch(() => undefined);
}

test.describe('one sign-in for Files and chat notifications', () => {
  test.skip(!sabreDavServer.available, sabreDavServer.reason ?? 'SabreDAV is not available');
  let provider: OidcProviderHandle;
  let nextcloud: NextcloudSsoHandle;
  let hs: Homeserver;
  let host: PreviewHost;
  let localDir: string;

  test.beforeAll(async () => {
    provider = await startOidcProvider();
    nextcloud = await startNextcloudSso(provider);
    hs = await Homeserver.start({ ssoUser: 'jan.jansen' });
    hs.addUser('jan.jansen', 'jan-device-pw', 'Jan Jansen');
    hs.addUser('bob', 'bob-pw', 'Bob');
    delegateSsoTo(hs, provider);
    // A file already on the server, to see it arrive.
    const put = await fetch(new URL('Welkom.txt', nextcloud.dav.url), { method: 'PUT', body: 'Welkom, Jan', headers: { authorization: `Basic ${Buffer.from(`${nextcloud.dav.user}:${nextcloud.dav.password}`).toString('base64')}` } });
    expect(put.status).toBeLessThan(300);
    localDir = mkdtempSync(join(tmpdir(), 'werkplek-e2e-sso-'));
    writeFileSync(join(localDir, 'Notulen.txt'), 'van deze laptop');
    host = await startPreviewHost({
      policy: {
        apps: [
          { id: 'bestanden', name: 'Bestanden', url: `${nextcloud.origin}/apps/files/`, kind: 'files' },
          { id: 'chat', name: 'Chat', url: `${hs.url}/`, kind: 'chat' },
        ],
        defaults: { 'sync.serverUrl': nextcloud.origin, 'sync.localDir': localDir, 'matrix.homeserver': hs.url },
      },
      env: { WERKPLEK_TEST_SIGN_IN_WINDOW: '1' },
    });
  });
  test.afterAll(async () => {
    await host?.stop();
    await hs?.close();
    await nextcloud?.stop();
    await provider?.stop();
  });

  test('sign in once at the provider, then connect Files and chat without a password', async ({ browser }) => {
    test.setTimeout(120_000);
    const partition = await browser.newContext(); // the apps' shared partition
    // The person opens the Files web app and signs in at the identity provider.
    const web = await partition.newPage();
    await web.goto(`${nextcloud.origin}/apps/files/`);
    await web.getByLabel('Username').fill(janJansen.username);
    await web.getByLabel('Password').fill(janJansen.password);
    await web.getByRole('button', { name: 'Sign in' }).click();
    await expect(web.getByText('Signed in as jan.jansen')).toBeVisible();

    // Files: one click in Werkplek, then only "Grant access" in the sign-in window.
    const shell = await partition.newPage();
    await shell.goto(host.url);
    await shell.getByRole('button', { name: 'Files', exact: true }).click();
    const panel = shell.locator('.sync-panel');
    await expect(panel.getByLabel('Server address')).toHaveValue(nextcloud.origin);
    await panel.getByRole('button', { name: 'Sign in with your organisation account' }).click();
    const files = await signInWindow(host, 0);
    expect(files.partition).toBe('persist:werkplek');
    await expect(panel.getByText('Confirm in the sign-in window: choose Grant access.')).toBeVisible();
    expect(await violations(shell), 'Files: waiting for the sign-in window').toEqual([]);
    const grantWindow = await partition.newPage();
    await grantWindow.goto(files.url);
    await expect(grantWindow.getByRole('heading', { name: 'Account access' })).toBeVisible();
    await expect(grantWindow.locator('input[type="password"]')).toHaveCount(0);
    await grantWindow.getByRole('button', { name: 'Grant access' }).click();
    await expect(grantWindow.getByRole('heading', { name: 'Account connected' })).toBeVisible();
    await expect.poll(() => host.output.join('').includes(`preview: sign-in window closed: ${files.url}`)).toBe(true);
    letGo(grantWindow);
    await expect(panel.getByRole('status').first()).toContainText('Files in sync', { timeout: 30_000 });
    expect(readFileSync(join(localDir, 'Welkom.txt'), 'utf8')).toBe('Welkom, Jan');
    expect(readFileSync(join(nextcloud.dav.dataDir, 'Notulen.txt'), 'utf8')).toBe('van deze laptop');

    // Signed out everywhere: the app password dies. The panel says so and reconnects in one click.
    nextcloud.revokeAppPasswords();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect(panel.getByText('The server no longer accepts the sign-in of jan.jansen.')).toBeVisible({ timeout: 20_000 });
    expect(await violations(shell), 'Files: sign-in no longer accepted').toEqual([]);
    await panel.getByRole('button', { name: 'Connect again' }).click();
    const again = await signInWindow(host, 1);
    const regrantWindow = await partition.newPage();
    await regrantWindow.goto(again.url);
    await expect(regrantWindow.locator('input[type="password"]')).toHaveCount(0);
    await regrantWindow.getByRole('button', { name: 'Grant access' }).click();
    letGo(regrantWindow);
    writeFileSync(join(localDir, 'Later.txt'), 'na opnieuw verbinden');
    await expect.poll(() => { try { return readFileSync(join(nextcloud.dav.dataDir, 'Later.txt'), 'utf8'); } catch { return null; } }, { timeout: 30_000 }).toBe('na opnieuw verbinden');
    expect(nextcloud.grants()).toBe(2);

    // Chat notifications: the same way, only "Continue" at the homeserver.
    await shell.getByRole('button', { name: 'Chat notifications', exact: true }).click();
    await shell.getByRole('button', { name: 'Continue' }).click();
    await shell.getByRole('button', { name: 'Sign in with your organisation account' }).click();
    const chat = await signInWindow(host, 2);
    expect(chat.partition).toBe('persist:werkplek');
    const continueWindow = await partition.newPage();
    await continueWindow.goto(chat.url);
    await expect(continueWindow.getByRole('heading', { name: 'Continue to your account' })).toBeVisible();
    await expect(continueWindow.locator('input[type="password"]')).toHaveCount(0);
    await continueWindow.getByRole('button', { name: 'Continue' }).click();
    await expect(continueWindow.getByText('Signed in. You can close this tab')).toBeVisible();
    letGo(continueWindow);
    await expect(shell.locator('.matrix-who')).toContainText('@jan.jansen:werkplek.test', { timeout: 15_000 });
    // The first sync answered before the colleague writes: what arrives in it is history, never
    // notified (notification-policy.ts, 'initial'), as at any first sign-in.
    const notifierDevice = [...(hs.model.users.get('@jan.jansen:werkplek.test')?.devices.keys() ?? [])][0];
    expect(notifierDevice).toBeDefined();
    await expect.poll(() => hs.answered(notifierDevice!, '/sync'), { timeout: 30_000 }).toBe(true);

    // A message from a colleague: the notification decision arrives in the notification centre.
    const bob = await PlainClient.login(hs.url, 'bob', 'bob-pw');
    const roomId = await bob.createRoom({ name: 'Team', invite: ['@jan.jansen:werkplek.test', hs.addUser('carol', 'c')] });
    await (await PlainClient.login(hs.url, 'jan.jansen', 'jan-device-pw')).join(roomId);
    await (await PlainClient.login(hs.url, 'carol', 'c')).join(roomId);
    await bob.sendText(roomId, 'stand-up in 5');
    await expect(shell.locator('.matrix-panel').getByText('stand-up in 5')).toBeVisible({ timeout: 20_000 });

    // Signed in, the panel offers to verify this device (what it adds, recovery key or emoji), beside
    // the notification centre with the message: the whole window axe-clean, in both looks.
    await expect(shell.getByRole('heading', { name: 'Verify this device' })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await shell.emulateMedia({ colorScheme: scheme });
      expect(await violations(shell), `chat signed in (${scheme})`).toEqual([]);
    }

    expect(provider.passwordPrompts()).toBe(1); // the one sign-in
    await partition.close();
  });
});
