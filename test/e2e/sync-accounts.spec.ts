// A second Nextcloud account in the Files panel (issue 20 item 4), through the preview host in
// Chromium: added beside the first (the demo) with an app password against a real
// Nextcloud-shaped SabreDAV, it syncs its own folder both ways, the status bar sums up both, and
// removing it leaves its files. An account the policy presets is signed in from its own block (in
// Dutch). With the policy forbidding it there is no "Add an account". axe (WCAG 2.1 A/AA) on the
// add form and the account block in both languages.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost, type PreviewHost } from './fixtures.ts';
import { sabreDavServer, startSabreDav, type SabreDavHandle } from '../fixtures/servers/sabredav.ts';

const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcag21aa).include('.sync-panel').analyze();
  return results.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function put(server: SabreDavHandle, name: string, body: string): Promise<void> {
  const res = await fetch(new URL(name, server.url), { method: 'PUT', body, headers: { authorization: 'Basic ' + Buffer.from(`${server.user}:${server.password}`).toString('base64') } });
  expect(res.status).toBeLessThan(300);
}

let host: PreviewHost | undefined;
let server: SabreDavHandle | undefined;
test.afterEach(async () => {
  await host?.stop();
  await server?.stop();
  host = undefined;
  server = undefined;
});

test('a second account added in the Files panel syncs beside the first; removing it keeps its files', async ({ page }) => {
  test.skip(!sabreDavServer.available, sabreDavServer.reason ?? '');
  server = await startSabreDav({ workers: 2 });
  await put(server, 'Projectplan.txt', 'from the partner organisation');
  host = await startPreviewHost();
  const folder = join(host.dataDir, 'Project X');
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Files', exact: true }).click();
  const panel = page.locator('.sync-panel');
  await expect(panel.getByRole('status').first()).toContainText('Files in sync');

  await panel.getByRole('button', { name: 'Add an account' }).click();
  const form = panel.locator('.sync-add-account');
  await form.getByLabel('Server address').fill(server.origin);
  await expect(form.getByLabel('Folder on this computer')).toHaveValue('~/Werkplek 127.0.0.1');
  await form.getByLabel('Folder on this computer').fill(folder);
  await form.locator('summary').click();
  await form.getByLabel('User name').fill(server.user);
  await form.getByLabel('App password').fill(server.password);
  expect(await violations(page), 'the add form').toEqual([]);
  await form.getByRole('button', { name: 'Add the account' }).click();

  const block = panel.getByRole('region', { name: `${server.user} @ ${server.origin}` });
  await expect(block.getByText(folder)).toBeVisible();
  await expect.poll(() => existsSync(join(folder, 'Projectplan.txt')), { timeout: 30_000 }).toBe(true);
  expect(readFileSync(join(folder, 'Projectplan.txt'), 'utf8')).toBe('from the partner organisation');
  await expect(block.getByRole('status')).toContainText('Files in sync', { timeout: 20_000 });
  writeFileSync(join(folder, 'Notulen.txt'), 'minutes of the project');
  await expect.poll(() => existsSync(join(server!.dataDir, 'Notulen.txt')), { timeout: 20_000 }).toBe(true);
  // The first account goes on as before, with its own files only.
  expect(existsSync(join(host.dataDir, 'Demo files', 'Notulen.txt'))).toBe(false);
  await expect(panel.getByRole('status').first()).toContainText('Files in sync');
  await expect(page.locator('.status-bar')).toContainText('Files in sync');
  expect(await violations(page), 'the account block').toEqual([]);

  // Paused alone: the status bar says so, the first account does not change.
  await block.getByRole('button', { name: 'Pause' }).click();
  await expect(block.getByRole('status')).toContainText('Sync paused');
  await expect(page.locator('.status-bar')).toContainText('Sync paused');
  await expect(panel.getByRole('status').first()).toContainText('Files in sync');
  await block.getByRole('button', { name: 'Resume' }).click();
  await expect(block.getByRole('status')).toContainText('Files in sync', { timeout: 20_000 });

  await block.getByRole('button', { name: 'Remove account' }).click();
  await expect(block).toContainText('the files stay in the folder');
  expect(await violations(page), 'the remove question').toEqual([]);
  await block.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(block).toHaveCount(0);
  expect(readFileSync(join(folder, 'Notulen.txt'), 'utf8')).toBe('minutes of the project');
  await expect(panel.getByRole('button', { name: 'Add an account' })).toBeVisible();
});

test('an account added for one folder on the server (in Dutch) syncs that folder only, and its block names it', async ({ page }) => {
  test.skip(!sabreDavServer.available, sabreDavServer.reason ?? '');
  server = await startSabreDav({ workers: 2 });
  const auth = { authorization: 'Basic ' + Buffer.from(`${server.user}:${server.password}`).toString('base64') };
  for (const dir of ['Projecten/', 'Projecten/Project Z/']) expect((await fetch(new URL(dir, server.url), { method: 'MKCOL', headers: auth })).status).toBe(201);
  await put(server, 'Projecten/Project Z/Plan.txt', 'het plan');
  await put(server, 'Elders.txt', 'niet in het project');
  host = await startPreviewHost({ locale: 'nl-NL', policy: { defaults: { 'general.locale': 'nl' } } });
  const folder = join(host.dataDir, 'Project Z');
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Bestanden', exact: true }).click();
  const panel = page.locator('.sync-panel');
  await panel.getByRole('button', { name: 'Account toevoegen' }).click();
  const form = panel.locator('.sync-add-account');
  await form.getByLabel('Serveradres').fill(server.origin);
  await form.getByLabel('Map op deze computer').fill(folder);
  await form.getByLabel('Map op de server (niet verplicht)').fill('Projecten/Project Z');
  await expect(form.getByLabel('Map op de server (niet verplicht)')).toHaveAccessibleDescription(/Leeg: al je bestanden op deze server/);
  await form.locator('summary').click();
  await form.getByLabel('Gebruikersnaam').fill(server.user);
  await form.getByLabel('App-wachtwoord').fill(server.password);
  expect(await violations(page), 'the add form with a server folder (nl)').toEqual([]);
  await form.getByRole('button', { name: 'Account toevoegen' }).click();

  const block = panel.getByRole('region', { name: `${server.user} @ ${server.origin}` });
  await expect(block.getByText('/Projecten/Project Z')).toBeVisible();
  await expect.poll(() => existsSync(join(folder, 'Plan.txt')), { timeout: 30_000 }).toBe(true);
  expect(readFileSync(join(folder, 'Plan.txt'), 'utf8')).toBe('het plan');
  await expect(block.getByRole('status')).toContainText('Bestanden bijgewerkt', { timeout: 20_000 });
  expect(existsSync(join(folder, 'Elders.txt'))).toBe(false);
  expect(await violations(page), 'the account block with its server folder (nl)').toEqual([]);
});

test('an account the policy presets is signed in from its own block, in Dutch; an overlapping folder is refused', async ({ page }) => {
  test.skip(!sabreDavServer.available, sabreDavServer.reason ?? '');
  server = await startSabreDav({ workers: 2 });
  await put(server, 'Begroting.txt', 'begroting 2027');
  const folder = join(mkdtempSync(join(tmpdir(), 'werkplek-e2e-partner-')), 'Partner');
  host = await startPreviewHost({ locale: 'nl-NL', policy: { defaults: { 'general.locale': 'nl', 'sync.accounts': [{ id: 'partner', serverUrl: server.origin, localDir: folder }] } } });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Bestanden', exact: true }).click();
  const panel = page.locator('.sync-panel');
  const block = panel.getByRole('region', { name: server.origin });
  await expect(block.getByRole('status')).toContainText('Bestanden: niet gekoppeld');
  await expect(block.getByLabel('Serveradres')).toHaveValue(server.origin);

  // Adding a folder inside this account's folder is refused, in Dutch.
  await panel.getByRole('button', { name: 'Account toevoegen' }).click();
  const form = panel.locator('.sync-add-account');
  await form.getByLabel('Serveradres').fill('http://127.0.0.1:9');
  await form.getByLabel('Map op deze computer').fill(join(folder, 'Binnen'));
  await form.getByRole('button', { name: 'Aanmelden en toevoegen' }).click();
  await expect(form.getByRole('alert')).toContainText('overlapt met de map van');
  expect(await violations(page), 'add form with its refusal (nl)').toEqual([]);
  await form.getByRole('button', { name: 'Annuleren' }).click();

  await block.locator('summary').click();
  await block.getByLabel('Gebruikersnaam').fill(server.user);
  await block.getByLabel('App-wachtwoord').fill(server.password);
  expect(await violations(page), 'the preset account block (nl)').toEqual([]);
  await block.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  const signedIn = panel.getByRole('region', { name: `${server.user} @ ${server.origin}` });
  await expect.poll(() => existsSync(join(folder, 'Begroting.txt')), { timeout: 30_000 }).toBe(true);
  expect(readFileSync(join(folder, 'Begroting.txt'), 'utf8')).toBe('begroting 2027');
  await expect(signedIn.getByRole('status')).toContainText('Bestanden bijgewerkt', { timeout: 20_000 });
  expect(await violations(page), 'the signed-in account block (nl)').toEqual([]);
});

test('with the policy forbidding it, there is no "Add an account"', async ({ page }) => {
  host = await startPreviewHost({ policy: { locked: { 'sync.allowAddingAccounts': false } } });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Files', exact: true }).click();
  const panel = page.locator('.sync-panel');
  await expect(panel.getByRole('status').first()).toContainText('Files in sync');
  await expect(panel.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Add an account' })).toHaveCount(0);
});
