// The Files panel through the preview host in Chromium, on the embedded demo server: the demo
// folder arrives in sync, a file saved into the folder reaches the server by itself, pause and
// resume, Dutch texts, and an accessibility scan of the panel.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, startPreviewHost, type PreviewHost } from './fixtures.ts';

let host: PreviewHost;
test.afterEach(async () => {
  await host?.stop();
});

test('the demo folder is in sync; a saved file reaches the server; pause and resume', async ({ page }) => {
  host = await startPreviewHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Files', exact: true }).click();
  const panel = page.locator('.sync-panel');
  await expect(panel.getByRole('heading', { name: 'Files' })).toBeVisible();
  await expect(panel.getByRole('status').first()).toContainText('Files in sync');
  const local = join(host.dataDir, 'Demo files');
  expect(readFileSync(join(local, 'Welkom.txt'), 'utf8')).toMatch(/Welkom bij Werkplek/);
  await expect(panel.getByText(local)).toBeVisible();

  writeFileSync(join(local, 'Notitie.txt'), 'saved in the sync folder');
  await expect.poll(() => existsSync(join(host.dataDir, 'demo-server-files', 'Notitie.txt')), { timeout: 20_000 }).toBe(true);

  await panel.getByRole('button', { name: 'Pause' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Sync paused');
  await expect(page.locator('.status-bar')).toContainText('Sync paused');
  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Files in sync');

  const scan = await new AxeBuilder({ page }).include('.sync-panel').analyze();
  expect(scan.violations).toEqual([]);
});

test('Dutch texts in the Files panel', async ({ page }) => {
  host = await startPreviewHost({ locale: 'nl-NL' });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Bestanden', exact: true }).click();
  await expect(page.locator('.sync-panel').getByRole('heading', { name: 'Bestanden' })).toBeVisible();
  await expect(page.locator('.sync-panel').getByRole('status').first()).toContainText('Bestanden bijgewerkt');
  await expect(page.getByRole('button', { name: 'Map openen' })).toBeVisible();
});

test('many deletions at once: the panel lists what is held while a new file still syncs; "Keep the files" brings them back', async ({ page }) => {
  host = await startPreviewHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Files', exact: true }).click();
  const panel = page.locator('.sync-panel');
  await expect(panel.getByRole('status').first()).toContainText('Files in sync');
  const local = join(host.dataDir, 'Demo files');
  const server = join(host.dataDir, 'demo-server-files');
  mkdirSync(join(local, 'Archief'), { recursive: true });
  for (let i = 0; i < 12; i++) writeFileSync(join(local, 'Archief', `stuk-${i}.txt`), `stuk ${i}`);
  await expect.poll(() => existsSync(join(server, 'Archief', 'stuk-11.txt')), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => readdirSync(join(server, 'Archief')).length, { timeout: 20_000 }).toBe(12);
  await expect(panel.getByRole('status').first()).toContainText('Files in sync', { timeout: 20_000 });

  rmSync(join(local, 'Archief'), { recursive: true });
  writeFileSync(join(local, 'Nieuw.txt'), 'new while deletions wait');
  const question = page.getByRole('alertdialog');
  await expect(question).toBeVisible({ timeout: 20_000 });
  await expect(question).toContainText('Those deletions wait; everything else keeps syncing.');
  await expect(panel.getByRole('status').first()).not.toContainText('mass-delete'); // no engine jargon beside the question
  await expect(question.locator('summary')).toHaveText('1 deletion waits');
  await question.locator('summary').click();
  await expect(question.getByRole('listitem').first()).toContainText('on the server: Archief');
  await expect.poll(() => existsSync(join(server, 'Nieuw.txt')), { timeout: 20_000 }).toBe(true);
  expect(readdirSync(join(server, 'Archief'))).toHaveLength(12);

  await question.getByRole('button', { name: 'Keep the files' }).click();
  await expect.poll(() => existsSync(join(local, 'Archief', 'stuk-0.txt')), { timeout: 20_000 }).toBe(true);
  await expect(question).toHaveCount(0);
  const scan = await new AxeBuilder({ page }).include('.sync-panel').analyze();
  expect(scan.violations).toEqual([]);
});
