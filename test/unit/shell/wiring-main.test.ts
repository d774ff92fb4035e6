// Runs the real composition root (electron/main/main.ts) against a stand-in Electron: the shell
// window, hardened sessions, the bridge over IPC, tab views following shell.activate, panels
// hiding the view, the tray count, the menu, and a clean quit that stops the core services.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DoubleMenuItem } from './electron-double.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));

const { app: fakeApp, recorded, electronModule, settle } = await import('./electron-double.ts');
const { call, startMain, shellWindow } = await import('./main-harness.ts');
const { callChannel } = await import('../../../electron/core/bridge/ipc-channels.ts');

let home = '';
let processHandlersBefore = 0;
beforeAll(async () => {
  processHandlersBefore = process.listenerCount('unhandledRejection');
  ({ home } = await startMain());
});

afterAll(() => {
  if (!recorded.exited) fakeApp.quit();
});

describe('main process composition', () => {
  it('opens one hardened shell window on app://werkplek and guards the shell session', () => {
    const window = shellWindow() as unknown as { options: { webPreferences: Record<string, unknown> } };
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(window.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(recorded.protocolHandlers.has('app')).toBe(true);
    const shellSession = electronModule.session.defaultSession;
    expect(shellSession.checkHandler!(null, 'media', 'app://werkplek', {})).toBe(false);
    expect(shellSession.deviceHandler!({})).toBe(false);
    expect(recorded.menus).not.toHaveLength(0);
  });

  it('the bridge over IPC answers trusted calls and refuses other frames', async () => {
    expect(await call('shell.badges', {})).toEqual({});
    const reply = (await recorded.ipcHandlers.get(callChannel)!({ senderFrame: { url: 'https://evil.example.com/', parent: null, isDestroyed: () => false } }, 'shell.badges', {})) as { ok: boolean };
    expect(reply.ok).toBe(false);
  });

  it('shell.activate creates the app view in a guarded session and lays it out; a panel hides it', async () => {
    await call('shell.layout', { x: 208, y: 40, width: 900, height: 700 });
    await call('shell.activate', { appId: 'chat' });
    const view = recorded.views.at(-1)!;
    expect(view.webContents.loaded).toEqual(['https://chat.example.org/']);
    view.webContents.emit('did-stop-loading');
    expect(view.visible).toBe(true);
    expect(view.bounds).toEqual({ x: 208, y: 40, width: 900, height: 700 });
    const appSession = recorded.sessions.get('persist:werkplek')!;
    expect(appSession.checkHandler!(view.webContents, 'geolocation', 'https://chat.example.org', { isMainFrame: true })).toBe(false);
    expect(appSession.checkHandler!(view.webContents, 'notifications', 'https://chat.example.org', { isMainFrame: true })).toBe(true);
    await call('shell.setPanel', { panel: 'settings' });
    expect(view.visible).toBe(false);
    await call('shell.activate', { appId: 'chat' });
    expect(view.visible).toBe(true);
  });

  it('titles in the view reach the sidebar badges and the tray', async () => {
    const view = recorded.views.at(-1)!;
    view.webContents.emit('page-title-updated', {}, '(5) Chat', true);
    expect(await call('shell.badges', {})).toEqual({ chat: 5 });
    expect(recorded.trays[0]!.tooltip).toBe('Werkplek — 5 unread');
    // …and the shell UI hears about it over IPC.
    expect(shellWindow().webContents.sent.filter(([channel]) => channel.includes('shell.badges')).at(-1)?.[1]).toEqual({ chat: 5 });
  });

  it('a link to another catalog app switches tabs through the core', async () => {
    const chat = recorded.views.at(-1)!;
    const preventDefault = vi.fn();
    chat.webContents.emit('will-navigate', { url: 'https://files.example.org/shared/x', preventDefault, isMainFrame: true });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(recorded.views.at(-1)!.webContents.loaded).toEqual(['https://files.example.org/shared/x']));
    expect(chat.visible).toBe(false);
  });

  it('links to other sites go to the system browser via the safe opener only', async () => {
    const files = recorded.views.at(-1)!;
    files.webContents.emit('will-navigate', { url: 'https://www.example.com/a b', preventDefault: () => {}, isMainFrame: true });
    files.webContents.emit('will-navigate', { url: 'file:///etc/passwd', preventDefault: () => {}, isMainFrame: true });
    await vi.waitFor(() => expect(recorded.opened).toEqual(['https://www.example.com/a%20b']));
  });

  it('a link the desktop cannot open is logged where it happens, never an unhandled rejection', async () => {
    expect(process.listenerCount('unhandledRejection')).toBeGreaterThan(processHandlersBefore); // main's process-level log
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const warn = vi.spyOn(console, 'warn');
    recorded.openExternalError = new Error('Failed to open: no application for this URL');
    try {
      const files = recorded.views.at(-1)!;
      files.webContents.emit('will-navigate', { url: 'https://www.example.com/elsewhere', preventDefault: () => {}, isMainFrame: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(warn).toHaveBeenCalledWith('opening https://www.example.com/elsewhere outside Werkplek failed', 'Failed to open: no application for this URL');
    } finally {
      recorded.openExternalError = null;
      process.off('unhandledRejection', onUnhandled);
      warn.mockRestore();
    }
  });

  it('the menu shows only keys of the keyboard map, registers none, and has no role that closes or quits on a key', async () => {
    const { shortcutFor } = await import('../../../electron/core/shell/shortcuts.ts');
    const { inputOf } = await import('./electron-double.ts');
    const flat = (items: DoubleMenuItem[]): DoubleMenuItem[] => items.flatMap((item) => [item, ...flat(item.submenu ?? [])]);
    const items = flat(recorded.menus.at(-1)!.items);
    const shown = items.filter((item) => item.accelerator);
    expect(shown.map((item) => item.accelerator)).toEqual(expect.arrayContaining(['Ctrl+,', 'Ctrl+Q', 'Ctrl+W', 'Ctrl+F', 'F11']));
    for (const item of shown) {
      expect(item.registerAccelerator, item.accelerator).toBe(false);
      expect(shortcutFor(inputOf(item.accelerator!)), item.accelerator).not.toBeNull();
    }
    expect(items.filter((item) => item.role && ['close', 'quit', 'togglefullscreen', 'minimize'].includes(item.role))).toEqual([]);
  });

  it('Ctrl+W in an app closes its tab and shows the last used one, the window stays; Ctrl+, in the shell opens the settings', async () => {
    shellWindow().show();
    const files = recorded.views.at(-1)!;
    const chat = recorded.views.find((view) => view.webContents.loaded[0] === 'https://chat.example.org/')!;
    expect(files.webContents.pressKey('w', { control: true })).toBe('main');
    await vi.waitFor(() => expect(files.webContents.isDestroyed()).toBe(true));
    expect(shellWindow().isVisible()).toBe(true);
    await vi.waitFor(() => expect(chat.visible).toBe(true));
    const panels = () => shellWindow().webContents.sent.filter(([channel]) => channel.endsWith('shell.panel')).map(([, payload]) => payload);
    expect(shellWindow().webContents.pressKey(',', { control: true })).toBe('main');
    await vi.waitFor(() => expect(panels().at(-1)).toEqual({ panel: 'settings' }));
    expect(shellWindow().webContents.pressKey('f', { control: true })).toBe('page'); // the shell's find bar takes it itself
    await call('shell.setPanel', { panel: null });
    expect(recorded.mainProcessErrors).toEqual([]);
  });

  it('Ctrl+W on a page with unsaved changes asks Stay or Leave, in the person’s language', async () => {
    const chat = recorded.views.find((view) => view.webContents.loaded[0] === 'https://chat.example.org/' && !view.webContents.isDestroyed())!;
    chat.webContents.refusesUnload = true;
    recorded.messageBoxResponse = 0; // Stay
    expect(chat.webContents.pressKey('w', { control: true })).toBe('main');
    await settle();
    expect(recorded.messageBoxes.at(-1)).toMatchObject({ title: 'Leave this page?', message: 'Chat says there are changes that may not be saved.', buttons: ['Stay', 'Leave'] });
    expect(chat.webContents.isDestroyed()).toBe(false);
    chat.webContents.refusesUnload = false;
  });

  it('start at login writes an XDG autostart entry when the setting is switched on', async () => {
    await call('settings.set', { key: 'shell.startAtLogin', value: true });
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(home, '.config/autostart/werkplek.desktop'), 'utf8')).toContain('Exec=/opt/Werkplek/werkplek --hidden');
    await call('settings.set', { key: 'shell.startAtLogin', value: false });
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(home, '.config/autostart/werkplek.desktop'))).toBe(false);
  });

  it('a second launch with a werkplek:// link opens that app; a link outside it is refused', async () => {
    fakeApp.emit('second-instance', {}, ['/opt/Werkplek/werkplek', 'werkplek://app/chat?url=https%3A%2F%2Fchat.example.org%2F%23%2Froom%2F!r']);
    await vi.waitFor(() => expect(recorded.views.find((view) => view.webContents.loaded.includes('https://chat.example.org/#/room/!r'))).toBeTruthy());
    const loadedBefore = recorded.views.flatMap((view) => view.webContents.loaded).length;
    fakeApp.emit('second-instance', {}, ['/opt/Werkplek/werkplek', 'werkplek://app/chat?url=https%3A%2F%2Fevil.example.com%2F']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorded.views.flatMap((view) => view.webContents.loaded)).toHaveLength(loadedBefore);
  });

  it('a werkplek://file link opens a plain file, never one behind a symlink out of the sync folder, and asks before a launcher', async () => {
    const { chmodSync, mkdirSync, realpathSync, symlinkSync } = await import('node:fs');
    const sync = join(home, 'Werkplek'); // the default sync.localDir, ~/Werkplek
    mkdirSync(sync, { recursive: true });
    writeFileSync(join(sync, 'notes.txt'), 'notes');
    writeFileSync(join(sync, 'install.sh'), '#!/bin/sh\necho hi\n');
    chmodSync(join(sync, 'install.sh'), 0o755);
    symlinkSync('/etc', join(sync, 'etc'));
    const link = async (path: string) => {
      const before = [recorded.openedPaths.length, recorded.shownInFolder.length, recorded.messageBoxes.length];
      fakeApp.emit('second-instance', {}, ['/opt/Werkplek/werkplek', `werkplek://file/${path}`]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { opened: recorded.openedPaths.slice(before[0]), shown: recorded.shownInFolder.slice(before[1]), asked: recorded.messageBoxes.slice(before[2]) };
    };
    expect(await link('notes.txt')).toEqual({ opened: [realpathSync(join(sync, 'notes.txt'))], shown: [], asked: [] });
    expect(await link('etc/passwd')).toEqual({ opened: [], shown: [], asked: [] });
    // A script: the question names the type; its default answer only shows the file in its folder.
    recorded.messageBoxResponse = 0;
    const shown = await link('install.sh');
    expect(shown).toMatchObject({ opened: [], shown: [realpathSync(join(sync, 'install.sh'))] });
    expect(shown.asked).toEqual([expect.objectContaining({ message: '“install.sh” is a script.', buttons: ['Show in folder', 'Open anyway', 'Cancel'] })]);
    recorded.messageBoxResponse = 2;
    expect(await link('install.sh')).toMatchObject({ opened: [], shown: [] });
    recorded.messageBoxResponse = 1;
    expect(await link('install.sh')).toMatchObject({ opened: [realpathSync(join(sync, 'install.sh'))], shown: [] });
    recorded.messageBoxResponse = 0;
  });

  it('the tray menu switches do-not-disturb in the settings', async () => {
    const menu = recorded.trays[0]!.menu as unknown as { items: Array<{ label?: string; click?: (item: { checked: boolean }) => void }> };
    menu.items.find((item) => item.label === 'Do not disturb')!.click!({ checked: true });
    const view = (await call('settings.get', {})) as { values: Record<string, unknown> };
    expect(view.values['matrix.doNotDisturb']).toBe(true);
  });

  it('closing the window with close-to-tray on (the default) hides it and keeps running', () => {
    shellWindow().show();
    expect(shellWindow().close()).toBe(false);
    expect(shellWindow().isVisible()).toBe(false);
    expect(recorded.exited).toBe(false);
    expect(recorded.mainProcessErrors).toEqual([]);
  });

  it('quitting stops everything once and then quits for real, in Electron’s order', async () => {
    const before = recorded.quitCalls;
    fakeApp.quit();
    await vi.waitFor(() => expect(recorded.exited).toBe(true)); // the second quit, after core.close()
    expect(recorded.quitCalls).toBe(before + 2);
    expect(recorded.appEvents.slice(-4)).toEqual(['before-quit', 'before-quit', 'will-quit', 'quit']);
    expect(recorded.trays[0]!.destroyed).toBe(true);
    expect(recorded.ipcHandlers.has(callChannel)).toBe(false);
    expect(shellWindow().isDestroyed()).toBe(true);
    expect(recorded.mainProcessErrors).toEqual([]);
  });
});
