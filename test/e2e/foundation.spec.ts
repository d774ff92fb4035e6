// The foundation through the preview host in Chromium: demo apps in the sidebar, switching by
// click and Ctrl+2, a setting kept across reload, a locked setting, a broken policy, Dutch UI.
import { test, expect, startPreviewHost } from './fixtures.ts';

test('shows the demo apps and switches by click and by Ctrl+2', async ({ page, preview }) => {
  await page.goto(preview.url);
  const tabs = page.getByRole('tablist', { name: 'Apps' }).getByRole('tab');
  await expect(tabs).toHaveCount(3);
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Demo mode')).toBeVisible();
  await expect(page.frameLocator('iframe[title="Portaal (preview)"]').getByRole('heading', { name: 'Goedemorgen' })).toBeVisible();

  await page.getByRole('tab', { name: /Documenten/ }).click();
  await expect(page.getByRole('tab', { name: /Documenten/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: /Documenten/ })).toBeVisible();

  await page.keyboard.press('Control+2');
  await expect(page.getByRole('tab', { name: /Chat/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.frameLocator('iframe[title="Chat (preview)"]').getByRole('heading', { name: 'Chat' })).toBeVisible();
});

test('keyboard only: arrow keys move along the tablist, Enter activates', async ({ page, preview }) => {
  await page.goto(preview.url);
  await page.getByRole('tab', { name: /Portaal/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('tab', { name: /Chat/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: /Chat/ })).toHaveAttribute('aria-selected', 'true');
});

test('a changed setting is kept across a reload', async ({ page, preview }) => {
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const startAtLogin = page.getByLabel('Start Werkplek when I log in');
  await expect(startAtLogin).not.toBeChecked();
  await startAtLogin.check();
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Start Werkplek when I log in')).toBeChecked();
});

test('apps can be added, reordered and hidden in settings', async ({ page, preview }) => {
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Name').fill('Wiki');
  await page.getByLabel('Web address').fill('https://wiki.example.org/');
  await page.getByRole('button', { name: 'Add app' }).click();
  const tabs = page.getByRole('tablist', { name: 'Apps' }).getByRole('tab');
  await expect(tabs).toHaveCount(4);
  await page.getByRole('button', { name: 'Move Wiki up' }).click();
  await expect(tabs.nth(2)).toContainText('Wiki');
  await page.getByRole('listitem').filter({ hasText: 'Chat' }).getByLabel('Shown').uncheck();
  await expect(tabs).toHaveCount(3);
  await page.getByLabel('Web address').fill('http://intranet.example.org/');
  await page.getByLabel('Name').fill('Plain');
  await page.getByRole('button', { name: 'Add app' }).click();
  await expect(page.getByRole('alert')).toContainText('https');
});

test('a setting locked by policy cannot be changed and says so', async ({ page }) => {
  const host = await startPreviewHost({
    policy: { organisation: 'Gemeente Voorbeeld', apps: [{ id: 'portaal', name: 'Portaal', url: 'https://portaal.example.org/' }], locked: { 'shell.startAtLogin': true, 'apps.custom': [] } },
  });
  try {
    await page.goto(host.url);
    await expect(page).toHaveTitle('Werkplek — Gemeente Voorbeeld');
    await page.getByRole('button', { name: 'Settings' }).click();
    const startAtLogin = page.getByLabel('Start Werkplek when I log in');
    await expect(startAtLogin).toBeChecked();
    await expect(startAtLogin).toBeDisabled();
    await expect(page.locator('[data-locked="shell.startAtLogin"]')).toHaveText(/Set by your organisation/);
    await expect(page.getByRole('button', { name: 'Add app' })).toHaveCount(0);
  } finally {
    await host.stop();
  }
});

test('a bad policy entry is dropped alone and named by file, line and column', async ({ page }) => {
  const host = await startPreviewHost({ policy: '{\n  "locked": {\n    "shell.startAtLogin": "yes"\n  }\n}\n' });
  try {
    await page.goto(host.url);
    const alert = page.getByRole('alert').filter({ hasText: 'policy file' });
    await expect(alert).toContainText('policy.json, line 3, column 27');
    await expect(alert).toContainText('The rest of the policy applies');
    await expect(page.getByRole('tab')).toHaveCount(3); // demo apps: the policy names none
  } finally {
    await host.stop();
  }
});

test('the UI is Dutch when the system locale is Dutch', async ({ page }) => {
  const host = await startPreviewHost({ locale: 'nl-NL' });
  try {
    await page.goto(host.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.getByRole('button', { name: 'Instellingen' })).toBeVisible();
    await expect(page.getByText('Demomodus')).toBeVisible();
  } finally {
    await host.stop();
  }
});
