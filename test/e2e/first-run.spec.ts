// The first run through the preview host in Chromium, as a new person: welcome → the organisation
// found from its portal's address (the configuration it publishes at /.well-known/werkplek.json,
// served here on loopback) → Files → chat, by keyboard alone; it does not come back once done.
// axe (WCAG 2.1 A and AA, light and dark) on every step in Dutch and on the found organisation in
// English; a portal that publishes nothing says so.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost, type PreviewHost } from './fixtures.ts';
import { violations } from './axe.ts';

let host: PreviewHost;
let portal: http.Server;
let portalUrl = '';
let published: object | null = null;

test.beforeAll(async () => {
  portal = http.createServer((req, res) => {
    if (req.url === '/.well-known/werkplek.json' && published) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(published));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => portal.close(() => resolve())));
test.afterEach(async () => {
  await host?.stop();
});

/** The whole window with the guide over it, in the light and the dark look. */
const axeClean = async (page: Page): Promise<void> => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await violations(page), scheme).toEqual([]);
  }
};

test('a new person gets through the first run by keyboard, with the organisation found from the portal address', async ({ page }) => {
  published = { organisation: 'Gemeente Voorbeeld', files: { server: 'https://cloud.voorbeeld.nl' }, chat: { homeserver: 'https://matrix.voorbeeld.nl' } };
  host = await startPreviewHost({ firstRun: true });
  await page.goto(host.url);
  const guide = page.locator('.first-run');
  await expect(guide.getByRole('heading', { name: 'Welcome to Werkplek', level: 1 })).toBeFocused();
  await expect(guide).toContainText('Step 1 of 4');

  // Keyboard only: Tab to "Next" (Back is not there on the first step), Enter.
  await page.keyboard.press('Tab');
  await expect(guide.getByRole('button', { name: 'Next' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(guide.getByRole('heading', { name: 'Your organisation', level: 1 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(guide.getByLabel('Portal address')).toBeFocused();
  await page.keyboard.type(portalUrl);
  await page.keyboard.press('Enter');
  await expect(guide.getByRole('status')).toContainText('Found: Gemeente Voorbeeld');
  await expect(guide.getByRole('status')).toContainText('Files: https://cloud.voorbeeld.nl');
  await axeClean(page);
  await guide.getByRole('button', { name: 'Use these settings' }).press('Enter');
  await expect(guide).toContainText('Done: the settings are in place.');
  await axeClean(page);

  await guide.getByRole('button', { name: 'Next' }).press('Enter');
  await expect(guide.getByRole('heading', { name: 'Your files, also offline', level: 1 })).toBeFocused();
  // The sign-in for Files is there, with the organisation's server filled in.
  await expect(guide.getByRole('textbox').first()).toHaveValue('https://cloud.voorbeeld.nl');
  await guide.getByRole('button', { name: 'Next' }).press('Enter');
  await expect(guide.getByRole('heading', { name: 'Chat notifications', level: 1 })).toBeFocused();
  await guide.getByRole('button', { name: 'Start working' }).press('Enter');
  await expect(guide).toHaveCount(0);

  // Done is remembered: a new window shows the apps, not the guide.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('.first-run')).toHaveCount(0);
});

test('in Dutch, every step passes axe; a portal that publishes nothing says what to do; skip ends it', async ({ page }) => {
  published = null;
  host = await startPreviewHost({ firstRun: true, locale: 'nl-NL' });
  await page.goto(host.url);
  const guide = page.locator('.first-run');
  await expect(guide.getByRole('heading', { name: 'Welkom bij Werkplek', level: 1 })).toBeVisible();
  await axeClean(page);
  await guide.getByRole('button', { name: 'Volgende' }).click();
  await guide.getByLabel('Adres van het portaal').fill(portalUrl);
  await guide.getByRole('button', { name: 'Opzoeken' }).click();
  await expect(guide.getByRole('alert')).toContainText('publiceert op dat adres geen instellingen voor Werkplek');
  await axeClean(page);
  await guide.getByRole('button', { name: 'Volgende' }).click();
  await expect(guide.getByRole('heading', { name: 'Je bestanden, ook offline', level: 1 })).toBeVisible();
  await axeClean(page);
  await guide.getByRole('button', { name: 'Volgende' }).click();
  await expect(guide.getByRole('heading', { name: 'Chatmeldingen', level: 1 })).toBeVisible();
  await axeClean(page);
  await guide.getByRole('button', { name: 'Nu overslaan' }).click();
  await expect(guide).toHaveCount(0);
});

test('an organisation that set Werkplek up by policy is named, and nothing needs typing', async ({ page }) => {
  host = await startPreviewHost({ firstRun: true, policy: { organisation: 'Ministerie van Voorbeelden' } });
  await page.goto(host.url);
  const guide = page.locator('.first-run');
  await guide.getByRole('button', { name: 'Next' }).click();
  await expect(guide).toContainText('Werkplek has been set up for Ministerie van Voorbeelden');
  await expect(guide.getByLabel('Portal address')).toHaveCount(0);
});
