// Hibernation may not cost the person anything: an idle tab is kept while it shows a badge, holds
// the notification permission, plays media or is in a call, or when the policy opts its app out;
// a page with unsaved work (beforeunload) is asked and stays.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);

const { TabViews } = await import('../../../electron/main/tab-views.ts');
const { guardSession } = await import('../../../electron/main/app-sessions.ts');
const { DoubleBrowserWindow, DoubleSession, recorded } = await import('./electron-double.ts');

afterEach(() => vi.useRealTimers());

const ids = ['home', 'mail', 'agenda', 'radio', 'phone', 'form', 'wiki'] as const;

describe('hibernation rules', () => {
  it('after the idle time only the tab that loses nothing is discarded', async () => {
    vi.useFakeTimers();
    const core = await createTestCore({
      policy: {
        apps: ids.map((id) => ({ id, name: id, url: `https://${id}.example.org/`, ...(id === 'phone' ? { hibernate: false } : {}) })),
        locked: { 'shell.hibernateAfterMinutes': 1 },
      },
    });
    const window = new DoubleBrowserWindow({});
    const tabs = new TabViews({ window: window as never, ctx: core.ctx, prepareSession: () => {}, activate: () => {}, openExternal: () => {}, log: core.ctx.log });
    const ses = new DoubleSession();
    guardSession(ses as never, core.ctx, { appFor: (c) => tabs.appFor(c), appIdFor: (c) => tabs.appIdFor(c), noteGranted: (c, p) => tabs.noteGranted?.(c, p), noteCall: (c) => tabs.noteCall?.(c) }, () => false);
    const view: Record<string, InstanceType<typeof DoubleBrowserWindow>['children'][number]> = {};
    for (const id of ids) {
      tabs.show(id);
      view[id] = recorded.views.at(-1)!;
    }
    view.mail!.webContents.emit('page-title-updated', {}, '(3) Inbox', true); // a badge
    expect(ses.checkHandler!(view.agenda!.webContents, 'notifications', 'https://agenda.example.org', { isMainFrame: true })).toBe(true); // holds notifications
    view.radio!.webContents.emit('media-started-playing'); // plays media
    view.form!.webContents.refusesUnload = true; // unsaved work
    tabs.show('home');
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    const discarded = ids.filter((id) => view[id]!.webContents.isDestroyed());
    expect(discarded).toEqual(['wiki']);
    expect(core.ctx.shell.loadStates.wiki?.state).toBe('hibernated');
    expect(core.ctx.shell.loadStates.form?.state).not.toBe('hibernated');
    // What kept them can pass: the badge is read, the music stops, the form is saved.
    view.mail!.webContents.emit('page-title-updated', {}, 'Inbox', true);
    view.radio!.webContents.emit('media-paused');
    view.form!.webContents.refusesUnload = false;
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(ids.filter((id) => view[id]!.webContents.isDestroyed())).toEqual(['mail', 'radio', 'form', 'wiki']);
  });
});
