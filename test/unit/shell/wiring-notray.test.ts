// GNOME without the AppIndicator extension shows no tray icons: closing the window must not hide
// it where nothing can bring it back, and a window started hidden must still be reachable.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as TraySupport from '../../../electron/main/tray-support.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));
vi.mock('../../../electron/main/tray-support.ts', () => ({ statusNotifierHost: async () => false }));

const { recorded } = await import('./electron-double.ts');
const { startMain, shellWindow } = await import('./main-harness.ts');
const { statusNotifierHost } = await vi.importActual<typeof TraySupport>('../../../electron/main/tray-support.ts');

beforeAll(async () => {
  await startMain({ argv: ['--hidden'] });
});

describe('a desktop without tray icons', () => {
  it('a window started hidden is shown minimised, and closing it minimises instead of hiding', async () => {
    await vi.waitFor(() => expect(shellWindow().isVisible()).toBe(true));
    expect(shellWindow().isMinimized()).toBe(true);
    shellWindow().restore();
    expect(shellWindow().close()).toBe(false);
    expect(shellWindow().isVisible()).toBe(true);
    expect(shellWindow().isMinimized()).toBe(true);
    expect(recorded.mainProcessErrors).toEqual([]);
  });

  it('asks the session bus for a StatusNotifierWatcher; unknown when gdbus cannot answer', async () => {
    const answers: Record<string, string> = { yes: '(true,)\n', no: '(false,)\n' };
    expect(await statusNotifierHost(async () => answers.yes!, 'linux')).toBe(true);
    expect(await statusNotifierHost(async () => answers.no!, 'linux')).toBe(false);
    expect(
      await statusNotifierHost(async () => {
        throw new Error('gdbus: not found');
      }, 'linux'),
    ).toBeNull();
    expect(await statusNotifierHost(async () => answers.no!, 'darwin')).toBe(true);
  });
});
