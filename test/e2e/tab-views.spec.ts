// The desktop app's layout through the preview's stand-in for its tab views (WERKPLEK_TEST_TAB_VIEWS):
// the renderer reports the rectangle of the app's slot, where main lays the app's view, once the
// apps are known and again when the window changes size. Without a report the view stays unshown.
import { test, expect, startPreviewHost, type PreviewHost } from './fixtures.ts';

/** The slot rectangles the renderer reported, in order. */
const layouts = (host: PreviewHost): Array<{ x: number; y: number; width: number; height: number }> =>
  [...host.output.join('').matchAll(/preview \(test only\): layout (-?[\d.]+),(-?[\d.]+) ([\d.]+)x([\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) }));

test('the app slot is reported once the apps are there, and again after a resize', async ({ page }) => {
  const host = await startPreviewHost({ env: { WERKPLEK_TEST_TAB_VIEWS: '1' } });
  try {
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(host.url);
    await expect(page.getByRole('toolbar')).toBeVisible();
    const slot = (await page.locator('.app-slot').boundingBox())!;
    const near = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) <= 1;
    await expect.poll(() => { const last = layouts(host).at(-1); return near(last?.x, slot.x) && near(last?.y, slot.y) && near(last?.width, slot.width) && near(last?.height, slot.height); }).toBe(true);
    expect(slot.width).toBeGreaterThan(100);
    await page.setViewportSize({ width: 800, height: 600 });
    await expect.poll(() => near(layouts(host).at(-1)?.width, slot.width - 200) && near(layouts(host).at(-1)?.height, slot.height - 100)).toBe(true);
  } finally {
    await host.stop();
  }
});
