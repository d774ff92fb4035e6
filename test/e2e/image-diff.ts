// Compares two PNG screenshots pixel by pixel in the browser (no image library in Node): how many
// pixels differ by more than a small per-channel tolerance (anti-aliasing noise), leaving out the
// rectangles where the screen shows what changes every run (a time, a temporary folder, a port).
import type { BrowserContext } from '@playwright/test';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ImageDifference {
  /** Pixels that differ beyond the tolerance; the size differing counts as every pixel. */
  pixels: number;
  total: number;
}

export async function differentPixels(context: BrowserContext, a: Buffer, b: Buffer, skip: Rect[] = [], tolerance = 16): Promise<ImageDifference> {
  const page = await context.newPage();
  try {
    return await page.evaluate(
      async ({ a, b, skip, tolerance }) => {
        const decode = async (base64: string) => {
          const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext('2d')!;
          context.drawImage(bitmap, 0, 0);
          return context.getImageData(0, 0, bitmap.width, bitmap.height);
        };
        const [x, y] = [await decode(a), await decode(b)];
        const total = Math.max(x.width * x.height, y.width * y.height);
        if (x.width !== y.width || x.height !== y.height) return { pixels: total, total };
        const skipped = (i: number) => {
          const [px, py] = [(i / 4) % x.width, Math.floor(i / 4 / x.width)];
          return skip.some((r) => px >= r.x && px < r.x + r.width && py >= r.y && py < r.y + r.height);
        };
        let pixels = 0;
        for (let i = 0; i < x.data.length; i += 4) {
          if (skipped(i)) continue;
          for (let c = 0; c < 4; c++) {
            if (Math.abs(x.data[i + c]! - y.data[i + c]!) > tolerance) {
              pixels++;
              break;
            }
          }
        }
        return { pixels, total };
      },
      { a: a.toString('base64'), b: b.toString('base64'), skip, tolerance },
    );
  } finally {
    await page.close();
  }
}
