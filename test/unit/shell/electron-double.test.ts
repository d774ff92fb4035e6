// The Electron double itself: its objects behave as Electron 45 documents, so the wiring tests
// fail where Electron would.
import { describe, expect, it } from 'vitest';
import { app, DoubleBrowserWindow, DoubleWebContents, recorded, settle, type FindResult } from './electron-double.ts';

describe('the Electron double', () => {
  app.on('window-all-closed', () => {}); // as main does: closing the test windows does not quit

  it('a closed window and its webContents throw "Object has been destroyed"; its views’ contents live on', () => {
    const window = new DoubleBrowserWindow({ show: false });
    const view = new (class extends DoubleWebContents {})();
    expect(window.close()).toBe(true);
    expect(window.isDestroyed()).toBe(true);
    expect(() => window.show()).toThrow('Object has been destroyed');
    expect(() => window.contentView.removeChildView(view as never)).toThrow('Object has been destroyed');
    expect(() => window.webContents.send('x', 1)).toThrow('Object has been destroyed');
    expect(view.isDestroyed()).toBe(false);
  });

  it('maximize() shows a hidden window without focusing it', () => {
    const window = new DoubleBrowserWindow({ show: false });
    expect(window.isVisible()).toBe(false);
    window.maximize();
    expect(window.isVisible()).toBe(true);
    expect(window.isFocused()).toBe(false);
  });

  it('findInPage: findNext true begins a new session (first match again), false steps through', async () => {
    const contents = new DoubleWebContents();
    contents.pageText = 'one two one three one';
    const results: FindResult[] = [];
    contents.on('found-in-page', (_event, result: FindResult) => results.push(result));
    contents.findInPage('one', { findNext: true });
    contents.findInPage('one', { findNext: true });
    contents.findInPage('one', { findNext: false });
    contents.findInPage('one', { findNext: false });
    contents.findInPage('one', { findNext: false });
    contents.findInPage('one', { forward: false, findNext: false });
    await settle();
    expect(results.map((result) => result.activeMatchOrdinal)).toEqual([1, 1, 2, 3, 1, 3]);
    expect(results.every((result) => result.matches === 3)).toBe(true);
  });

  it('focus moves between webContents with blur and focus events', () => {
    const a = new DoubleWebContents();
    const b = new DoubleWebContents();
    const events: string[] = [];
    a.on('focus', () => events.push('a focus')).on('blur', () => events.push('a blur'));
    b.on('focus', () => events.push('b focus'));
    a.focus();
    b.focus();
    expect(events).toEqual(['a focus', 'a blur', 'b focus']);
    expect(a.isFocused()).toBe(false);
    expect(b.isFocused()).toBe(true);
  });

  it('close({ waitForBeforeUnload }) lets a refusing page stay unless will-prevent-unload is prevented', () => {
    const contents = new DoubleWebContents();
    contents.refusesUnload = true;
    contents.close({ waitForBeforeUnload: true });
    expect(contents.isDestroyed()).toBe(false);
    contents.once('will-prevent-unload', (event: { preventDefault(): void }) => event.preventDefault());
    contents.close({ waitForBeforeUnload: true });
    expect(contents.isDestroyed()).toBe(true);
  });

  it('quit: before-quit, the windows close, will-quit, quit — no window-all-closed on app.quit()', () => {
    for (const window of DoubleBrowserWindow.getAllWindows()) window.destroy();
    expect(recorded.appEvents.at(-1)).toBe('window-all-closed');
    expect(recorded.exited).toBe(false);
    recorded.appEvents.length = 0;
    const window = new DoubleBrowserWindow();
    const closes: string[] = [];
    window.on('close', () => closes.push(`close after ${recorded.appEvents.at(-1)}`));
    app.quit();
    expect(recorded.appEvents).toEqual(['before-quit', 'will-quit', 'quit']);
    expect(closes).toEqual(['close after before-quit']);
    expect(window.isDestroyed()).toBe(true);
  });
});
