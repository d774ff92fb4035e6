// axe-core with the WCAG 2.1 A and AA rules finds no violation of any impact in any view, panel or
// form of the shell, in English and in Dutch, in the light and the dark look; and every panel can be
// reached and used by keyboard alone, with the focus always visible.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost, type PreviewHost } from './fixtures.ts';
import { locales, openView, text, views, type Language } from './walk.ts';

// Many views, two looks, two languages: a loaded 2-core machine needs more than the default minute.
test.describe.configure({ timeout: 240_000 });

const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page): Promise<string[]> {
  // The hosted demo app inside the iframe is not ours to judge; the shell around it is.
  const results = await new AxeBuilder({ page }).withTags(wcag21aa).exclude('iframe').analyze();
  return results.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

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

/** Presses Tab until the focus comes back to where it started (or `limit` presses); returns what got focus. */
async function tabWalk(page: Page, limit = 120): Promise<Array<{ name: string; visible: boolean; ring: boolean }>> {
  const seen: Array<{ name: string; visible: boolean; ring: boolean }> = [];
  let first: string | null = null;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      // The preview's iframes stand in for the desktop app's own views of the apps: not the shell's.
      if (!el || el === document.body || el.tagName === 'IFRAME') return null;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
      return {
        key: `${name}@${Math.round(box.x)},${Math.round(box.y)}`,
        name,
        visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
        // A visible focus indicator: an outline or a ring (box-shadow) while focused by keyboard.
        ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
      };
    });
    if (!info) continue;
    if (info.key === first) break;
    first ??= info.key;
    seen.push({ name: info.name, visible: info.visible, ring: info.ring });
  }
  return seen;
}

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
