// Screenshots of the main views in English and Dutch (and the app view and settings in the dark
// look) for the README and docs: taken by the e2e suite, so they show today's UI. Written to
// docs/screenshots/<language>-<view>.png; commit them when the UI changes on purpose.
import { resolve } from 'node:path';
import { test, startPreviewHost } from './fixtures.ts';
import { locales, openView, views, type Language } from './walk.ts';

const dir = resolve(import.meta.dirname, '../../docs/screenshots');

for (const language of ['en', 'nl'] as const satisfies Language[]) {
  test(`screenshots of every view (${language})`, async ({ page }) => {
    const host = await startPreviewHost({ locale: locales[language] });
    try {
      await page.setViewportSize({ width: 1200, height: 760 });
      for (const view of views) {
        await page.goto(host.url);
        await openView(page, view, language);
        await page.screenshot({ path: `${dir}/${language}-${view.id}.png` });
      }
      await page.emulateMedia({ colorScheme: 'dark' });
      for (const view of views.filter((v) => v.id === 'apps' || v.id === 'settings')) {
        await page.goto(host.url);
        await openView(page, view, language);
        await page.screenshot({ path: `${dir}/${language}-${view.id}-dark.png` });
      }
    } finally {
      await host.stop();
    }
  });
}
