// A stand-in for the `electron` module in unit tests of the main-process wiring (the binary cannot
// run here). Only Electron is faked: the wiring and the core decisions under test are the real code.
import { EventEmitter } from 'node:events';

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  loaded: string[] = [];
  zoomLevel = 0;
  destroyed = false;
  navigationHistory = { canGoBack: () => false, canGoForward: () => false, goBack: () => {}, goForward: () => {} };
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  downloads: string[] = [];
  sent: Array<[string, unknown]> = [];
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  downloadURL(url: string): void {
    this.downloads.push(url);
  }
  focus(): void {}
  getZoomLevel(): number {
    return this.zoomLevel;
  }
  setZoomLevel(level: number): void {
    this.zoomLevel = level;
  }
  getZoomFactor(): number {
    return 1;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
  }
  isCurrentlyAudible(): boolean {
    return false;
  }
  findInPage(): number {
    return 1;
  }
  stopFindInPage(): void {}
  closeDevTools(): void {}
  toggleDevTools(): void {}
}

export class FakeWebContentsView {
  static created: FakeWebContentsView[] = [];
  readonly webContents = new FakeWebContents();
  visible = true;
  bounds: unknown = null;
  readonly options: unknown;
  constructor(options: unknown) {
    this.options = options;
    FakeWebContentsView.created.push(this);
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
  }
  setBounds(bounds: unknown): void {
    this.bounds = bounds;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly children: FakeWebContentsView[] = [];
  readonly contentView = {
    addChildView: (view: FakeWebContentsView) => this.children.push(view),
    removeChildView: (view: FakeWebContentsView) => this.children.splice(this.children.indexOf(view), 1),
  };
  readonly options: unknown;
  constructor(options: unknown) {
    super();
    this.options = options;
    FakeBrowserWindow.created.push(this);
  }
  show(): void {}
}

export class FakeSession extends EventEmitter {
  requestHandler: ((...args: unknown[]) => void) | null = null;
  checkHandler: ((...args: unknown[]) => boolean) | null = null;
  deviceHandler: ((...args: unknown[]) => boolean) | null = null;
  spellLanguages: string[] = [];
  spellEnabled = false;
  dictionaryUrl: string | null = null;
  proxy: unknown = null;
  availableSpellCheckerLanguages = ['de-DE', 'en-GB', 'en-US', 'nl'];
  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.deviceHandler = handler;
  }
  setSpellCheckerLanguages(languages: string[]): void {
    this.spellLanguages = languages;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellEnabled = enabled;
  }
  setSpellCheckerDictionaryDownloadURL(url: string): void {
    this.dictionaryUrl = url;
  }
  async setProxy(config: unknown): Promise<void> {
    this.proxy = config;
  }
}

export const sessions = new Map<string, FakeSession>();

export const electronModule = {
  BrowserWindow: FakeBrowserWindow,
  WebContentsView: FakeWebContentsView,
  session: {
    fromPartition: (partition: string) => {
      if (!sessions.has(partition)) sessions.set(partition, new FakeSession());
      return sessions.get(partition)!;
    },
  },
};
