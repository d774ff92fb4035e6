// Started at login with --hidden ("start in the tray"): no window appears, also for someone who
// quit with the window maximized (Electron's maximize() shows a hidden window). The first open from
// the tray or a second launch shows it, maximized as it was.
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));

const { app, recorded, settle } = await import('./electron-double.ts');
const { call, startMain, shellWindow } = await import('./main-harness.ts');

beforeAll(async () => {
  await startMain({ argv: ['--hidden'], stores: { 'window-state': { bounds: { x: 0, y: 0, width: 1400, height: 900, maximized: true } } } });
});

describe('start hidden', () => {
  it('no window shows, not after the first paint and not when the first app opens', async () => {
    await settle();
    expect(shellWindow().isVisible()).toBe(false);
    await call('shell.layout', { x: 200, y: 40, width: 800, height: 600 });
    await call('shell.activate', { appId: 'chat', keepPanel: true });
    recorded.views.at(-1)!.webContents.emit('did-stop-loading');
    expect(shellWindow().isVisible()).toBe(false);
  });

  it('a second launch shows the window, maximized as it was left', () => {
    app.fire('second-instance', {}, ['/opt/Werkplek/werkplek']);
    expect(shellWindow().isVisible()).toBe(true);
    expect(shellWindow().isMaximized()).toBe(true);
    expect(recorded.mainProcessErrors).toEqual([]);
  });
});
