// A downloaded AppImage update on the real composition root (main.ts) and the Electron double:
// electron-updater's 'update-downloaded' shows "Restart to update" in the shell's status and the
// tray; quitAndInstall runs only when the person asks (the tray item or the bridge command).
import { EventEmitter } from 'node:events';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const updaters: FakeUpdater[] = [];
class FakeUpdater extends EventEmitter {
  options: unknown;
  logger: unknown = null;
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  allowPrerelease = true;
  quitAndInstallCalls = 0;
  checks = 0;
  constructor(options: unknown) {
    super();
    this.options = options;
    updaters.push(this);
  }
  async checkForUpdates(): Promise<null> {
    this.checks++;
    return null;
  }
  quitAndInstall(): void {
    this.quitAndInstallCalls++;
  }
}

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));
vi.mock('electron-updater', () => ({ AppImageUpdater: FakeUpdater }));

const { app, recorded } = await import('./electron-double.ts');
const { startMain, shellWindow, call } = await import('./main-harness.ts');

beforeAll(async () => {
  // Run as an AppImage would: packaged, the runtime's variables set, this binary inside the mount.
  app.isPackaged = true;
  process.env.APPIMAGE = '/home/p/Werkplek.AppImage';
  process.env.APPDIR = dirname(process.execPath);
  await startMain({ locked: { 'updates.enabled': true, 'updates.url': 'https://updates.example.org/werkplek' } });
  await vi.waitFor(() => expect(updaters).toHaveLength(1));
});

const trayLabels = () => recorded.trays[0]!.menu!.items.map((item) => item.label ?? '');
const statusEvents = () => shellWindow().webContents.sent.filter(([channel]) => channel.endsWith(':update.status')).map(([, payload]) => payload);

describe('a downloaded update', () => {
  it('before a download: nothing in the status, no tray item; the updater installs on a normal quit and never restarts by itself', async () => {
    const updater = updaters[0]!;
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.checks).toBeGreaterThan(0);
    expect(await call('update.status', {})).toEqual({ state: 'none' });
    expect(trayLabels().some((label) => label.includes('update'))).toBe(false);
    expect(await call('update.restart', {})).toEqual({ restarting: false });
    expect(updater.quitAndInstallCalls).toBe(0);
  });

  it("'update-downloaded' shows the notice in the shell and the tray, and nothing restarts", async () => {
    const updater = updaters[0]!;
    updater.emit('update-downloaded', { version: '2.1.0' });
    expect(statusEvents().at(-1)).toEqual({ state: 'ready', version: '2.1.0' });
    expect(await call('update.status', {})).toEqual({ state: 'ready', version: '2.1.0' });
    await vi.waitFor(() => expect(trayLabels()).toContain('Restart to update (2.1.0)'), { timeout: 3000 });
    expect(updater.quitAndInstallCalls).toBe(0);
    expect(recorded.quitCalls).toBe(0);
  });

  it('the tray item and the bridge command restart to update, each once when asked', async () => {
    const updater = updaters[0]!;
    const item = recorded.trays[0]!.menu!.items.find((entry) => entry.label === 'Restart to update (2.1.0)')!;
    item.click!({ checked: false });
    await vi.waitFor(() => expect(updater.quitAndInstallCalls).toBe(1));
    expect(await call('update.restart', {})).toEqual({ restarting: true });
    expect(updater.quitAndInstallCalls).toBe(2);
    expect(recorded.mainProcessErrors).toEqual([]);
  });
});
