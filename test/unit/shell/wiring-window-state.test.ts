// The shell window's size and place are remembered without a file write per resize event.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DoubleBrowserWindow } from './electron-double.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));

const { createShellWindow } = await import('../../../electron/main/shell-window.ts');
const { DoubleStore } = await import('./electron-double.ts');

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
