// A fuller stand-in for `electron` (app, menus, tray, protocol, IPC, notifications), enough to run
// the real composition root electron/main/main.ts in a unit test. Records what main asks for.
import { EventEmitter } from 'node:events';
import { electronModule, FakeBrowserWindow, FakeSession } from './fake-electron.ts';

export const recorded = {
  menus: [] as unknown[],
  trays: [] as FakeTray[],
  ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  protocolHandlers: new Map<string, unknown>(),
  opened: [] as string[],
  openedPaths: [] as string[],
  shownInFolder: [] as string[],
  messageBoxes: [] as Array<{ message: string; buttons: string[] }>,
  /** The button the next message box answers with. */
  messageBoxResponse: 0,
  quitCalls: 0,
};

class FakeTray extends EventEmitter {
  tooltip = '';
  menu: { items: Array<{ label?: string; checked?: boolean }> } | null = null;
  destroyed = false;
  constructor() {
    super();
    recorded.trays.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { items: Array<{ label?: string }> }): void {
    this.menu = menu;
  }
  setImage(): void {}
  destroy(): void {
    this.destroyed = true;
  }
}

class ShellWindow extends FakeBrowserWindow {
  visible = false;
  maximize(): void {}
  isDestroyed(): boolean {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 820 };
  }
  isMaximized(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  isFocused(): boolean {
    return true;
  }
  restore(): void {}
  focus(): void {}
  override show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  async loadURL(): Promise<void> {}
}

const appEmitter = new EventEmitter();
let resolveReady: () => void = () => {};
const ready = new Promise<void>((resolve) => (resolveReady = resolve));

export const fakeApp = Object.assign(appEmitter, {
  isPackaged: false,
  paths: {} as Record<string, string>,
  enableSandbox: () => {},
  requestSingleInstanceLock: () => true,
  whenReady: () => ready,
  fireReady: () => resolveReady(),
  getPath: (name: string) => fakeApp.paths[name] ?? `/tmp/fake-${name}`,
  getLocale: () => 'en-GB',
  getAppPath: () => '/nonexistent',
  setBadgeCount: () => true,
  setAsDefaultProtocolClient: () => true,
  quit: () => {
    recorded.quitCalls++;
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    appEmitter.emit('before-quit', event);
  },
});

const defaultSession = new FakeSession();

export const electronAppModule = {
  ...electronModule,
  BrowserWindow: ShellWindow,
  app: fakeApp,
  session: { ...electronModule.session, defaultSession },
  Menu: {
    buildFromTemplate: (items: unknown[]) => ({ items, popup: () => {} }),
    setApplicationMenu: (menu: unknown) => recorded.menus.push(menu),
  },
  Tray: FakeTray,
  nativeImage: { createFromPath: () => ({ isEmpty: () => true }), createEmpty: () => ({ isEmpty: () => true }), createFromDataURL: () => ({ isEmpty: () => true }) },
  dialog: {
    showMessageBox: async (...args: unknown[]) => {
      recorded.messageBoxes.push(args.at(-1) as { message: string; buttons: string[] });
      return { response: recorded.messageBoxResponse };
    },
  },
  powerMonitor: new EventEmitter(),
  shell: {
    openExternal: async (url: string) => void recorded.opened.push(url),
    openPath: async (path: string) => (recorded.openedPaths.push(path), ''),
    showItemInFolder: (path: string) => void recorded.shownInFolder.push(path),
  },
  protocol: {
    registerSchemesAsPrivileged: () => {},
    handle: (scheme: string, handler: unknown) => recorded.protocolHandlers.set(scheme, handler),
  },
  net: { fetch: async () => new Response('') },
  screen: { getAllDisplays: () => [] },
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => recorded.ipcHandlers.set(channel, handler),
    removeHandler: (channel: string) => recorded.ipcHandlers.delete(channel),
  },
  safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
  utilityProcess: { fork: () => new EventEmitter() },
  Notification: Object.assign(class extends EventEmitter {}, { isSupported: () => false }),
  clipboard: { writeText: () => {} },
};

/** electron-store without Electron: an in-memory store per name. */
export class FakeStore<T extends Record<string, unknown>> {
  store = {} as T;
  get(key: string): unknown {
    return this.store[key];
  }
  set(key: string, value: unknown): void {
    this.store = { ...this.store, [key]: value };
  }
}
