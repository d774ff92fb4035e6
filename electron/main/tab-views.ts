// One WebContentsView per hosted app, created on first use, laid over the renderer's app area,
// hidden while a panel is open or the load failed (the renderer then shows the offline page),
// discarded after the idle time and restored on the next click. Every decision is a core function;
// this class only carries them out.
import type { BrowserWindow, WebContents, WebContentsView } from 'electron';
import type { AppDefinition } from '../core/config/catalog-schema.ts';
import type { CoreContext } from '../core/context.ts';
import type { LoadState, Rect } from '../core/bridge/contract-shell.ts';
import { decideNavigation, decideWindowOpen, isAllowedSubframe, type NavigationVerdict } from '../core/shell/navigation.ts';
import { nextHibernationCheck, tabsToHibernate, type TabActivity } from '../core/shell/hibernation.ts';
import { classifyLoadFailure, retryDelaySeconds, type LoadFailureKind } from '../core/shell/load-failure.ts';
import { badgeFromTitle } from '../core/shell/badges.ts';
import { bindingFor, nextZoomLevel, targetApp, type ShortcutAction } from '../core/shell/shortcuts.ts';
import { childWindowOptions, createAppView } from './web-preferences.ts';

interface Tab {
  app: AppDefinition;
  view: WebContentsView | null;
  lastActiveAt: number;
  lastUrl: string;
  failure: LoadFailureKind | null;
  failedThisLoad: boolean;
  attempt: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
  state: LoadState['state'];
  /** Camera, microphone or screen granted since the page loaded: a call (kept running, never hibernated). */
  inCall: boolean;
  /** Media playing (media-started-playing until media-paused). */
  playing: boolean;
  /** The page was granted the notification permission. */
  notifies: boolean;
  /** Being hibernated (its page is asked first). */
  unloading: boolean;
}

export interface TabViewsOptions {
  window: BrowserWindow;
  ctx: CoreContext;
  /** Called before each new view: permission handlers, downloads, spell check, proxy (once per partition). A promise: load only after it (the proxy is set). */
  prepareSession(partition: string): void | Promise<void>;
  /** Carry out "switch to another app's tab" (goes through shell.activate so the renderer follows). */
  activate(appId: string, url?: string): void;
  openExternal(url: string): void;
  log: CoreContext['log'];
  /** Right-click menu for app contents (views and pop-ups). */
  attachContextMenu?(contents: WebContents): void;
  /** Keys the window carries out (settings, full screen, quit); true when handled. */
  shortcut?(action: ShortcutAction): boolean;
  /** A page refuses to unload (beforeunload): true when the person chooses to leave anyway. */
  confirmLeave?(appName: string): boolean;
}

export class TabViews {
  private readonly tabs = new Map<string, Tab>();
  /** webContents id → app id, for views and their sign-in pop-ups (permission and download lookups). */
  private readonly owners = new Map<number, string>();
  private readonly options: TabViewsOptions;
  private activeId: string | null = null;
  private panelOpen = false;
  private rect: Rect = { x: 0, y: 0, width: 0, height: 0 };
  /** The app whose page is in HTML full screen (a meeting's video): its view fills the window. */
  private fullScreenApp: string | null = null;
  private hibernateTimer: ReturnType<typeof setTimeout> | null = null;
  /** The find session Chromium has open: its contents and text (a different text is a new session). */
  private findSession: { contents: WebContents; text: string } | null = null;

  constructor(options: TabViewsOptions) {
    this.options = options;
    options.window.on('resize', () => {
      if (this.fullScreenApp) this.applyVisibility();
    });
    options.window.webContents.on('before-input-event', (event, input) => {
      this.onKey(event, input, 'shell');
    });
  }

  appIdFor(contents: WebContents | null | undefined): string | null {
    return contents ? (this.owners.get(contents.id) ?? null) : null;
  }

  appFor(contents: WebContents | null | undefined): AppDefinition | null {
    const id = this.appIdFor(contents);
    return id ? (this.options.ctx.catalog.find(id)?.app ?? null) : null;
  }

  get active(): string | null {
    return this.activeId;
  }

  show(appId: string, url?: string): void {
    const app = this.options.ctx.catalog.find(appId)?.app;
    if (!app) return;
    let tab = this.tabs.get(appId);
    if (!tab) {
      tab = { app, view: null, lastActiveAt: Date.now(), lastUrl: app.url, failure: null, failedThisLoad: false, attempt: 0, retryTimer: null, state: 'idle', inCall: false, playing: false, notifies: false, unloading: false };
      this.tabs.set(appId, tab);
    }
    tab.app = app;
    if (this.activeId && this.activeId !== appId) {
      const previous = this.tabs.get(this.activeId);
      if (previous) previous.lastActiveAt = Date.now();
    }
    if (this.fullScreenApp && this.fullScreenApp !== appId) this.leaveFullScreen(this.fullScreenApp);
    this.activeId = appId;
    tab.lastActiveAt = Date.now();
    if (!tab.view) this.createView(tab, url ?? tab.lastUrl);
    else if (url) void tab.view.webContents.loadURL(url).catch(() => {});
    if (tab.view) this.applyZoom(appId, tab.view.webContents);
    this.applyVisibility();
    if (!this.panelOpen) tab.view?.webContents.focus();
    this.scheduleHibernation();
  }

  /** Download a URL the core has checked, through the app's view (its session and cookies). */
  download(appId: string, url: string): void {
    const tab = this.tabs.get(appId);
    if (!tab?.view) throw new Error('open the app first, then download from it');
    tab.view.webContents.downloadURL(url);
  }

  setPanelOpen(open: boolean): void {
    this.panelOpen = open;
    this.applyVisibility();
  }

  layout(rect: Rect): void {
    this.rect = rect;
    this.applyVisibility();
  }

  navigate(appId: string, action: 'back' | 'forward' | 'reload' | 'home'): void {
    const tab = this.tabs.get(appId);
    const contents = tab?.view?.webContents;
    if (!tab || !contents) return;
    if (action === 'back' && contents.navigationHistory.canGoBack()) contents.navigationHistory.goBack();
    else if (action === 'forward' && contents.navigationHistory.canGoForward()) contents.navigationHistory.goForward();
    else if (action === 'reload') this.reload(tab);
    else if (action === 'home') void contents.loadURL(tab.app.url).catch(() => {});
  }

  zoom(appId: string, step: 1 | -1 | 0): number {
    const contents = this.tabs.get(appId)?.view?.webContents;
    const saved = this.options.ctx.settings.get('shell.zoomLevels');
    const level = nextZoomLevel(contents?.getZoomLevel() ?? saved[appId] ?? 0, step);
    contents?.setZoomLevel(level);
    try {
      this.options.ctx.settings.set('shell.zoomLevels', { ...saved, [appId]: level });
    } catch (error) {
      this.options.log.warn(`zoom for ${appId} not remembered`, error instanceof Error ? error.message : error); // locked by policy
    }
    return level;
  }

  /**
   * Find in the active tab. The shell's `step` (Enter, ↑/↓) is not Electron's `findNext`: there
   * `findNext: true` begins a new find session (back to the first match), so it is true exactly
   * when the text or the tab changed, and false when stepping to the next/previous match.
   */
  /**
   * Chromium keeps one zoom level per host in a session, so apps on the same host (Nextcloud's
   * files and calendar) would share it: the shown tab gets its own app's level back.
   */
  private applyZoom(appId: string, contents: WebContents): void {
    const level = this.options.ctx.settings.get('shell.zoomLevels')[appId] ?? 0;
    if (!contents.isDestroyed() && contents.getZoomLevel() !== level) contents.setZoomLevel(level);
  }

  find(text: string, forward: boolean, _step: boolean): void {
    const contents = this.activeContents();
    if (!contents) return;
    if (text === '') return this.stopFind(false);
    const newSession = this.findSession?.contents !== contents || this.findSession.text !== text;
    this.findSession = { contents, text };
    contents.findInPage(text, { forward, findNext: newSession });
  }

  /** Ctrl+F or the menu: the shell opens its find bar, and its field needs the keyboard focus. */
  openFind(appId: string): void {
    this.options.ctx.hub.emit('shell.findOpen', { appId });
    const shell = this.options.window.webContents;
    if (!shell.isDestroyed()) shell.focus();
  }

  /** The find bar's text was emptied, or the bar closed (by its × or a key): clear the highlight; closed, the tab gets the focus back. */
  stopFind(closed: boolean): void {
    const session = this.findSession;
    this.findSession = null;
    if (session && !session.contents.isDestroyed()) session.contents.stopFindInPage('clearSelection');
    if (closed && !this.panelOpen) this.activeContents()?.focus();
  }

  private activeContents(): WebContents | null {
    const contents = this.activeId ? this.tabs.get(this.activeId)?.view?.webContents : null;
    return contents && !contents.isDestroyed() ? contents : null;
  }

  /** The network is back (or gone): retry failed tabs at once when it returns. */
  online(isOnline: boolean): void {
    if (!isOnline) return;
    for (const tab of this.tabs.values()) if (tab.failure === 'offline' || tab.failure === 'error') this.retry(tab.app.id);
  }

  retry(appId: string): void {
    const tab = this.tabs.get(appId);
    if (!tab) return;
    tab.attempt = 0;
    this.reload(tab);
  }

  /** The catalog changed: drop tabs of apps that are gone or disabled. */
  syncCatalog(): void {
    const enabled = new Set(this.options.ctx.catalog.enabledApps().map((app) => app.id));
    for (const [appId, tab] of this.tabs) {
      if (enabled.has(appId)) continue;
      this.discard(tab);
      this.tabs.delete(appId);
      if (this.activeId === appId) this.activeId = null;
    }
  }

  /**
   * A key from the keyboard map (core/shell/shortcuts.ts), the menu or the shell UI: carry it out
   * for `appId` (the tab it was typed in; else the active tab). `devToolsOf` is the contents whose
   * developer tools the key opens. Returns false when nothing handled it (the key goes to the page).
   */
  runShortcut(action: ShortcutAction, appId: string | null = this.activeId, devToolsOf?: WebContents): boolean {
    const ids = this.options.ctx.catalog.enabledApps().map((app) => app.id);
    switch (action.kind) {
      case 'app':
      case 'next-app':
      case 'previous-app': {
        const target = targetApp(ids, this.activeId, action);
        if (target) this.options.activate(target);
        return true;
      }
      case 'find':
        if (appId) this.openFind(appId);
        return true;
      case 'back':
      case 'forward':
      case 'reload':
        if (appId) this.navigate(appId, action.kind);
        return true;
      case 'zoom':
        if (appId) this.zoom(appId, action.step);
        return true;
      case 'close-tab':
        if (appId) void this.closeTab(appId);
        return true;
      case 'devtools': {
        if (!this.options.ctx.settings.get('shell.allowDevTools')) return false; // let the key through unhandled
        const contents = devToolsOf ?? this.options.window.webContents;
        if (!contents.isDestroyed()) contents.toggleDevTools();
        return true;
      }
      default:
        return this.options.shortcut?.(action) ?? false;
    }
  }

  /** Keys typed in a view (they never reach the shell renderer) or in the shell UI (except those its renderer handles). */
  private onKey(event: { preventDefault(): void }, input: Electron.Input, from: { tab: Tab; contents: WebContents } | 'shell'): void {
    const binding = bindingFor(input);
    if (!binding || (from === 'shell' && binding.shellUi)) return;
    const handled = from === 'shell' ? this.runShortcut(binding.action, this.activeId, this.options.window.webContents) : this.runShortcut(binding.action, from.tab.app.id, from.contents);
    if (handled) event.preventDefault();
  }

  /** Ctrl+W: the tab closes (the page is asked first, as a browser does); the last used open tab takes its place. */
  async closeTab(appId: string): Promise<void> {
    const tab = this.tabs.get(appId);
    if (!tab?.view) return;
    if (!(await this.unload(tab, true))) return;
    this.setState(tab, 'hibernated');
    if (this.activeId !== appId) return;
    const next = [...this.tabs.values()].filter((other) => other.view && other.app.id !== appId).sort((a, b) => b.lastActiveAt - a.lastActiveAt)[0];
    if (next) this.options.activate(next.app.id);
  }

  /**
   * Close a tab's page the way a browser does: its beforeunload handler is asked first. A page that
   * refuses stays, unless the person (`ask`) chooses to leave. Resolves whether the page is gone.
   */
  private unload(tab: Tab, ask: boolean): Promise<boolean> {
    const contents = tab.view?.webContents;
    if (!contents || contents.isDestroyed()) {
      this.discard(tab);
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const onDestroyed = () => {
        contents.off('will-prevent-unload', onRefused);
        if (tab.view?.webContents === contents) this.discard(tab);
        resolve(true);
      };
      const onRefused = (event: Electron.Event) => {
        if (ask && this.options.confirmLeave?.(tab.app.name)) return event.preventDefault(); // destroyed follows
        contents.off('destroyed', onDestroyed);
        contents.off('will-prevent-unload', onRefused);
        resolve(false);
      };
      contents.on('will-prevent-unload', onRefused);
      contents.once('destroyed', onDestroyed);
      contents.close({ waitForBeforeUnload: true });
    });
  }

  private createView(tab: Tab, url: string): void {
    const sessionReady = this.options.prepareSession(tab.app.partition);
    const view = createAppView(tab.app.partition);
    tab.view = view;
    const contents = view.webContents;
    const appId = tab.app.id;
    this.owners.set(contents.id, appId);
    this.guard(contents, appId);
    this.options.attachContextMenu?.(contents);
    contents.on('before-input-event', (event, input) => this.onKey(event, input, { tab, contents }));
    contents.on('page-title-updated', (_event, title) => {
      const app = this.options.ctx.catalog.find(appId)?.app;
      if (app) this.options.ctx.shell.setBadge(appId, badgeFromTitle(app.badge, title));
    });
    contents.on('did-start-loading', () => {
      tab.failedThisLoad = false;
      if (tab.state !== 'loading' && tab.failure === null) this.setState(tab, 'loading');
    });
    contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => this.onFailure(tab, errorCode, errorDescription, validatedURL, isMainFrame));
    contents.on('did-stop-loading', () => {
      if (tab.failedThisLoad) return;
      tab.failure = null;
      tab.attempt = 0;
      this.setState(tab, 'ready');
      this.applyVisibility();
    });
    contents.on('did-navigate', (_event, navigatedUrl) => {
      this.endCall(tab);
      tab.lastUrl = navigatedUrl;
      this.options.ctx.shell.tabUrls[appId] = navigatedUrl;
      if (appId === this.activeId) this.applyZoom(appId, contents);
    });
    contents.on('did-navigate-in-page', (_event, navigatedUrl, isMainFrame) => {
      if (!isMainFrame) return;
      tab.lastUrl = navigatedUrl;
      this.options.ctx.shell.tabUrls[appId] = navigatedUrl;
    });
    contents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      this.options.log.warn(`app ${appId}: renderer ${details.reason}`);
      this.onFailure(tab, -2, `renderer ${details.reason}`, tab.lastUrl, true);
    });
    contents.on('found-in-page', (_event, result) => {
      this.options.ctx.hub.emit('shell.findResult', { matches: result.matches, activeMatchOrdinal: result.activeMatchOrdinal });
    });
    // A web notification's click handler usually calls window.focus(): bring that tab forward.
    contents.on('focus', () => {
      if (this.activeId !== appId && !this.options.window.isDestroyed()) {
        this.options.activate(appId);
        this.options.window.show();
      }
    });
    // A meeting's full screen (requestFullscreen; the app needs the `fullscreen` permission):
    // the window goes full screen and this view fills it, until the page leaves it.
    contents.on('enter-html-full-screen', () => {
      this.fullScreenApp = appId;
      if (!this.options.window.isDestroyed() && !this.options.window.isFullScreen()) this.options.window.setFullScreen(true);
      this.applyVisibility();
    });
    contents.on('leave-html-full-screen', () => this.leaveFullScreen(appId));
    contents.on('media-started-playing', () => (tab.playing = true));
    contents.on('media-paused', () => (tab.playing = false));
    contents.on('devtools-opened', () => {
      if (!this.options.ctx.settings.get('shell.allowDevTools')) contents.closeDevTools();
    });
    this.options.window.contentView.addChildView(view);
    view.setVisible(false);
    const load = () => {
      if (!contents.isDestroyed()) void contents.loadURL(url).catch(() => {}); // failures arrive as did-fail-load
    };
    // The first page waits for the session's proxy: loaded before it, it would go out directly.
    if (sessionReady) void sessionReady.then(load);
    else load();
  }

  /** Navigation, redirects, subframes and pop-ups of one app's contents (its view or a sign-in pop-up). */
  guard(contents: WebContents, appId: string): void {
    const sso = () => this.options.ctx.settings.get('shell.ssoOrigins');
    const apps = () => this.options.ctx.catalog.enabledApps();
    const check = (event: { url: string; preventDefault(): void }) => {
      const verdict = decideNavigation({ apps: apps(), appId, url: event.url, ssoOrigins: sso() });
      if (verdict.kind === 'stay') return;
      event.preventDefault();
      this.carryOut(verdict, appId, event.url);
    };
    contents.on('will-navigate', (event) => check(event));
    contents.on('will-redirect', (event) => {
      if (event.isMainFrame) check(event);
      else if (!isAllowedSubframeFor(this.options.ctx, appId, event.url, sso())) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (event.isMainFrame) return; // will-navigate decides for the main frame
      if (!isAllowedSubframeFor(this.options.ctx, appId, event.url, sso())) {
        this.options.log.warn(`app ${appId}: subframe to ${event.url} blocked`);
        event.preventDefault();
      }
    });
    contents.setWindowOpenHandler(({ url, disposition, features }) => {
      const verdict = decideWindowOpen({ apps: apps(), appId, url, ssoOrigins: sso(), disposition, features });
      if (verdict.kind === 'child') {
        const partition = this.options.ctx.catalog.find(appId)?.app.partition ?? 'persist:werkplek';
        return { action: 'allow', overrideBrowserWindowOptions: { ...childWindowOptions(partition, verdict), parent: this.options.window } };
      }
      if (verdict.kind === 'navigate') void contents.loadURL(verdict.url).catch(() => {}); // failures arrive as did-fail-load
      else this.carryOut(verdict, appId, url);
      return { action: 'deny' };
    });
    contents.on('did-create-window', (child) => {
      this.owners.set(child.webContents.id, appId);
      this.guard(child.webContents, appId);
      this.options.attachContextMenu?.(child.webContents);
    });
  }

  private carryOut(verdict: NavigationVerdict, appId: string, url: string): void {
    if (verdict.kind === 'switch') this.options.activate(verdict.appId, verdict.url);
    else if (verdict.kind === 'external') this.options.openExternal(verdict.url);
    else if (verdict.kind === 'refuse') this.options.log.warn(`app ${appId}: ${url.slice(0, 200)} refused (${verdict.reason})`);
  }

  private onFailure(tab: Tab, errorCode: number, errorDescription: string, url: string, isMainFrame: boolean): void {
    const kind = classifyLoadFailure(errorCode, isMainFrame);
    if (kind === 'ignore') return;
    tab.failedThisLoad = true;
    tab.failure = kind;
    if (url && !url.startsWith('chrome-error:')) tab.lastUrl = url;
    const delay = retryDelaySeconds(kind, tab.attempt);
    if (tab.retryTimer) clearTimeout(tab.retryTimer);
    tab.retryTimer = null;
    const retryAt = delay === null ? null : Date.now() + delay * 1000;
    if (delay !== null) {
      tab.retryTimer = setTimeout(() => {
        tab.attempt++;
        this.reload(tab);
      }, delay * 1000);
    }
    this.setState(tab, kind, { errorCode, errorText: errorDescription, retryAt });
    this.applyVisibility();
  }

  private reload(tab: Tab): void {
    if (tab.retryTimer) clearTimeout(tab.retryTimer);
    tab.retryTimer = null;
    if (!tab.view) {
      if (this.activeId === tab.app.id) this.createView(tab, tab.lastUrl);
      return;
    }
    void tab.view.webContents.loadURL(tab.lastUrl).catch(() => {});
  }

  private setState(tab: Tab, state: LoadState['state'], extra: Partial<Pick<LoadState, 'errorCode' | 'errorText' | 'retryAt'>> = {}): void {
    tab.state = state;
    this.options.ctx.shell.setLoadState({ appId: tab.app.id, state, errorCode: extra.errorCode ?? null, errorText: extra.errorText ?? null, retryAt: extra.retryAt ?? null, url: tab.lastUrl });
  }

  private applyVisibility(): void {
    if (this.options.window.isDestroyed()) return; // quitting: a late load event from a tab
    const zoom = this.options.window.webContents.getZoomFactor();
    const laidOut = { x: Math.round(this.rect.x * zoom), y: Math.round(this.rect.y * zoom), width: Math.round(this.rect.width * zoom), height: Math.round(this.rect.height * zoom) };
    const content = this.options.window.getContentBounds();
    for (const [appId, tab] of this.tabs) {
      if (!tab.view) continue;
      const bounds = appId === this.fullScreenApp ? { x: 0, y: 0, width: content.width, height: content.height } : laidOut;
      const visible = appId === this.activeId && !this.panelOpen && tab.failure === null && bounds.width > 0 && bounds.height > 0;
      if (visible) tab.view.setBounds(bounds);
      tab.view.setVisible(visible);
    }
  }

  private leaveFullScreen(appId: string): void {
    if (this.fullScreenApp !== appId) return;
    this.fullScreenApp = null;
    if (!this.options.window.isDestroyed() && this.options.window.isFullScreen()) this.options.window.setFullScreen(false);
    this.applyVisibility();
  }

  /**
   * Camera, microphone or a screen was granted to a tab's page: it is in a call. The call keeps
   * running when the person switches tabs (no background throttling, the page stays "visible"
   * to itself) and the tab is never hibernated, until its page navigates away or closes.
   */
  noteCall(contents: WebContents): void {
    const tab = [...this.tabs.values()].find((candidate) => candidate.view?.webContents === contents);
    if (!tab || tab.inCall || contents.isDestroyed()) return;
    tab.inCall = true;
    contents.setBackgroundThrottling(false);
  }

  /** A permission was granted to a tab's page (notifications keep it from hibernating). */
  noteGranted(contents: WebContents, permission: string): void {
    if (permission !== 'notifications') return;
    const tab = [...this.tabs.values()].find((candidate) => candidate.view?.webContents === contents);
    if (tab) tab.notifies = true;
  }

  private endCall(tab: Tab): void {
    if (!tab.inCall) return;
    tab.inCall = false;
    const contents = tab.view?.webContents;
    if (contents && !contents.isDestroyed()) contents.setBackgroundThrottling(true);
  }

  private discard(tab: Tab): void {
    if (tab.retryTimer) clearTimeout(tab.retryTimer);
    tab.retryTimer = null;
    const view = tab.view;
    if (!view) return;
    tab.view = null;
    tab.inCall = false;
    tab.playing = false;
    tab.notifies = false;
    if (this.fullScreenApp === tab.app.id) this.leaveFullScreen(tab.app.id);
    delete this.options.ctx.shell.tabUrls[tab.app.id];
    this.owners.delete(view.webContents.id);
    if (!this.options.window.isDestroyed()) this.options.window.contentView.removeChildView(view);
    if (!view.webContents.isDestroyed()) view.webContents.close();
  }

  /** What hibernation needs to know about a tab now (core/shell/hibernation.ts decides). */
  private activityOf(tab: Tab): TabActivity {
    const contents = tab.view?.webContents;
    const live = contents && !contents.isDestroyed() ? contents : null;
    return {
      appId: tab.app.id,
      lastActiveAt: tab.lastActiveAt,
      active: tab.app.id === this.activeId,
      hibernated: tab.view === null || tab.unloading,
      busy: tab.inCall || tab.playing || (live?.isCurrentlyAudible() ?? false),
      badge: (this.options.ctx.shell.badges[tab.app.id] ?? 0) > 0,
      notifications: tab.notifies,
      optOut: tab.app.hibernate === false,
    };
  }

  private scheduleHibernation(): void {
    if (this.hibernateTimer) clearTimeout(this.hibernateTimer);
    this.hibernateTimer = null;
    const minutes = this.options.ctx.settings.get('shell.hibernateAfterMinutes');
    for (const appId of tabsToHibernate([...this.tabs.values()].map((tab) => this.activityOf(tab)), Date.now(), minutes)) {
      const tab = this.tabs.get(appId);
      if (tab) void this.hibernate(tab);
    }
    const next = nextHibernationCheck([...this.tabs.values()].map((tab) => this.activityOf(tab)), Date.now(), minutes);
    if (next !== null) {
      this.hibernateTimer = setTimeout(() => this.scheduleHibernation(), next - Date.now());
      this.hibernateTimer.unref?.();
    }
  }

  /** Discard an idle tab, asking its page first: a page with unsaved work (beforeunload) stays. */
  private async hibernate(tab: Tab): Promise<void> {
    tab.unloading = true;
    const gone = await this.unload(tab, false);
    tab.unloading = false;
    if (!gone) tab.lastActiveAt = Date.now(); // try again after another idle period
    else if (this.activeId === tab.app.id) {
      // Clicked while its page was being asked: it is wanted after all, load it again.
      this.createView(tab, tab.lastUrl);
      this.applyVisibility();
    } else this.setState(tab, 'hibernated');
  }


  close(): void {
    if (this.hibernateTimer) clearTimeout(this.hibernateTimer);
    for (const tab of this.tabs.values()) this.discard(tab);
    this.tabs.clear();
  }
}

function isAllowedSubframeFor(ctx: CoreContext, appId: string, url: string, sso: readonly string[]): boolean {
  const app = ctx.catalog.find(appId)?.app;
  return app ? isAllowedSubframe(app, url, sso) : false;
}
