// The tray follows sync and unread counts without rebuilding its menu several times a second.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);

const { WerkplekTray } = await import('../../../electron/main/tray.ts');
const { mainTexts } = await import('../../../electron/core/shell/main-texts.ts');
const { recorded } = await import('./electron-double.ts');

afterEach(() => vi.useRealTimers());

describe('tray', () => {
  it('sync reporting four times a second rebuilds the menu at most once a second, and the last state shows', () => {
    vi.useFakeTimers();
    const tray = new WerkplekTray(mainTexts('en', 'en'), { open: () => {}, setSyncPaused: () => {}, setDoNotDisturb: () => {}, quit: () => {} });
    const icon = recorded.trays.at(-1)!;
    expect(icon.menuBuilds).toBe(1);
    for (let tick = 0; tick < 20; tick++) {
      tray.update({ syncState: tick % 2 ? 'idle' : 'syncing', unread: tick });
      vi.advanceTimersByTime(250);
    }
    expect(icon.tooltip).toBe('Werkplek — 19 unread'); // the tooltip follows at once
    vi.advanceTimersByTime(1000);
    expect(icon.menuBuilds).toBeLessThanOrEqual(7);
    expect(icon.menu!.items.map((item) => item.label)).toContain('Sync: up to date');
    const builds = icon.menuBuilds;
    tray.update({ syncState: 'idle', unread: 19 }); // nothing changed: no rebuild
    vi.advanceTimersByTime(2000);
    expect(icon.menuBuilds).toBe(builds);
    tray.destroy();
  });
});
