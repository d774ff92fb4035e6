// The shell window's size and place are remembered without a file write per resize event, and the
// tray follows sync and unread counts without rebuilding its menu several times a second.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DoubleBrowserWindow } from './electron-double.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));

const { createShellWindow } = await import('../../../electron/main/shell-window.ts');
const { WerkplekTray } = await import('../../../electron/main/tray.ts');
const { mainTexts } = await import('../../../electron/core/shell/main-texts.ts');
const { DoubleStore, recorded } = await import('./electron-double.ts');

afterEach(() => vi.useRealTimers());

describe('window state', () => {
  it('a drag of the window edge writes the state once it settles, and closing writes it at once', () => {
    vi.useFakeTimers();
    const window = createShellWindow('/p.cjs', { show: true }) as unknown as DoubleBrowserWindow;
    const writes = () => DoubleStore.writes.get('window-state') ?? 0;
    for (let width = 900; width < 1300; width += 10) window.setBounds({ width });
    expect(writes()).toBe(0);
    vi.advanceTimersByTime(600);
    expect(writes()).toBe(1);
    expect(DoubleStore.byName.get('window-state')?.bounds).toMatchObject({ width: 1290, maximized: false });
    window.setBounds({ width: 1000 });
    window.close();
    expect(writes()).toBe(2);
    expect(DoubleStore.byName.get('window-state')?.bounds).toMatchObject({ width: 1000 });
    vi.advanceTimersByTime(600);
    expect(writes()).toBe(2);
  });
});

describe('tray', () => {
  it('sync reporting four times a second rebuilds the menu at most once a second, and the last state shows', () => {
    vi.useFakeTimers();
    const tray = new WerkplekTray(mainTexts('en', 'en'), { open: () => {}, setSyncPaused: () => {}, setDoNotDisturb: () => {}, restartToUpdate: () => {}, quit: () => {} });
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

  it('a ready update adds "Restart to update" with its version, in Dutch too; only a click on it restarts', () => {
    vi.useFakeTimers();
    let restarts = 0;
    const tray = new WerkplekTray(mainTexts('en', 'en'), { open: () => {}, setSyncPaused: () => {}, setDoNotDisturb: () => {}, restartToUpdate: () => restarts++, quit: () => {} });
    const icon = recorded.trays.at(-1)!;
    const labels = () => icon.menu!.items.map((item) => item.label);
    expect(labels().some((label) => /update/i.test(label ?? ''))).toBe(false);
    tray.update({ updateVersion: '2.1.0' });
    vi.advanceTimersByTime(1000);
    expect(labels()).toContain('Restart to update (2.1.0)');
    expect(restarts).toBe(0);
    icon.menu!.items.find((item) => item.label === 'Restart to update (2.1.0)')!.click!({} as never);
    expect(restarts).toBe(1);
    tray.update({}, mainTexts('nl', 'nl'));
    vi.advanceTimersByTime(1000);
    expect(labels()).toContain('Herstarten om bij te werken (2.1.0)');
    tray.update({ updateVersion: null });
    vi.advanceTimersByTime(1000);
    expect(labels().some((label) => /bij te werken/.test(label ?? ''))).toBe(false);
    tray.destroy();
  });
});
