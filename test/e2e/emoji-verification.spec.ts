// Verifying the notifier's device by emoji, started from the person's other session ("Element on
// the phone": a real matrix-js-sdk client with Rust crypto): the request, the seven emoji to compare
// and the result, in the notifications panel, each checked with axe (WCAG 2.1 A and AA, light and
// dark), in English and Dutch. Test homeserver on loopback.
import { VerificationPhase, VerifierEvent, type ShowSasCallbacks } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost } from './fixtures.ts';
import { violations } from './axe.ts';
import { locales, openView, text, views, type Language } from './walk.ts';
import { Homeserver } from '../fixtures/homeserver/homeserver.ts';
import { CryptoPeer } from '../integration/matrix/crypto-peer.ts';
import { waitFor } from '../integration/matrix/harness.ts';

test.describe.configure({ timeout: 180_000 });

async function clean(page: Page, what: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await violations(page), `${what} (${scheme})`).toEqual([]);
  }
}

for (const language of ['en', 'nl'] as const satisfies Language[]) {
  test(`emoji verification from another own session: request, compare, done; axe clean (${language})`, async ({ page }) => {
    const hs = await Homeserver.start();
    const userId = hs.addUser('jan', 'juist-wachtwoord', 'Jan');
    const host = await startPreviewHost({ locale: locales[language] });
    let phone: CryptoPeer | null = null;
    try {
      await page.goto(host.url);
      await openView(page, views.find((v) => v.id === 'notifications')!, language);
      await page.getByLabel(text(language, 'matrix', 'signIn.homeserver')).fill(hs.url);
      await page.getByRole('button', { name: text(language, 'matrix', 'signIn.continue') }).click();
      await page.locator('#matrix-user').fill('jan');
      await page.locator('#matrix-password').fill('juist-wachtwoord');
      await page.getByRole('button', { name: text(language, 'matrix', 'signIn.submit'), exact: true }).click();
      // Signed in: the notifier's device is the only one of jan's at the server.
      const notifierDevice = await waitFor('the notifier signed in', () => [...(hs.model.users.get(userId)?.devices.keys() ?? [])][0], 60_000);

      phone = await CryptoPeer.login(hs.url, 'jan', 'juist-wachtwoord');
      await phone.knowsDevices(userId, [notifierDevice]);
      // As a person takes a moment between signing in on the phone and tapping "Verify": the
      // notifier has fetched the phone's device keys. A request from a device the notifier does not
      // know yet is dropped by the Rust crypto ("Could not retrieve the device data for the incoming
      // verification request, ignoring it"); the phone then shows it waiting and can ask again.
      const phoneDevice = phone.deviceId;
      await waitFor('the notifier fetched the phone\'s keys', () => {
        const uploaded = hs.requests.findIndex((r) => r.deviceId === phoneDevice && r.path.endsWith('/keys/upload') && r.status === 200);
        return uploaded >= 0 && hs.answered(notifierDevice, '/keys/query', uploaded);
      }, 30_000);
      const request = await phone.client.getCrypto()!.requestDeviceVerification(userId, notifierDevice);
      const box = page.locator('.matrix-emoji');
      await expect(box).toContainText(text(language, 'matrix', 'emoji.requested').replace('{{device}}', phone.deviceId), { timeout: 30_000 });
      await clean(page, 'emoji verification: requested');
      await box.getByRole('button', { name: text(language, 'matrix', 'emoji.accept') }).click();

      await waitFor('the request ready', () => request.phase === VerificationPhase.Ready, 30_000);
      const verifier = await request.startVerification('m.sas.v1');
      const shown = new Promise<ShowSasCallbacks>((resolve) => verifier.once(VerifierEvent.ShowSas, resolve));
      const finished = verifier.verify();
      const sas = await shown;
      // The same seven emoji as on the phone, named in the UI's language.
      await expect(box.getByRole('listitem')).toHaveCount(7, { timeout: 30_000 });
      const glyphs = await box.locator('.matrix-emoji-glyph').allTextContents();
      expect(glyphs).toEqual(sas.sas.emoji!.map(([emoji]) => emoji));
      await clean(page, 'emoji verification: compare');

      await Promise.all([sas.confirm(), box.getByRole('button', { name: text(language, 'matrix', 'emoji.match') }).click()]);
      await finished;
      await expect(box).toContainText(text(language, 'matrix', 'emoji.done'), { timeout: 30_000 });
      await clean(page, 'emoji verification: done');
    } finally {
      phone?.stop();
      await host.stop();
      await hs.close();
    }
  });
}
