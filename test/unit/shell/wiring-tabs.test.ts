// The tab views' wiring: navigation guards carry out the core verdicts, pop-ups, load failures
// become the offline page with automatic retry, keys typed in a view reach the shell, and no
// <webview> can attach anywhere.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { createTestCore } from '../../fixtures/test-core.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);

const { TabViews } = await import('../../../electron/main/tab-views.ts');
const { hardenAllWebContents } = await import('../../../electron/main/web-contents-guard.ts');
const { DoubleBrowserWindow, DoubleSession, DoubleWebContents, recorded, settle } = await import('./electron-double.ts');

afterEach(() => vi.useRealTimers());

async function setup(hibernateAfterMinutes = 0, extra: Partial<ConstructorParameters<typeof TabViews>[0]> = {}) {
  const core = await createTestCore({
    policy: {
      apps: [
        { id: 'chat', name: 'Chat', url: 'https://chat.example.org/' },
        { id: 'files', name: 'Files', url: 'https://cloud.example.org/apps/files/' },
        { id: 'calendar', name: 'Calendar', url: 'https://cloud.example.org/apps/calendar/' },
      ],
      locked: { 'shell.ssoOrigins': ['https://login.example.org'], 'shell.hibernateAfterMinutes': hibernateAfterMinutes },
    },
  });
  const window = new DoubleBrowserWindow({});
  const activated: Array<[string, string | undefined]> = [];
  const external: string[] = [];
  const prepared: string[] = [];
  const tabs = new TabViews({
    window: window as never,
    ctx: core.ctx,
    prepareSession: (partition) => void prepared.push(partition),
    activate: (appId, url) => activated.push([appId, url]),
    openExternal: (url) => external.push(url),
    log: core.ctx.log,
    ...extra,
  });
  const navigate = (contents: InstanceType<typeof DoubleWebContents>, event: string, url: string, extra: Record<string, unknown> = {}) => {
    const preventDefault = vi.fn();
    contents.emit(event, { url, preventDefault, isMainFrame: true, ...extra });
    return preventDefault.mock.calls.length > 0;
  };
  return { core, window, tabs, activated, external, prepared, navigate };
}

describe('tab views', () => {
  it('creates a view on first use, in the app partition, laid out at the reported rectangle', async () => {
    const { tabs, window, prepared } = await setup();
    tabs.layout({ x: 208, y: 34, width: 800, height: 600 });
    tabs.show('chat');
    const view = recorded.views.at(-1)!;
    expect(prepared).toEqual(['persist:werkplek']);
    expect(window.children).toContain(view);
    expect(view.webContents.loaded).toEqual(['https://chat.example.org/']);
    view.webContents.emit('did-stop-loading');
    expect(view.visible).toBe(true);
    expect(view.bounds).toEqual({ x: 208, y: 34, width: 800, height: 600 });
    tabs.setPanelOpen(true);
    expect(view.visible).toBe(false);
    expect(tabs.appIdFor(view.webContents as never)).toBe('chat');
  });

  it('navigation: stays, switches tabs, opens outside, refuses — for links and redirects', async () => {
    const { tabs, activated, external, navigate } = await setup();
    tabs.show('chat');
    const contents = recorded.views.at(-1)!.webContents;
    expect(navigate(contents, 'will-navigate', 'https://chat.example.org/#/room')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'https://login.example.org/auth')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'https://cloud.example.org/apps/files/?dir=/x')).toBe(true);
    expect(activated).toEqual([['files', 'https://cloud.example.org/apps/files/?dir=/x']]);
    expect(navigate(contents, 'will-navigate', 'https://chat.example.org.evil.com/')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'https://www.example.com/')).toBe(true);
    expect(external).toEqual(['https://chat.example.org.evil.com/', 'https://www.example.com/']);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(external).toHaveLength(2);
    expect(navigate(contents, 'will-frame-navigate', 'https://ads.example.com/', { isMainFrame: false })).toBe(true);
    expect(navigate(contents, 'will-frame-navigate', 'about:blank', { isMainFrame: false })).toBe(false);
  });

  it('window.open: sign-in pop-ups become child windows on the app partition, the rest is denied', async () => {
    const { tabs, window, activated, external } = await setup();
    tabs.show('chat');
    const contents = recorded.views.at(-1)!.webContents;
    const open = (url: string) => contents.windowOpenHandler!({ url }) as { action: string; overrideBrowserWindowOptions?: { parent: unknown; webPreferences: Record<string, unknown> } };
    const popup = open('https://login.example.org/authorize');
    expect(popup.action).toBe('allow');
    expect(popup.overrideBrowserWindowOptions?.parent).toBe(window);
    expect(popup.overrideBrowserWindowOptions?.webPreferences).toMatchObject({ partition: 'persist:werkplek', sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(popup.overrideBrowserWindowOptions?.webPreferences.preload).toBeUndefined();
    expect(open('https://www.example.com/').action).toBe('deny');
    expect(open('https://cloud.example.org/apps/files/').action).toBe('deny');
    expect(open('smb://server/share').action).toBe('deny');
    // target=_blank to its own pages: the tab goes there, no 520×680 window.
    expect((contents.windowOpenHandler!({ url: 'https://chat.example.org/#/room/2', disposition: 'foreground-tab', features: '' }) as { action: string }).action).toBe('deny');
    expect(contents.loaded.at(-1)).toBe('https://chat.example.org/#/room/2');
    const printWindow = contents.windowOpenHandler!({ url: 'https://chat.example.org/print', disposition: 'new-window', features: 'width=900,height=700' }) as { action: string; overrideBrowserWindowOptions?: { width: number; height: number } };
    expect(printWindow).toMatchObject({ action: 'allow', overrideBrowserWindowOptions: { width: 900, height: 700 } });
    expect(external).toEqual(['https://www.example.com/']);
    expect(activated).toEqual([['files', 'https://cloud.example.org/apps/files/']]);
    // The pop-up's own contents get the same guards and count as the app's.
    const child = { webContents: new DoubleWebContents() };
    contents.emit('did-create-window', child);
    expect(tabs.appIdFor(child.webContents as never)).toBe('chat');
    expect((child.webContents.windowOpenHandler!({ url: 'file:///x' }) as { action: string }).action).toBe('deny');
  });

  it('an offline load hides the view, reports the offline state and retries by itself', async () => {
    vi.useFakeTimers();
    const { tabs, core } = await setup();
    const states: string[] = [];
    core.hub.subscribe((name, payload) => name === 'shell.load' && states.push((payload as { state: string }).state));
    tabs.layout({ x: 0, y: 0, width: 100, height: 100 });
    tabs.show('chat');
    const view = recorded.views.at(-1)!;
    view.webContents.emit('did-start-loading');
    view.webContents.emit('did-fail-load', {}, -106, 'ERR_INTERNET_DISCONNECTED', 'https://chat.example.org/', true);
    view.webContents.emit('did-stop-loading');
    expect(view.visible).toBe(false);
    expect(core.ctx.shell.loadStates.chat).toMatchObject({ state: 'offline', errorCode: -106 });
    expect(core.ctx.shell.loadStates.chat?.retryAt).toBeGreaterThan(Date.now());
    vi.advanceTimersByTime(2_000);
    expect(view.webContents.loaded).toEqual(['https://chat.example.org/', 'https://chat.example.org/']);
    view.webContents.emit('did-start-loading');
    view.webContents.emit('did-stop-loading');
    expect(view.visible).toBe(true);
    expect(states).toEqual(['loading', 'offline', 'ready']);
  });

  it('a crashed page (render-process-gone) gets the offline page, and Reload brings it back', async () => {
    const { tabs, core } = await setup();
    tabs.layout({ x: 0, y: 0, width: 100, height: 100 });
    tabs.show('chat');
    const view = recorded.views.at(-1)!;
    view.webContents.emit('did-stop-loading');
    expect(view.visible).toBe(true);
    view.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 9 });
    expect(view.visible).toBe(false);
    expect(core.ctx.shell.loadStates.chat).toMatchObject({ state: 'error', errorText: 'renderer oom' });
    tabs.retry('chat');
    expect(view.webContents.loaded).toEqual(['https://chat.example.org/', 'https://chat.example.org/']);
    view.webContents.emit('did-start-loading');
    view.webContents.emit('did-stop-loading');
    expect(view.visible).toBe(true);
    expect(core.ctx.shell.loadStates.chat?.state).toBe('ready');
  });

  it('certificate errors: no retry and no way around, the view stays hidden', async () => {
    vi.useFakeTimers();
    const { tabs, core } = await setup();
    tabs.show('chat');
    const view = recorded.views.at(-1)!;
    view.webContents.emit('did-fail-load', {}, -202, 'ERR_CERT_AUTHORITY_INVALID', 'https://chat.example.org/', true);
    vi.advanceTimersByTime(120_000);
    expect(view.webContents.loaded).toHaveLength(1);
    expect(core.ctx.shell.loadStates.chat).toMatchObject({ state: 'certificate', retryAt: null });
    expect(view.visible).toBe(false);
  });

  it('keys typed inside a view: Ctrl+2 switches app, Ctrl+F opens find, Ctrl+C passes through', async () => {
    const { tabs, activated, core } = await setup();
    tabs.show('chat');
    const contents = recorded.views.at(-1)!.webContents;
    const finds: unknown[] = [];
    core.hub.subscribe((name, payload) => name === 'shell.findOpen' && finds.push(payload));
    const press = (key: string, control = true) => {
      const preventDefault = vi.fn();
      contents.emit('before-input-event', { preventDefault }, { type: 'keyDown', key, control, shift: false, alt: false, meta: false });
      return preventDefault.mock.calls.length > 0;
    };
    expect(press('2')).toBe(true);
    expect(activated).toEqual([['files', undefined]]);
    expect(press('f')).toBe(true);
    expect(finds).toEqual([{ appId: 'chat' }]);
    expect(press('c')).toBe(false);
    expect(press('F12', false)).toBe(false); // developer tools are off by default: the key is not taken
  });

  it('find: typing starts a new search, next and previous step through the matches (Electron’s findNext rule)', async () => {
    const { tabs, core } = await setup();
    tabs.show('chat');
    const contents = recorded.views.at(-1)!.webContents;
    contents.pageText = 'meeting at ten; meeting at two; meeting at four';
    const ordinals: number[] = [];
    core.hub.subscribe((name, payload) => name === 'shell.findResult' && ordinals.push((payload as { activeMatchOrdinal: number }).activeMatchOrdinal));
    // As the find bar calls it: typing (step false), then Enter, Enter, Shift+Enter (step true).
    tabs.find('meet', true, false);
    tabs.find('meeting', true, false);
    tabs.find('meeting', true, true);
    tabs.find('meeting', true, true);
    tabs.find('meeting', false, true);
    await settle();
    expect(ordinals).toEqual([1, 1, 2, 3, 2]);
    tabs.find('', true, false); // emptied: the highlight goes
    tabs.find('meeting', true, true); // a new session after that
    await settle();
    expect(ordinals.at(-1)).toBe(1);
  });

  it('find: Ctrl+F in a view hands the keyboard focus to the shell’s find field, and closing the bar (× or Escape) gives it back', async () => {
    const { tabs, window } = await setup();
    tabs.show('chat');
    const contents = recorded.views.at(-1)!.webContents;
    expect(contents.isFocused()).toBe(true);
    contents.emit('before-input-event', { preventDefault: vi.fn() }, { type: 'keyDown', key: 'f', control: true, shift: false, alt: false, meta: false });
    expect(window.webContents.isFocused()).toBe(true);
    // Typing away the text keeps the focus in the find field…
    tabs.stopFind(false);
    expect(window.webContents.isFocused()).toBe(true);
    // …closing the bar, by its × with the mouse as by Escape, gives the app the keyboard again.
    tabs.stopFind(true);
    expect(contents.isFocused()).toBe(true);
  });

  it('Ctrl+W closes the tab after asking a page with unsaved changes; the last used tab takes its place', async () => {
    const answers: boolean[] = [false, true];
    const asked: string[] = [];
    const { tabs, activated, core } = await setup(0, { confirmLeave: (name) => (asked.push(name), answers.shift()!) });
    tabs.show('files');
    tabs.show('chat');
    const chat = recorded.views.at(-1)!.webContents;
    chat.refusesUnload = true;
    const press = () => chat.pressKey('w', { control: true });
    expect(press()).toBe('main');
    await settle();
    expect(asked).toEqual(['Chat']);
    expect(chat.isDestroyed()).toBe(false); // "Stay"
    expect(press()).toBe('main');
    await settle();
    expect(chat.isDestroyed()).toBe(true); // "Leave"
    expect(core.ctx.shell.loadStates.chat?.state).toBe('hibernated');
    expect(activated.at(-1)).toEqual(['files', undefined]);
  });

  it('downloads asked for through the bridge go through the app’s own view', async () => {
    const { tabs } = await setup();
    expect(() => tabs.download('chat', 'https://chat.example.org/file')).toThrow(/open the app first/);
    tabs.show('chat');
    tabs.download('chat', 'https://chat.example.org/file');
    expect(recorded.views.at(-1)!.webContents.downloads).toEqual(['https://chat.example.org/file']);
  });

  it('the core knows which URL each open tab shows (e.g. the chat room on screen)', async () => {
    const { tabs, core } = await setup();
    tabs.show('chat');
    const contents = recorded.views.at(-1)!.webContents;
    contents.emit('did-navigate', {}, 'https://chat.example.org/');
    contents.emit('did-navigate-in-page', {}, 'https://chat.example.org/#/room/!a:x', true);
    contents.emit('did-navigate-in-page', {}, 'https://chat.example.org/embedded', false);
    expect(core.ctx.shell.tabUrls).toEqual({ chat: 'https://chat.example.org/#/room/!a:x' });
  });

  it('an idle tab is discarded after the hibernation time and restored, where it was, on the next click', async () => {
    vi.useFakeTimers();
    const { tabs, window, core } = await setup(1);
    tabs.show('chat');
    const chat = recorded.views.at(-1)!;
    chat.webContents.emit('did-navigate', {}, 'https://chat.example.org/#/room/!a');
    tabs.show('files');
    vi.advanceTimersByTime(30_000);
    expect(chat.webContents.isDestroyed()).toBe(false);
    await vi.advanceTimersByTimeAsync(45_000); // the page is asked first (beforeunload), then closed
    expect(chat.webContents.isDestroyed()).toBe(true);
    expect(window.children).not.toContain(chat);
    expect(core.ctx.shell.loadStates.chat?.state).toBe('hibernated');
    expect(recorded.views.at(-1)!.webContents.isDestroyed()).toBe(false); // the shown tab stays
    tabs.show('chat');
    expect(recorded.views.at(-1)!.webContents.loaded).toEqual(['https://chat.example.org/#/room/!a']);
  });

  it('zoom is per app and remembered across navigations and restarts (in settings)', async () => {
    const { tabs, core } = await setup();
    tabs.show('chat');
    const contents = recorded.views.at(-1)!.webContents;
    expect(tabs.zoom('chat', 1)).toBe(1);
    expect(tabs.zoom('chat', 1)).toBe(2);
    expect(core.ctx.settings.get('shell.zoomLevels')).toEqual({ chat: 2 });
    contents.setZoomLevel(0); // a new page starts at Chromium's default…
    contents.emit('did-navigate', {}, 'https://chat.example.org/next');
    expect(contents.getZoomLevel()).toBe(2); // …and gets the app's level back
    expect(tabs.zoom('chat', 0)).toBe(0);
  });

  it('the first page of a session waits until its proxy is set', async () => {
    const { sessionPreparer } = await import('../../../electron/main/app-sessions.ts');
    const { core } = await setup();
    const preparer = sessionPreparer(core.ctx, { appFor: () => null, appIdFor: () => null }, () => false);
    const ses = recorded.sessions.get('persist:werkplek') ?? new DoubleSession();
    recorded.sessions.set('persist:werkplek', ses);
    let setProxy!: () => void;
    ses.proxyGate = new Promise<void>((resolve) => (setProxy = resolve));
    const window = new DoubleBrowserWindow({});
    const tabs = new TabViews({ window: window as never, ctx: core.ctx, prepareSession: (partition) => preparer.ready(partition), activate: () => {}, openExternal: () => {}, log: core.ctx.log });
    tabs.show('chat');
    const contents = recorded.views.at(-1)!.webContents;
    await settle();
    expect(contents.loaded).toEqual([]);
    setProxy();
    await vi.waitFor(() => expect(contents.loaded).toEqual(['https://chat.example.org/']));
    expect(ses.proxy).toEqual({ mode: 'system' });
    ses.proxyGate = null;
  });

  it('zoom stays per app when two apps share a host (Chromium zooms per host)', async () => {
    const { tabs } = await setup();
    tabs.show('files');
    const files = recorded.views.at(-1)!.webContents;
    tabs.show('calendar');
    const calendar = recorded.views.at(-1)!.webContents;
    expect(tabs.zoom('calendar', 1)).toBe(1);
    expect(tabs.zoom('calendar', 1)).toBe(2);
    tabs.show('files');
    expect(files.getZoomLevel()).toBe(0);
    tabs.show('calendar');
    expect(calendar.getZoomLevel()).toBe(2);
  });

  it('page titles become badges', async () => {
    const { tabs, core } = await setup();
    tabs.show('chat');
    recorded.views.at(-1)!.webContents.emit('page-title-updated', {}, '(7) Chat', true);
    expect(await core.handlers['shell.badges']({})).toEqual({ chat: 7 });
  });
});

describe('every web contents', () => {
  it('refuses <webview> and denies window.open until something more specific is set', () => {
    const app = new EventEmitter();
    hardenAllWebContents(app as never);
    const contents = new DoubleWebContents();
    app.emit('web-contents-created', {}, contents);
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });
});

describe('certificate errors are never overridden (scenario 48)', () => {
  it('no certificate-error handler, verify proc or bypass switch anywhere in the main process', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (full.endsWith('.ts')) files.push(full);
      }
    };
    walk(join(import.meta.dirname, '../../../electron/main'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
      expect(text, file).not.toMatch(/'certificate-error'|setCertificateVerifyProc|ignore-certificate-errors|no-sandbox|disable-web-security/);
    }
  });
});
