// The Files section of the settings through the preview host, on the embedded demo server: the
// server's folders as a tree, unticking one keeps it on the server only (its files leave this
// computer's sync and are not downloaded again), the server folder chosen by browsing, the ignore
// list saved, Dutch texts, and an accessibility scan of the section.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, startPreviewHost, type PreviewHost } from './fixtures.ts';

let host: PreviewHost;
test.afterEach(async () => {
  await host?.stop();
});

test('choose which server folders sync, browse for the server folder, keep an ignore list', async ({ page }) => {
  host = await startPreviewHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Files', exact: true }).click();
  await expect(page.locator('.sync-panel').getByRole('status').first()).toContainText('Files in sync');
  const local = join(host.dataDir, 'Demo files');
  expect(existsSync(join(local, 'Gedeeld', 'Notulen overleg.txt'))).toBe(true);

  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Files' });
  const tree = section.getByRole('group', { name: 'Which folders sync' });
  await expect(tree.getByRole('checkbox', { name: 'Projecten' })).toBeChecked();
  await tree.getByRole('checkbox', { name: 'Gedeeld' }).uncheck();
  await expect(tree.getByRole('checkbox', { name: 'Gedeeld' })).not.toBeChecked();

  // A new server file in the unticked folder is not downloaded; one elsewhere is.
  const server = join(host.dataDir, 'demo-server-files');
  rmSync(join(local, 'Gedeeld'), { recursive: true, force: true });
  writeFileSync(join(server, 'Gedeeld', 'Nieuw.txt'), 'only on the server');
  writeFileSync(join(server, 'Projecten', 'Nieuw.txt'), 'everywhere');
  await page.getByRole('button', { name: 'Files', exact: true }).click();
  await page.locator('.sync-panel').getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => existsSync(join(local, 'Projecten', 'Nieuw.txt')), { timeout: 20_000 }).toBe(true);
  expect(existsSync(join(local, 'Gedeeld', 'Nieuw.txt'))).toBe(false);
  // Unticking left the server's copy alone.
  expect(readFileSync(join(server, 'Gedeeld', 'Notulen overleg.txt'), 'utf8')).toMatch(/Notulen/);

  await page.getByRole('button', { name: 'Settings' }).click();
  await section.getByRole('button', { name: 'Choose on the server…' }).click();
  const picker = section.getByRole('group', { name: 'Folders on the server' });
  await picker.getByRole('button', { name: 'Projecten' }).click();
  await expect(picker).toContainText('On the server: /Projecten');
  await picker.getByRole('button', { name: 'Sync /Projecten' }).click();
  await expect(section.getByLabel('Folder on the server')).toHaveValue('/Projecten');

  await section.getByLabel('Files that never sync').fill('*.bak\nScans/**');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status')).toHaveText(/Saved: the next sync uses it/);
  expect(readFileSync(join(host.dataDir, 'sync-exclude.lst'), 'utf8')).toBe('*.bak\nScans/**\n');

  const scan = await new AxeBuilder({ page }).include('[aria-labelledby="sync-settings-heading"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(scan.violations).toEqual([]);
});

test('the Files settings in Dutch', async ({ page }) => {
  host = await startPreviewHost({ locale: 'nl-NL' });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Instellingen' }).click();
  const section = page.getByRole('region', { name: 'Bestanden' });
  await expect(section.getByRole('group', { name: 'Welke mappen synchroniseren' }).getByRole('checkbox', { name: 'Projecten' })).toBeVisible();
  await expect(section.getByLabel('Vrij te houden schijfruimte, in MiB')).toHaveAttribute('placeholder', 'automatisch');
  await expect(section.getByRole('button', { name: 'Kiezen op de server…' })).toBeVisible();
});
