// The Files panel's activity list and conflicts through the preview host, on the embedded demo
// server: a real conflict (the same file edited here and on the server while sync was paused) is
// listed with its choices and resolved by a click — keep mine in English, keep the server's in
// Dutch — both sides and the trash checked afterwards; the activity list shows what happened, and
// opening a file says clearly that the preview cannot; the folder dialog's button is not offered
// here; axe (WCAG 2.1 A and AA) finds nothing in the panel with the conflict listed, light or dark. A name the
// server will not take is listed with Show in folder (the fix is at the file).
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost, type PreviewHost } from './fixtures.ts';

let host: PreviewHost;
test.afterEach(async () => {
  await host?.stop();
});

const words = {
  en: {
    locale: 'en-GB', files: 'Files', settings: 'Settings', inSync: 'Files in sync', paused: 'Sync paused', pause: 'Pause', resume: 'Resume',
    conflictHeading: '1 conflict', activity: 'Recent activity', downloaded: 'Downloaded: Welkom.txt', conflict: 'Changed on both sides: both versions kept: Welkom.txt',
    open: 'Open Welkom.txt', previewCannot: 'Opening files and folders works in the desktop app, not in this preview.',
    choice: 'Keep mine', kept: 'Kept your version: Welkom.txt', chooseFolder: 'Choose a folder…',
  },
  nl: {
    locale: 'nl-NL', files: 'Bestanden', settings: 'Instellingen', inSync: 'Bestanden bijgewerkt', paused: 'Synchronisatie gepauzeerd', pause: 'Pauzeren', resume: 'Hervatten',
    conflictHeading: '1 conflict', activity: 'Recente activiteit', downloaded: 'Gedownload: Welkom.txt', conflict: 'Aan beide kanten gewijzigd: beide versies bewaard: Welkom.txt',
    open: 'Openen: Welkom.txt', previewCannot: 'Bestanden en mappen openen kan in de desktop-app, niet in deze preview.',
    choice: 'Versie van de server houden', kept: 'Versie van de server gehouden: Welkom.txt', chooseFolder: 'Map kiezen…',
  },
} as const;

/** Welkom.txt edited here and on the server while paused; resuming makes the conflict. */
async function makeConflict(page: Page, w: (typeof words)['en' | 'nl']): Promise<{ local: string; server: string }> {
  const panel = page.locator('.sync-panel');
  const local = join(host.dataDir, 'Demo files');
  const server = join(host.dataDir, 'demo-server-files');
  await panel.getByRole('button', { name: w.pause, exact: true }).click();
  await expect(panel.getByRole('status').first()).toContainText(w.paused);
  writeFileSync(join(local, 'Welkom.txt'), 'my edit here\n');
  writeFileSync(join(server, 'Welkom.txt'), 'their edit on the server, longer\n');
  // The demo server's ETag follows the modification time: make it clearly a new one.
  const later = new Date(Date.now() + 120_000);
  utimesSync(join(server, 'Welkom.txt'), later, later);
  await panel.getByRole('button', { name: w.resume, exact: true }).click();
  return { local, server };
}

for (const language of ['en', 'nl'] as const) {
  test(`activity list and a conflict resolved by a click (${language})`, async ({ page }) => {
    const w = words[language];
    host = await startPreviewHost({ locale: w.locale });
    await page.goto(host.url);
    await page.getByRole('button', { name: w.files, exact: true }).click();
    const panel = page.locator('.sync-panel');
    await expect(panel.getByRole('status').first()).toContainText(w.inSync, { timeout: 20_000 });

    const activity = panel.getByRole('region', { name: w.activity });
    await expect(activity.getByRole('listitem').filter({ hasText: w.downloaded })).toBeVisible();
    // Opening needs the desktop: the preview says so in the person's language.
    await activity.getByRole('button', { name: w.open, exact: true }).click();
    await expect(activity.getByRole('alert')).toContainText(w.previewCannot);

    const { local, server } = await makeConflict(page, w);
    const conflicts = panel.locator('.sync-conflicts');
    await expect(conflicts.getByRole('heading', { name: w.conflictHeading })).toBeVisible({ timeout: 20_000 });
    const copy = (await conflicts.locator('.sync-conflict bdi').nth(1).textContent())!;
    expect(copy).toMatch(/^Welkom \(conflicted copy \d{4}-\d\d-\d\d \d{6}\)\.txt$/);
    expect(readFileSync(join(local, copy), 'utf8')).toBe('my edit here\n');
    await expect(activity.getByRole('listitem').filter({ hasText: w.conflict })).toBeVisible();

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const scan = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include('.sync-panel').analyze();
      expect(scan.violations, colorScheme).toEqual([]);
    }

    await conflicts.getByRole('button', { name: w.choice, exact: true }).click();
    await expect(conflicts.getByRole('status')).toHaveText(w.kept);
    await expect(conflicts.getByRole('listitem')).toHaveCount(0);
    await expect(activity.getByRole('listitem').filter({ hasText: w.kept })).toBeVisible();
    const trashed = join(host.dataDir, 'xdg-data', 'Trash', 'files');
    if (language === 'en') {
      // Keep mine: my edit has the name on both sides, the server's version is in the trash.
      expect(readFileSync(join(local, 'Welkom.txt'), 'utf8')).toBe('my edit here\n');
      await expect.poll(() => readFileSync(join(server, 'Welkom.txt'), 'utf8'), { timeout: 20_000 }).toBe('my edit here\n');
      expect(readFileSync(join(trashed, 'Welkom.txt'), 'utf8')).toBe('their edit on the server, longer\n');
    } else {
      // The server's version stays on both sides; mine is in the trash.
      expect(readFileSync(join(local, 'Welkom.txt'), 'utf8')).toBe('their edit on the server, longer\n');
      expect(readFileSync(join(trashed, copy), 'utf8')).toBe('my edit here\n');
    }
    expect(existsSync(join(local, copy))).toBe(false);
    await expect.poll(() => existsSync(join(server, copy)), { timeout: 20_000 }).toBe(false);

    // No native folder dialog in the preview: the button is not offered, the typed path stays.
    await page.getByRole('button', { name: w.settings, exact: true }).click();
    const section = page.getByRole('region', { name: w.files });
    await expect(section.getByRole('textbox').first()).toBeVisible();
    await expect(section.getByRole('button', { name: w.chooseFolder })).toHaveCount(0);
  });
}

test('a name the server will not take is listed with Show in folder, which the preview answers clearly', async ({ page }) => {
  host = await startPreviewHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Files', exact: true }).click();
  const panel = page.locator('.sync-panel');
  await expect(panel.getByRole('status').first()).toContainText('Files in sync', { timeout: 20_000 });
  writeFileSync(join(host.dataDir, 'Demo files', 'Notes\\draft.txt'), 'a backslash in the name');
  await panel.getByRole('button', { name: 'Sync now' }).click();
  const skipped = panel.locator('details').filter({ hasText: 'not synced on purpose' });
  await skipped.locator('summary').click();
  const item = skipped.getByRole('listitem').filter({ hasText: 'the server does not accept this name' });
  await item.getByRole('button', { name: 'Show in folder: Notes\\draft.txt' }).click();
  await expect(panel.getByRole('alert')).toContainText('Opening files and folders works in the desktop app, not in this preview.');
});
