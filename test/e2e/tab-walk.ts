// A keyboard-only walk: Tab from wherever the focus is until it comes back round, noting each stop
// and whether the focus shows there (an outline of at least 2 px or a ring), for the accessibility specs.
import type { Page } from '@playwright/test';

export interface Stop {
  name: string;
  visible: boolean;
  ring: boolean;
}

/** Presses Tab until the focus comes back to where it started (or `limit` presses); returns what got focus. */
export async function tabWalk(page: Page, limit = 120): Promise<Stop[]> {
  const seen: Stop[] = [];
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
