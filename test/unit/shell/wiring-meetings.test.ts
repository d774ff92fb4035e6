// Meetings in a hosted app: screen sharing through Werkplek's picker (or the Wayland portal), only
// for apps allowed `display-capture`; the meeting's full screen; a call that keeps running when
// the person switches tabs and is never hibernated.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);

const { TabViews } = await import('../../../electron/main/tab-views.ts');
const { guardSession } = await import('../../../electron/main/app-sessions.ts');
const { handleScreenShare } = await import('../../../electron/main/screen-share.ts');
const { mainTexts } = await import('../../../electron/core/shell/main-texts.ts');
const { DoubleBrowserWindow, DoubleSession, DoubleWebContents, recorded, settle } = await import('./electron-double.ts');

afterEach(() => {
  vi.useRealTimers();
  delete process.env.XDG_SESSION_TYPE;
});

async function setup(hibernateAfterMinutes = 0) {
  const core = await createTestCore({
    policy: {
      apps: [
        { id: 'meet', name: 'Meet', url: 'https://meet.example.org/', permissions: ['media', 'display-capture', 'fullscreen'] },
        { id: 'mail', name: 'Mail', url: 'https://mail.example.org/' },
      ],
      locked: { 'shell.hibernateAfterMinutes': hibernateAfterMinutes },
    },
  });
  const window = new DoubleBrowserWindow({});
  const activated: string[] = [];
  const tabs = new TabViews({ window: window as never, ctx: core.ctx, prepareSession: () => {}, activate: (appId) => activated.push(appId), openExternal: () => {}, log: core.ctx.log });
  const owners = { appFor: (contents: unknown) => tabs.appFor(contents as never), appIdFor: (contents: unknown) => tabs.appIdFor(contents as never), noteCall: (contents: unknown) => tabs.noteCall(contents as never) };
  const ses = new DoubleSession();
  guardSession(ses as never, core.ctx, owners as never, () => false);
  handleScreenShare(ses as never, core.ctx, owners as never, (frame) => (DoubleWebContents.fromFrame(frame) ?? null) as never, { window: () => window as never, texts: () => mainTexts('en', 'en'), onShare: (contents) => tabs.noteCall(contents) });
  tabs.layout({ x: 200, y: 40, width: 800, height: 600 });
  const open = (appId: string) => {
    tabs.show(appId);
    const view = recorded.views.at(-1)!;
    view.webContents.emit('did-stop-loading');
    return view;
  };
  const share = (contents: InstanceType<typeof DoubleWebContents>) =>
    new Promise<unknown>((resolve) => ses.displayMediaHandler!({ frame: contents.mainFrame, securityOrigin: new URL(contents.getURL()).origin, videoRequested: true, audioRequested: false, userGesture: true }, resolve));
  return { core, window, tabs, ses, open, share, activated };
}

recorded.captureSources = [
  { id: 'screen:0:0', name: 'Screen 1' },
  { id: 'window:42:0', name: 'Agenda — Mail' },
];

describe('screen sharing', () => {
  it('a meeting app gets Werkplek’s picker with screens and windows; the chosen one is shared', async () => {
    const { open, share, window } = await setup();
    const meet = open('meet');
    const answer = share(meet.webContents);
    await settle();
    const picker = recorded.windows.at(-1)!;
    expect(picker).not.toBe(window);
    expect(picker.options).toMatchObject({ parent: window, modal: true, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'werkplek-picker' } });
    expect((picker.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    const page = decodeURIComponent(picker.webContents.loaded[0]!.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(page).toContain('Meet wants to see your screen');
    expect(page).toContain('<span>Screen 1</span>');
    expect(page).toContain('<span>Agenda — Mail</span>');
    expect(page).toContain(`<img src="data:image/png;base64,${Buffer.from('window:42:0').toString('base64')}"`);
    picker.webContents.emit('did-navigate-in-page', {}, `${picker.webContents.loaded[0]}#source-1`, true);
    expect(await answer).toEqual({ video: { id: 'window:42:0', name: 'Agenda — Mail' } });
    expect(picker.isDestroyed()).toBe(true);
  });

  it('Escape or closing the picker shares nothing', async () => {
    const { open, share } = await setup();
    const meet = open('meet');
    const first = share(meet.webContents);
    await settle();
    recorded.windows.at(-1)!.webContents.pressKey('Escape');
    expect(await first).toBeNull();
    const second = share(meet.webContents);
    await settle();
    recorded.windows.at(-1)!.close();
    expect(await second).toBeNull();
  });

  it('an app without display-capture, or another origin, gets no picker and nothing', async () => {
    const { open, share, ses, core } = await setup();
    const windows = recorded.windows.length;
    const mail = open('mail');
    expect(await share(mail.webContents)).toBeNull();
    const meet = open('meet');
    const foreign = await new Promise((resolve) => ses.displayMediaHandler!({ frame: meet.webContents.mainFrame, securityOrigin: 'https://evil.example.com', videoRequested: true, audioRequested: false, userGesture: true }, resolve));
    expect(foreign).toBeNull();
    expect(recorded.windows).toHaveLength(windows);
    const notes = await core.handlers['shell.permissionNotes']({});
    expect(notes.filter((note) => note.permission === 'display-capture').map((note) => [note.appId, note.allowed])).toEqual([
      ['meet', false],
      ['mail', false],
    ]);
  });

  it('on Wayland the desktop portal has asked already: its one source is shared without Werkplek’s picker', async () => {
    process.env.XDG_SESSION_TYPE = 'wayland';
    const { open, share } = await setup();
    const windows = recorded.windows.length;
    const meet = open('meet');
    expect(await share(meet.webContents)).toEqual({ video: { id: 'screen:0:0', name: 'Screen 1' } });
    expect(recorded.windows).toHaveLength(windows);
  });
});

describe('the meeting itself', () => {
  it('full screen from the page fills the window with the meeting, and leaving restores the layout', async () => {
    const { open, window } = await setup();
    window.setBounds({ width: 1400, height: 900 });
    const meet = open('meet');
    meet.webContents.emit('enter-html-full-screen');
    expect(window.isFullScreen()).toBe(true);
    expect(meet.bounds).toEqual({ x: 0, y: 0, width: 1400, height: 900 });
    meet.webContents.emit('leave-html-full-screen');
    expect(window.isFullScreen()).toBe(false);
    expect(meet.bounds).toEqual({ x: 200, y: 40, width: 800, height: 600 });
  });

  it('a call keeps running when the person switches tabs, and is never hibernated', async () => {
    vi.useFakeTimers();
    const { open, ses, tabs } = await setup(1);
    const meet = open('meet');
    const granted = await new Promise((resolve) => ses.requestHandler!(meet.webContents, 'media', resolve, { requestingUrl: 'https://meet.example.org/room', isMainFrame: true, mediaTypes: ['audio', 'video'] }));
    expect(granted).toBe(true);
    open('mail');
    expect(meet.visible).toBe(false);
    expect(meet.webContents.backgroundThrottling).toBe(false); // timers, video and "visible" state go on
    vi.advanceTimersByTime(5 * 60_000);
    expect(meet.webContents.isDestroyed()).toBe(false);
    // Leaving the meeting (the page navigates away) ends the call: throttling and hibernation apply again.
    meet.webContents.emit('did-navigate', {}, 'https://meet.example.org/');
    expect(meet.webContents.backgroundThrottling).toBe(true);
    tabs.show('mail');
    vi.advanceTimersByTime(2 * 60_000);
    expect(meet.webContents.isDestroyed()).toBe(true);
  });
});
