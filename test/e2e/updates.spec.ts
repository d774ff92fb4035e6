// "Restart to update" in the status bar, through the preview host. A preview never updates itself;
// WERKPLEK_TEST_UPDATE_READY (tests only) makes it report a downloaded update, as an AppImage would.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, startPreviewHost } from './fixtures.ts';

test('no update: the status bar says nothing about updates', async ({ page, preview }) => {
  await page.goto(preview.url);
  await expect(page.getByRole('tab', { name: /Portaal/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Restart to update/ })).toHaveCount(0);
});

test('a downloaded update: a calm notice with the version; restarting happens only on the click', async ({ page }) => {
  const host = await startPreviewHost({ env: { WERKPLEK_TEST_UPDATE_READY: '2.1.0' } });
  try {
    await page.goto(host.url);
    const status = page.getByRole('status', { name: 'Status' });
    await expect(status.getByText('Version 2.1.0 is ready.')).toBeVisible();
    const button = status.getByRole('button', { name: 'Restart to update to version 2.1.0' });
    await expect(button).toHaveText('Restart to update');
    // Working on: the notice stays, nothing restarts by itself.
    await page.keyboard.press('Control+2');
    await expect(button).toBeVisible();
    expect(host.output.join('')).not.toContain('restart to update 2.1.0 asked');
    const axe = await new AxeBuilder({ page }).include('.status-bar').analyze();
    expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
    await button.click();
    await expect.poll(() => host.output.join('')).toContain('restart to update 2.1.0 asked');
  } finally {
    await host.stop();
  }
});

test('Dutch: "Herstarten om bij te werken" with the version', async ({ page }) => {
  const host = await startPreviewHost({ locale: 'nl-NL', env: { WERKPLEK_TEST_UPDATE_READY: '2.1.0' } });
  try {
    await page.goto(host.url);
    await expect(page.getByText('Versie 2.1.0 staat klaar.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Herstarten om bij te werken naar versie 2.1.0' })).toHaveText('Herstarten om bij te werken');
  } finally {
    await host.stop();
  }
});
