// axe-core scan of the shell UI: no serious or critical violations, in the app view and in settings.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';

for (const view of ['apps', 'settings'] as const) {
  test(`no serious or critical accessibility violations (${view})`, async ({ page, preview }) => {
    await page.goto(preview.url);
    await expect(page.getByRole('tab').first()).toBeVisible();
    if (view === 'settings') {
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    }
    // The hosted demo app inside the iframe is not ours to judge; the shell around it is.
    const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
    const bad = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(bad.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
