// Closing the window with close-to-tray off quits Werkplek cleanly: the shutdown (tabs, tray,
// bridge, core) runs while the window still exists, then Electron closes it and quits. No listener
// touches a destroyed object (Electron would show a modal "JavaScript error" box and keep a
// process without a window, whose next launch then failed in showWindow()).
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));

const { app, recorded } = await import('./electron-double.ts');
const { call, startMain, shellWindow } = await import('./main-harness.ts');

beforeAll(async () => {
  await startMain({ locked: { 'shell.closeToTray': false } });
});

describe('close-to-tray off', () => {
  it('closing the window shuts down in order, closes the tabs, quits, and touches nothing destroyed', async () => {
    await call('shell.layout', { x: 200, y: 40, width: 800, height: 600 });
    await call('shell.activate', { appId: 'chat' });
    const view = recorded.views.at(-1)!;
    recorded.appEvents.length = 0;
    expect(() => shellWindow().close()).not.toThrow();
    await vi.waitFor(() => expect(recorded.exited).toBe(true));
    expect(recorded.mainProcessErrors).toEqual([]);
    expect(recorded.appEvents).toEqual(['before-quit', 'before-quit', 'will-quit', 'quit']);
    expect(view.webContents.isDestroyed()).toBe(true); // the tab was closed, not left running
    expect(shellWindow().isDestroyed()).toBe(true);
    expect(recorded.trays[0]!.destroyed).toBe(true);
  });

  it('a launch arriving after the window is gone does not throw', () => {
    expect(() => app.fire('second-instance', {}, ['/opt/Werkplek/werkplek'])).not.toThrow();
    expect(recorded.mainProcessErrors).toEqual([]);
  });
});
