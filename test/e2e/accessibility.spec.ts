// axe-core with the WCAG 2.1 A and AA rules finds no violation of any impact in any view, panel or
// form of the shell, in English and in Dutch, in the light and the dark look; and every panel can be
// reached and used by keyboard alone, with the focus always visible.
// The states that need more than opening a panel (the tab toolbar and find bar, downloads, offline,
// an update, Windows apps, chat sign-in) are in accessibility-states.spec.ts.
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost, type PreviewHost } from './fixtures.ts';
import { violations } from './axe.ts';
import { tabWalk } from './tab-walk.ts';
import { locales, openView, text, views, type Language } from './walk.ts';

// Many views, two looks, two languages: a loaded 2-core machine needs more than the default minute.
test.describe.configure({ timeout: 240_000 });

for (const language of ['en', 'nl'] as const satisfies Language[]) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`axe WCAG 2.1 AA: no violations in any view (${language}, ${scheme})`, async ({ page }) => {
      const host = await startPreviewHost({ locale: locales[language] });
      try {
        await page.emulateMedia({ colorScheme: scheme });
        for (const view of views) {
          await page.goto(host.url);
          await openView(page, view, language);
          expect(await violations(page), view.id).toEqual([]);
        }
        // The forms behind a button: the file server's sign-in (both ways) and adding an app.
        await page.goto(host.url);
        await openView(page, views.find((v) => v.id === 'files')!, language);
        await page.getByRole('button', { name: text(language, 'sync', 'actions.connect'), exact: true }).click();
        await page.locator('.sync-signin details summary').click();
        await expect(page.locator('#sync-password')).toBeVisible();
        expect(await violations(page), 'files sign-in').toEqual([]);
      } finally {
        await host.stop();
      }
    });
  }
}

test('axe WCAG 2.1 AA: the policy banner and the Rijkshuisstijl theme', async ({ page }) => {
  const host = await startPreviewHost({ policy: '{\n  "theme": { "base": "rijkshuisstijl" },\n  "locked": { "shell.startAtLogin": "yes" }\n}\n' });
  try {
    await page.goto(host.url);
    await expect(page.getByRole('alert').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await openView(page, views.find((v) => v.id === 'settings')!, 'en');
    expect(await violations(page)).toEqual([]);
  } finally {
    await host.stop();
  }
});

async function keyboardOpen(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`no tool button "${name}" reached by Tab`);
}

for (const language of ['en', 'nl'] as const satisfies Language[]) {
  test(`keyboard only: every panel opens by Tab and Enter, every control in it gets a visible focus (${language})`, async ({ page }) => {
    const host: PreviewHost = await startPreviewHost({ locale: locales[language] });
    try {
      for (const view of views) {
        await page.goto(host.url);
        await expect(page.getByRole('tab').first()).toBeVisible();
        const name = view.button(language);
        if (name !== null) {
          await keyboardOpen(page, name);
          await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
        }
        const walk = await tabWalk(page);
        expect(walk.length, view.id).toBeGreaterThan(3);
        expect(walk.filter((stop) => !stop.visible || !stop.ring), view.id).toEqual([]);
        if (name !== null) {
          // Close by keyboard: the panel's own Close button.
          await page.getByRole('region', { name, exact: true }).getByRole('button', { name: text(language, 'common', 'close'), exact: true }).focus();
          await page.keyboard.press('Enter');
          await expect(page.getByRole('region', { name, exact: true })).toHaveCount(0);
        }
      }
    } finally {
      await host.stop();
    }
  });
}
