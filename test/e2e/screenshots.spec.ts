// Screenshots of the main views in English and Dutch (and the app view and settings in the dark
// look) for the README and docs: taken by the e2e suite, so they show today's UI. Written to
// docs/screenshots/<language>-<view>.png, but only when the picture changed: outside what differs
// every run (times, the temporary data folder, the demo server's port) no more than a few pixels may
// differ, so an unchanged UI leaves the working tree clean. docs/screenshots/README.md shows them all.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost } from './fixtures.ts';
import { differentPixels, type Rect } from './image-diff.ts';
import { locales, openView, views, type Language } from './walk.ts';

const dir = resolve(import.meta.dirname, '../../docs/screenshots');
/** Pixels that may differ (font smoothing) before a picture counts as changed; a changed word is hundreds. */
const noise = 40;

/**
 * Where the screen shows a value of this run: a relative or clock time, the demo's folder and
 * server. The status bar's sync summary changes width with its time ("now", "12 seconds ago"), so
 * the rest of its row is left out with it. The recent activity lists the demo's downloads in the
 * order they finished, which differs per run, and its rows wrap by name length: the panel from the
 * list down is left out (what is above it, and every other view, still counts).
 */
async function volatile(page: Page): Promise<Rect[]> {
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const rects: Rect[] = [];
  for (const selector of ['.sync-status', '.sync-state', '.sync-where dd', '.sync-activity .sync-list']) {
    for (const element of await page.locator(selector).all()) {
      const box = await element.boundingBox();
      if (!box) continue;
      if (selector === '.sync-status') rects.push({ ...box, width: viewport.width - box.x });
      else if (selector.startsWith('.sync-activity')) rects.push({ x: box.x, y: box.y, width: viewport.width - box.x, height: viewport.height - box.y });
      else rects.push(box);
    }
  }
  return rects;
}

async function keep(page: Page, name: string): Promise<void> {
  // Still: no caret, no running animation or transition.
  // Measured before and after the shot: a time may change its width in between.
  const before = await volatile(page);
  const shot = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  const skip = [...before, ...(await volatile(page))];
  const file = `${dir}/${name}.png`;
  if (existsSync(file)) {
    const { pixels } = await differentPixels(page.context(), shot, readFileSync(file), skip);
    if (pixels <= noise) return;
  }
  writeFileSync(file, shot);
}

for (const language of ['en', 'nl'] as const satisfies Language[]) {
  test(`screenshots of every view (${language})`, async ({ page }) => {
    const host = await startPreviewHost({ locale: locales[language] });
    try {
      await page.setViewportSize({ width: 1200, height: 760 });
      for (const view of views) {
        await page.goto(host.url);
        await openView(page, view, language);
        // The Files panel once the demo's first sync has listed what it did.
        if (view.id === 'files') await expect(page.locator('.sync-activity-item').first()).toBeVisible({ timeout: 30_000 });
        await keep(page, `${language}-${view.id}`);
      }
      await page.emulateMedia({ colorScheme: 'dark' });
      for (const view of views.filter((v) => v.id === 'apps' || v.id === 'settings')) {
        await page.goto(host.url);
        await openView(page, view, language);
        await keep(page, `${language}-${view.id}-dark`);
      }
    } finally {
      await host.stop();
    }
  });
}

test('the comparison sees a changed picture and leaves out only the rectangles it is told to', async ({ page, preview }) => {
  await page.setViewportSize({ width: 600, height: 400 });
  await page.goto(preview.url);
  await openView(page, views[0]!, 'en');
  const apps = await page.screenshot({ animations: 'disabled' });
  await openView(page, views.find((v) => v.id === 'downloads')!, 'en');
  const downloads = await page.screenshot({ animations: 'disabled' });
  expect((await differentPixels(page.context(), apps, downloads)).pixels).toBeGreaterThan(noise);
  expect((await differentPixels(page.context(), apps, apps)).pixels).toBe(0);
  expect((await differentPixels(page.context(), apps, downloads, [{ x: 0, y: 0, width: 600, height: 400 }])).pixels).toBe(0);
});
