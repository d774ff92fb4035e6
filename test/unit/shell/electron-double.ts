// One test double for the `electron` module (the binary cannot run here). Its objects follow
// Electron 45's documented behaviour where the main process depends on it, so a test fails where
// Electron would fail:
// - a destroyed BrowserWindow or WebContents throws "Object has been destroyed" from every method
//   but isDestroyed() (a closed window's contentView too); closing a window destroys its
//   webContents, not the webContents of the views it held (WebContentsView has no destroy);
// - BrowserWindow.maximize() shows a hidden window (without focusing it);
// - webContents.findInPage: `findNext: true` begins a new find session (active match back to the
//   first one), `findNext: false` steps within the session; results arrive later as found-in-page;
// - webContents.focus() moves focus: the previous contents gets 'blur', the new one 'focus', and
//   webContents.getFocusedWebContents() follows;
// - webContents.close({ waitForBeforeUnload: true }) asks the page: a page that refuses emits
//   'will-prevent-unload' and stays unless that event is prevented;
// - quitting: app.quit() emits before-quit (preventable), closes every window (each 'close' is
//   preventable and cancels the quit), then will-quit (preventable), then quit. A window closed by
//   the user emits window-all-closed when it was the last one and no quit is under way (no
//   listener: the app quits). Nothing throws out of Electron's own emit: a listener's exception
//   is what Electron shows as a modal "A JavaScript error occurred in the main process" box; here
//   it is recorded in `recorded.mainProcessErrors` and rethrown to the caller.
// Only Electron is doubled: the wiring and the core decisions under test are the real code.
import { EventEmitter } from 'node:events';

let nextId = 1;

class Preventable {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export const recorded = {
  windows: [] as DoubleBrowserWindow[],
  views: [] as DoubleWebContentsView[],
  contents: [] as DoubleWebContents[],
  sessions: new Map<string, DoubleSession>(),
  menus: [] as DoubleMenu[],
  trays: [] as DoubleTray[],
  ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  protocolHandlers: new Map<string, unknown>(),
  opened: [] as string[],
  openedPaths: [] as string[],
  shownInFolder: [] as string[],
  messageBoxes: [] as Array<{ message: string; buttons: string[] }>,
  errorBoxes: [] as Array<{ title: string; content: string }>,
  /** The button the next message box answers with. */
  messageBoxResponse: 0,
  /** Open dialogs' options, and what the next one answers. */
  openDialogs: [] as Array<{ title?: string; buttonLabel?: string; defaultPath?: string; properties?: string[] }>,
  openDialogAnswer: { canceled: true, filePaths: [] as string[] },
  /** When set, shell.openExternal rejects with it (as it does when no handler exists for a URL). */
  openExternalError: null as Error | null,
  /** app.quit() calls, and the app events in the order they were emitted. */
  quitCalls: 0,
  appEvents: [] as string[],
  exited: false,
  /** Exceptions thrown by main's listeners inside Electron's emit (each would be a modal error box). */
  mainProcessErrors: [] as unknown[],
  /** Screens and windows desktopCapturer offers. */
  captureSources: [] as Array<{ id: string; name: string; display_id?: string }>,
};

function destroyedError(): TypeError {
  return new TypeError('Object has been destroyed');
}

/** An EventEmitter whose methods (but isDestroyed) throw once destroy() ran. */
class Destroyable extends EventEmitter {
  protected destroyedFlag = false;
  isDestroyed(): boolean {
    return this.destroyedFlag;
  }
  protected alive(): this {
    if (this.destroyedFlag) throw destroyedError();
    return this;
  }
  /** Emit as Electron does: a listener's exception is the main process's uncaught error. */
  fire(name: string, ...args: unknown[]): boolean {
    try {
      return this.emit(name, ...args);
    } catch (error) {
      recorded.mainProcessErrors.push(error);
      throw error;
    }
  }
}

let focusedContents: DoubleWebContents | null = null;

export interface FindResult {
  requestId: number;
  activeMatchOrdinal: number;
  matches: number;
  finalUpdate: boolean;
}

export class DoubleWebContents extends Destroyable {
  readonly id = nextId++;
  readonly session: DoubleSession;
  windowOpenHandler: ((details: { url: string; disposition?: string; features?: string }) => unknown) | null = null;
  loaded: string[] = [];
  /** What loadURL does: resolve (default) or reject with this error (ERR_ABORTED and the like). */
  loadError: Error | null = null;
  sent: Array<[string, unknown]> = [];
  downloads: string[] = [];
  /** The page's text, for findInPage. */
  pageText = '';
  /** The page's beforeunload handler refuses to leave. */
  refusesUnload = false;
  audible = false;
  /** Without a page (no host yet) the zoom is the contents' own. */
  private ownZoom = 0;
  private findSession: { text: string; active: number } | null = null;
  private requestId = 0;
  readonly findRequests: Array<{ text: string; forward: boolean; findNext: boolean }> = [];
  devToolsOpen = false;
  backgroundThrottling = true;
  readonly navigationHistory = {
    canGoBack: () => (this.alive(), false),
    canGoForward: () => (this.alive(), false),
    goBack: () => this.alive(),
    goForward: () => this.alive(),
  };

  constructor(partition = '') {
    super();
    this.session = sessionFor(partition);
    Object.defineProperty(this.mainFrame, 'url', { get: () => this.loaded.at(-1) ?? '' });
    Object.defineProperty(this.mainFrame, 'origin', { get: () => URL.parse(this.loaded.at(-1) ?? '')?.origin ?? '' });
    this.mainFrame.top = this.mainFrame;
    recorded.contents.push(this);
  }

  /** The page's main frame, as WebFrameMain (its url is the last one loaded). */
  readonly mainFrame = {
    parent: null,
    get url(): string {
      return '';
    },
    origin: '',
    top: null as unknown,
    isDestroyed: () => this.isDestroyed(),
  };

  static fromFrame(frame: unknown): DoubleWebContents | undefined {
    return recorded.contents.find((contents) => contents.mainFrame === frame || (contents as unknown as { frames?: unknown[] }).frames?.includes(frame));
  }

  static getFocusedWebContents(): DoubleWebContents | null {
    return focusedContents && !focusedContents.isDestroyed() ? focusedContents : null;
  }

  setWindowOpenHandler(handler: (details: { url: string; disposition?: string; features?: string }) => unknown): void {
    this.alive();
    this.windowOpenHandler = handler;
  }
  async loadURL(url: string): Promise<void> {
    this.alive();
    this.loaded.push(url);
    if (this.loadError) throw this.loadError;
  }
  getURL(): string {
    this.alive();
    return this.loaded.at(-1) ?? '';
  }
  send(channel: string, payload: unknown): void {
    this.alive();
    this.sent.push([channel, payload]);
  }
  downloadURL(url: string): void {
    this.alive();
    this.downloads.push(url);
  }
  focus(): void {
    this.alive();
    if (focusedContents === this) return;
    const previous = focusedContents;
    focusedContents = this.alive();
    if (previous && !previous.isDestroyed()) previous.fire('blur');
    this.fire('focus');
  }
  isFocused(): boolean {
    return focusedContents === this.alive();
  }
  /** Chromium's zoom is per host within a session: every page of that host follows a change. */
  private get host(): string {
    return URL.parse(this.loaded.at(-1) ?? '')?.host ?? '';
  }
  getZoomLevel(): number {
    const host = this.alive().host;
    return host ? (this.session.zoomByHost.get(host) ?? 0) : this.ownZoom;
  }
  setZoomLevel(level: number): void {
    const host = this.alive().host;
    if (host) this.session.zoomByHost.set(host, level);
    else this.ownZoom = level;
  }
  getZoomFactor(): number {
    return 1.2 ** this.getZoomLevel();
  }
  isCurrentlyAudible(): boolean {
    return this.alive().audible;
  }
  setBackgroundThrottling(allowed: boolean): void {
    this.alive().backgroundThrottling = allowed;
  }
  findInPage(text: string, options: { forward?: boolean; findNext?: boolean } = {}): number {
    this.alive();
    if (text === '') throw new Error('Must provide a non-empty search content');
    const forward = options.forward ?? true;
    const findNext = options.findNext ?? false;
    this.findRequests.push({ text, forward, findNext });
    const matches = this.pageText.toLowerCase().split(text.toLowerCase()).length - 1;
    if (findNext || !this.findSession || this.findSession.text !== text) this.findSession = { text, active: matches === 0 ? 0 : forward ? 1 : matches };
    else if (matches > 0) this.findSession.active = ((this.findSession.active - 1 + (forward ? 1 : -1) + matches) % matches) + 1;
    const result: FindResult = { requestId: ++this.requestId, activeMatchOrdinal: this.findSession.active, matches, finalUpdate: true };
    setImmediate(() => {
      if (!this.isDestroyed()) this.fire('found-in-page', new Preventable(), result);
    });
    return result.requestId;
  }
  stopFindInPage(action: 'clearSelection' | 'keepSelection' | 'activateSelection'): void {
    this.alive();
    if (!['clearSelection', 'keepSelection', 'activateSelection'].includes(action)) throw new Error(`Invalid action: ${action}`);
    this.findSession = null;
  }
  closeDevTools(): void {
    this.alive();
    this.devToolsOpen = false;
  }
  toggleDevTools(): void {
    this.alive();
    this.devToolsOpen = !this.devToolsOpen;
  }
  replaceMisspelling(): void {
    this.alive();
  }
  /**
   * A key press as Electron delivers it: before-input-event (main may prevent it), else the page,
   * then the application menu's registered accelerators (explicit ones and the roles' defaults).
   * Returns who handled it.
   */
  pressKey(key: string, modifiers: Partial<Record<'control' | 'shift' | 'alt' | 'meta', boolean>> = {}): 'main' | 'menu' | 'page' {
    this.alive();
    const input = { type: 'keyDown', key, code: '', control: false, shift: false, alt: false, meta: false, isAutoRepeat: false, isComposing: false, location: 0, modifiers: [], ...modifiers };
    const event = new Preventable();
    this.fire('before-input-event', event, input);
    if (event.defaultPrevented) return 'main';
    const item = applicationMenu ? findAccelerated(applicationMenu.items, input) : null;
    if (!item) return 'page';
    const window = ownerWindow(this);
    if (item.click) item.click({ checked: !item.checked });
    else if (item.role === 'close') window?.close();
    else if (item.role === 'quit') app.quit();
    else if (item.role === 'minimize') window?.minimize();
    else if (item.role === 'togglefullscreen') window?.setFullScreen(!window.isFullScreen());
    return 'menu';
  }
  /** Like Electron: with waitForBeforeUnload the page may refuse (will-prevent-unload). */
  close(options: { waitForBeforeUnload?: boolean } = {}): void {
    if (this.destroyedFlag) return;
    if (options.waitForBeforeUnload && this.refusesUnload) {
      const event = new Preventable();
      this.fire('will-prevent-unload', event);
      if (!event.defaultPrevented) return;
    }
    this.destroy();
  }
  /** Destroyed by Electron (its window closed, the page closed itself). */
  destroy(): void {
    if (this.destroyedFlag) return;
    this.destroyedFlag = true;
    if (focusedContents === this) focusedContents = null;
    this.fire('destroyed');
  }
}

export class DoubleWebContentsView {
  readonly webContents: DoubleWebContents;
  visible = true;
  bounds: { x: number; y: number; width: number; height: number } | null = null;
  readonly options: { webPreferences?: { partition?: string } };
  constructor(options: { webPreferences?: { partition?: string } } = {}) {
    this.options = options;
    this.webContents = new DoubleWebContents(options.webPreferences?.partition ?? '');
    recorded.views.push(this);
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }): void {
    this.bounds = bounds;
  }
  getBounds() {
    return this.bounds ?? { x: 0, y: 0, width: 0, height: 0 };
  }
}

let quitting = false;

export class DoubleBrowserWindow extends Destroyable {
  readonly id = nextId++;
  readonly webContents: DoubleWebContents;
  readonly options: Record<string, unknown>;
  private readonly childViews: DoubleWebContentsView[] = [];
  private visibleFlag: boolean;
  private maximized = false;
  private minimized = false;
  private fullScreen = false;
  private bounds: { x: number; y: number; width: number; height: number };
  readonly contentView: { addChildView(view: DoubleWebContentsView): void; removeChildView(view: DoubleWebContentsView): void; readonly children: DoubleWebContentsView[] };

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    const webPreferences = (options.webPreferences ?? {}) as { partition?: string };
    this.webContents = new DoubleWebContents(webPreferences.partition ?? '');
    this.visibleFlag = options.show !== false;
    this.bounds = { x: (options.x as number) ?? 0, y: (options.y as number) ?? 0, width: (options.width as number) ?? 800, height: (options.height as number) ?? 600 };
    const contentView = {
      addChildView: (view: DoubleWebContentsView) => {
        if (!this.alive().childViews.includes(view)) this.childViews.push(view);
      },
      removeChildView: (view: DoubleWebContentsView) => {
        const index = this.alive().childViews.indexOf(view);
        if (index >= 0) this.childViews.splice(index, 1);
      },
    };
    this.contentView = Object.defineProperty(contentView, 'children', { get: () => [...this.alive().childViews] }) as typeof this.contentView;
    recorded.windows.push(this);
  }

  static getAllWindows(): DoubleBrowserWindow[] {
    return recorded.windows.filter((window) => !window.isDestroyed());
  }

  /** The views in this window (for assertions; the window itself may be destroyed). */
  get children(): DoubleWebContentsView[] {
    return [...this.childViews];
  }

  async loadURL(url: string): Promise<void> {
    this.alive();
    await this.webContents.loadURL(url);
    // Chromium paints the first frame a little later.
    setImmediate(() => {
      if (!this.isDestroyed()) this.fire('ready-to-show', new Preventable());
    });
  }
  show(): void {
    this.alive();
    const wasVisible = this.visibleFlag;
    this.visibleFlag = true;
    if (!wasVisible) this.fire('show');
    this.focus();
  }
  showInactive(): void {
    this.alive();
    if (!this.visibleFlag) {
      this.visibleFlag = true;
      this.fire('show');
    }
  }
  hide(): void {
    this.alive();
    if (!this.visibleFlag) return;
    this.visibleFlag = false;
    this.fire('hide');
  }
  isVisible(): boolean {
    this.alive();
    return this.visibleFlag;
  }
  /** Electron: "This will also show (but not focus) the window if it isn't being displayed already." */
  maximize(): void {
    this.alive();
    this.maximized = true;
    this.showInactive();
    this.fire('maximize');
  }
  unmaximize(): void {
    this.alive().maximized = false;
  }
  isMaximized(): boolean {
    return this.alive().maximized;
  }
  minimize(): void {
    this.alive().minimized = true;
  }
  isMinimized(): boolean {
    return this.alive().minimized;
  }
  restore(): void {
    this.alive();
    this.minimized = false;
    this.showInactive();
  }
  focus(): void {
    this.alive();
    this.webContents.focus();
  }
  isFocused(): boolean {
    this.alive();
    return this.visibleFlag && focusedContents !== null && (focusedContents === this.webContents || this.childViews.some((view) => view.webContents === focusedContents));
  }
  setFullScreen(flag: boolean): void {
    this.alive();
    if (this.fullScreen === flag) return;
    this.fullScreen = flag;
    this.fire(flag ? 'enter-full-screen' : 'leave-full-screen');
  }
  isFullScreen(): boolean {
    this.alive();
    return this.fullScreen;
  }
  getBounds() {
    this.alive();
    return { ...this.bounds };
  }
  getContentBounds() {
    this.alive();
    return { ...this.bounds };
  }
  getNormalBounds() {
    this.alive();
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<{ x: number; y: number; width: number; height: number }>): void {
    this.alive();
    this.bounds = { ...this.bounds, ...bounds };
    this.fire('resize');
  }
  /** Like a click on the window's close button or Ctrl+W on a registered close item. */
  close(): boolean {
    this.alive();
    const event = new Preventable();
    this.fire('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }
  destroy(): void {
    if (this.destroyedFlag) return;
    this.destroyedFlag = true;
    this.visibleFlag = false;
    this.webContents.destroy();
    this.fire('closed');
    if (!quitting && DoubleBrowserWindow.getAllWindows().length === 0) {
      recorded.appEvents.push('window-all-closed');
      if (app.listenerCount('window-all-closed') === 0) app.quit();
      else app.fire('window-all-closed');
    }
  }
}

/** A cookie as Electron's Cookies API gives it (the fields main uses). */
export interface DoubleCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
}

/**
 * session.cookies: get({ url }) answers the cookies Chromium would send to that URL (host-only or
 * domain match, path prefix, secure ones only to https or loopback); set() and remove() emit
 * 'changed' (event, cookie, cause, removed) as Electron does.
 */
export class DoubleCookies extends EventEmitter {
  readonly jar: DoubleCookie[] = [];
  async get(filter: { url?: string }): Promise<DoubleCookie[]> {
    if (!filter.url) return [...this.jar];
    const url = new URL(filter.url);
    const secureContext = url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return this.jar.filter((cookie) => {
      const domain = cookie.domain.replace(/^\./, '');
      const hostMatch = url.hostname === domain || (cookie.domain.startsWith('.') && url.hostname.endsWith(`.${domain}`));
      return hostMatch && url.pathname.startsWith(cookie.path) && (!cookie.secure || secureContext);
    });
  }
  async set(details: { url: string; name: string; value: string; domain?: string; path?: string; secure?: boolean; httpOnly?: boolean }): Promise<void> {
    const url = new URL(details.url);
    const cookie: DoubleCookie = { name: details.name, value: details.value, domain: details.domain ? `.${details.domain.replace(/^\./, '')}` : url.hostname, path: details.path ?? '/', secure: details.secure ?? false, httpOnly: details.httpOnly ?? false };
    const index = this.jar.findIndex((other) => other.name === cookie.name && other.domain === cookie.domain && other.path === cookie.path);
    if (index !== -1) this.jar.splice(index, 1);
    this.jar.push(cookie);
    this.emit('changed', new Preventable(), cookie, 'explicit', false);
  }
  async remove(url: string, name: string): Promise<void> {
    const host = new URL(url).hostname;
    for (const cookie of this.jar.filter((other) => other.name === name && other.domain.replace(/^\./, '') === host)) {
      this.jar.splice(this.jar.indexOf(cookie), 1);
      this.emit('changed', new Preventable(), cookie, 'explicit', true);
    }
  }
}

export class DoubleSession extends EventEmitter {
  readonly cookies = new DoubleCookies();
  requestHandler: ((...args: unknown[]) => void) | null = null;
  checkHandler: ((...args: unknown[]) => boolean) | null = null;
  deviceHandler: ((...args: unknown[]) => boolean) | null = null;
  displayMediaHandler: ((request: unknown, callback: (streams: unknown) => void) => void) | null = null;
  spellLanguages: string[] = [];
  spellEnabled = false;
  dictionaryUrl: string | null = null;
  proxy: unknown = null;
  /** setProxy settles only when the test says so (null: at once). */
  proxyGate: Promise<void> | null = null;
  availableSpellCheckerLanguages = ['de-DE', 'en-GB', 'en-US', 'nl'];
  /** Chromium's host zoom map of this session. */
  readonly zoomByHost = new Map<string, number>();
  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.deviceHandler = handler;
  }
  setDisplayMediaRequestHandler(handler: ((request: unknown, callback: (streams: unknown) => void) => void) | null): void {
    this.displayMediaHandler = handler;
  }
  /** Chromium's auth server allow-list (integrated Kerberos/NTLM sign-in). */
  integratedAuthDomains = '';
  allowNTLMCredentialsForDomains(domains: string): void {
    this.integratedAuthDomains = domains;
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
  addWordToSpellCheckerDictionary(): boolean {
    return true;
  }
  async setProxy(config: unknown): Promise<void> {
    if (this.proxyGate) await this.proxyGate;
    this.proxy = config;
  }
}

function sessionFor(partition: string): DoubleSession {
  if (!recorded.sessions.has(partition)) recorded.sessions.set(partition, new DoubleSession());
  return recorded.sessions.get(partition)!;
}

export interface DoubleMenuItem {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  checked?: boolean;
  enabled?: boolean;
  click?: (item: { checked: boolean }) => void;
  submenu?: DoubleMenuItem[];
}

/** Electron's default accelerators of the roles (Linux). */
const roleAccelerators: Record<string, string> = {
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z',
  cut: 'Ctrl+X',
  copy: 'Ctrl+C',
  paste: 'Ctrl+V',
  selectall: 'Ctrl+A',
  close: 'Ctrl+W',
  quit: 'Ctrl+Q',
  minimize: 'Ctrl+M',
  togglefullscreen: 'F11',
  reload: 'Ctrl+R',
  forcereload: 'Ctrl+Shift+R',
  toggledevtools: 'Ctrl+Shift+I',
  resetzoom: 'Ctrl+0',
  zoomin: 'Ctrl+Plus',
  zoomout: 'Ctrl+-',
};

const acceleratorKeys: Record<string, string> = { left: 'arrowleft', right: 'arrowright', up: 'arrowup', down: 'arrowdown', plus: '+', esc: 'escape' };

/** Whether an Electron accelerator ('CmdOrCtrl+Shift+I', 'Alt+Left', 'F11') is this key press. */
export function acceleratorMatches(accelerator: string, input: { key: string; control: boolean; shift: boolean; alt: boolean; meta: boolean }): boolean {
  const parts = accelerator.toLowerCase().split(/\+(?!$)/);
  const key = parts.pop()!;
  const wants = { control: false, shift: false, alt: false, meta: false };
  for (const part of parts) {
    if (['ctrl', 'control', 'cmdorctrl', 'commandorcontrol'].includes(part)) wants.control = true;
    else if (part === 'shift') wants.shift = true;
    else if (part === 'alt' || part === 'option') wants.alt = true;
    else if (['super', 'meta', 'cmd', 'command'].includes(part)) wants.meta = true;
  }
  const modifiersMatch = wants.control === input.control && wants.alt === input.alt && wants.meta === input.meta && (wants.shift === input.shift || key === 'plus');
  return modifiersMatch && (acceleratorKeys[key] ?? key) === input.key.toLowerCase();
}

/** The key press an Electron accelerator stands for (as before-input-event reports it). */
export function inputOf(accelerator: string): { type: string; key: string; control: boolean; shift: boolean; alt: boolean; meta: boolean } {
  const parts = accelerator.split(/\+(?!$)/);
  const key = parts.pop()!;
  const named = acceleratorKeys[key.toLowerCase()];
  const modifier = (...names: string[]) => parts.some((part) => names.includes(part.toLowerCase()));
  const keyName = named ? { arrowleft: 'ArrowLeft', arrowright: 'ArrowRight', arrowup: 'ArrowUp', arrowdown: 'ArrowDown', escape: 'Escape' }[named] ?? named : key.length === 1 ? key.toLowerCase() : key;
  return { type: 'keyDown', key: keyName, control: modifier('ctrl', 'control', 'cmdorctrl', 'commandorcontrol'), shift: modifier('shift'), alt: modifier('alt'), meta: modifier('super', 'meta') };
}

function findAccelerated(items: DoubleMenuItem[], input: Parameters<typeof acceleratorMatches>[1]): DoubleMenuItem | null {
  for (const item of items) {
    if (item.submenu) {
      const found = findAccelerated(item.submenu, input);
      if (found) return found;
    }
    const accelerator = item.accelerator ?? (item.role ? roleAccelerators[item.role.toLowerCase()] : undefined);
    if (accelerator && item.registerAccelerator !== false && item.enabled !== false && acceleratorMatches(accelerator, input)) return item;
  }
  return null;
}

function ownerWindow(contents: DoubleWebContents): DoubleBrowserWindow | null {
  return DoubleBrowserWindow.getAllWindows().find((window) => window.webContents === contents || window.children.some((view) => view.webContents === contents)) ?? null;
}

let applicationMenu: DoubleMenu | null = null;

export class DoubleMenu {
  readonly items: DoubleMenuItem[];
  constructor(items: DoubleMenuItem[]) {
    this.items = items;
  }
  popup(): void {}
}

export class DoubleTray extends EventEmitter {
  tooltip = '';
  menu: DoubleMenu | null = null;
  destroyed = false;
  constructor() {
    super();
    recorded.trays.push(this);
  }
  private check(): void {
    if (this.destroyed) throw destroyedError();
  }
  setToolTip(text: string): void {
    this.check();
    this.tooltip = text;
  }
  menuBuilds = 0;
  setContextMenu(menu: DoubleMenu): void {
    this.check();
    this.menu = menu;
    this.menuBuilds++;
  }
  setImage(): void {
    this.check();
  }
  destroy(): void {
    this.destroyed = true;
  }
}

let resolveReady: () => void = () => {};
const ready = new Promise<void>((resolve) => (resolveReady = resolve));

class DoubleApp extends Destroyable {
  isPackaged = false;
  paths: Record<string, string> = {};
  enableSandbox(): void {}
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return ready;
  }
  /** The test says when Electron is ready. */
  fireReady(): void {
    resolveReady();
  }
  getPath(name: string): string {
    return this.paths[name] ?? `/tmp/electron-double-${name}`;
  }
  getLocale(): string {
    return 'en-GB';
  }
  getAppPath(): string {
    return '/nonexistent';
  }
  setBadgeCount(): boolean {
    return true;
  }
  setAsDefaultProtocolClient(): boolean {
    return true;
  }
  private record(name: string): void {
    recorded.appEvents.push(name);
  }
  /** Electron's order: before-quit, the windows' close (either may cancel), will-quit, quit. */
  quit(): void {
    recorded.quitCalls++;
    if (recorded.exited) return;
    const beforeQuit = new Preventable();
    this.record('before-quit');
    this.fire('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    quitting = true;
    for (const window of DoubleBrowserWindow.getAllWindows()) {
      if (!window.close()) {
        quitting = false;
        return;
      }
    }
    const willQuit = new Preventable();
    this.record('will-quit');
    this.fire('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      quitting = false;
      return;
    }
    this.record('quit');
    this.fire('quit', new Preventable(), 0);
    recorded.exited = true;
  }
  exit(): void {
    recorded.exited = true;
  }
  /** The smart-card PIN handler main installed (Linux: Chromium leaves the prompt to the app). */
  pinHandler: ((params: { hostname: string; tokenName: string; isRetry: boolean }) => Promise<string>) | null = null;
  setClientCertRequestPasswordHandler(handler: (params: { hostname: string; tokenName: string; isRetry: boolean }) => Promise<string>): void {
    this.pinHandler = handler;
  }
}

export const app = new DoubleApp();

export const desktopCapturer = {
  async getSources(options: { types: Array<'screen' | 'window'>; thumbnailSize?: { width: number; height: number }; fetchWindowIcons?: boolean }) {
    return recorded.captureSources
      .filter((source) => options.types.includes(source.id.startsWith('screen:') ? 'screen' : 'window'))
      .map((source) => ({ ...source, display_id: source.display_id ?? '', appIcon: null, thumbnail: { isEmpty: () => false, toDataURL: () => `data:image/png;base64,${Buffer.from(source.id).toString('base64')}`, getSize: () => options.thumbnailSize ?? { width: 150, height: 150 } } }));
  },
};

/** electron-store without Electron: one in-memory store per name, which a test can fill first. */
export class DoubleStore<T extends Record<string, unknown>> {
  static readonly byName = new Map<string, Record<string, unknown>>();
  /** How often each store was written (a write is a file write in electron-store). */
  static readonly writes = new Map<string, number>();
  private readonly name: string;
  constructor(options: { name?: string } = {}) {
    this.name = options.name ?? 'config';
    if (!DoubleStore.byName.has(this.name)) DoubleStore.byName.set(this.name, {});
  }
  get store(): T {
    return DoubleStore.byName.get(this.name) as T;
  }
  set store(values: T) {
    DoubleStore.byName.set(this.name, { ...values });
    DoubleStore.writes.set(this.name, (DoubleStore.writes.get(this.name) ?? 0) + 1);
  }
  get(key: string): unknown {
    return this.store[key];
  }
  set(key: string, value: unknown): void {
    this.store = { ...this.store, [key]: value };
  }
}

const emptyImage = () => ({ isEmpty: () => true, toDataURL: () => '' });

/** What `vi.mock('electron', …)` returns. */
export const electronModule = {
  app,
  BrowserWindow: DoubleBrowserWindow,
  WebContentsView: DoubleWebContentsView,
  webContents: { getFocusedWebContents: () => DoubleWebContents.getFocusedWebContents(), fromFrame: (frame: unknown) => DoubleWebContents.fromFrame(frame) },
  session: { fromPartition: sessionFor, defaultSession: sessionFor('') },
  desktopCapturer,
  Menu: {
    buildFromTemplate: (items: DoubleMenuItem[]) => new DoubleMenu(items),
    setApplicationMenu: (menu: DoubleMenu) => {
      applicationMenu = menu;
      recorded.menus.push(menu);
    },
  },
  Tray: DoubleTray,
  nativeImage: { createFromPath: emptyImage, createEmpty: emptyImage, createFromDataURL: emptyImage },
  dialog: {
    showMessageBox: async (...args: unknown[]) => {
      recorded.messageBoxes.push(args.at(-1) as { message: string; buttons: string[] });
      return { response: recorded.messageBoxResponse, checkboxChecked: false };
    },
    showErrorBox: (title: string, content: string) => void recorded.errorBoxes.push({ title, content }),
    showOpenDialog: async (...args: unknown[]) => {
      recorded.openDialogs.push(args.at(-1) as (typeof recorded.openDialogs)[number]);
      return recorded.openDialogAnswer;
    },
    showMessageBoxSync: (...args: unknown[]) => {
      recorded.messageBoxes.push(args.at(-1) as { message: string; buttons: string[] });
      return recorded.messageBoxResponse;
    },
  },
  powerMonitor: new EventEmitter(),
  shell: {
    openExternal: async (url: string) => {
      if (recorded.openExternalError) throw recorded.openExternalError;
      recorded.opened.push(url);
    },
    openPath: async (path: string) => (recorded.openedPaths.push(path), ''),
    showItemInFolder: (path: string) => void recorded.shownInFolder.push(path),
  },
  protocol: {
    registerSchemesAsPrivileged: () => {},
    handle: (scheme: string, handler: unknown) => void recorded.protocolHandlers.set(scheme, handler),
  },
  net: { fetch: async () => new Response('') },
  screen: { getAllDisplays: () => [] as Array<{ workArea: { x: number; y: number; width: number; height: number } }> },
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => void recorded.ipcHandlers.set(channel, handler),
    removeHandler: (channel: string) => void recorded.ipcHandlers.delete(channel),
  },
  safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
  utilityProcess: { fork: () => new EventEmitter() },
  Notification: Object.assign(class extends EventEmitter {}, { isSupported: () => false }),
  clipboard: { writeText: () => {} },
};

/** Let pending Electron callbacks (ready-to-show, found-in-page) run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
