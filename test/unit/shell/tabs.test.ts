// Keyboard shortcuts read in before-input-event, zoom steps, hibernation timing, load failures.
import { describe, expect, it } from 'vitest';
import { nextZoomLevel, shortcutFor, targetApp, type KeyInput } from '../../../electron/core/shell/shortcuts.ts';
import { nextHibernationCheck, tabsToHibernate, type TabActivity } from '../../../electron/core/shell/hibernation.ts';
import { classifyLoadFailure, retryDelaySeconds } from '../../../electron/core/shell/load-failure.ts';
import { contextMenuItems } from '../../../electron/core/shell/context-menu.ts';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: k, control: false, shift: false, alt: false, meta: false, ...mods });

describe('shortcutFor', () => {
  const cases: Array<[string, KeyInput, ReturnType<typeof shortcutFor>]> = [
    ['Ctrl+1', key('1', { control: true }), { kind: 'app', index: 0 }],
    ['Ctrl+9', key('9', { control: true }), { kind: 'app', index: 8 }],
    ['Ctrl+0 is zoom reset', key('0', { control: true }), { kind: 'zoom', step: 0 }],
    ['Ctrl+Tab', key('Tab', { control: true }), { kind: 'next-app' }],
    ['Ctrl+Shift+Tab', key('Tab', { control: true, shift: true }), { kind: 'previous-app' }],
    ['Ctrl+F', key('f', { control: true }), { kind: 'find' }],
    ['Ctrl+F (caps)', key('F', { control: true }), { kind: 'find' }],
    ['Ctrl+R', key('r', { control: true }), { kind: 'reload' }],
    ['F5', key('F5'), { kind: 'reload' }],
    ['Alt+Left', key('ArrowLeft', { alt: true }), { kind: 'back' }],
    ['Alt+Right', key('ArrowRight', { alt: true }), { kind: 'forward' }],
    ['Ctrl+=', key('=', { control: true }), { kind: 'zoom', step: 1 }],
    ['Ctrl+Shift++', key('+', { control: true, shift: true }), { kind: 'zoom', step: 1 }],
    ['Ctrl+-', key('-', { control: true }), { kind: 'zoom', step: -1 }],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true }), { kind: 'devtools' }],
    ['F12', key('F12'), { kind: 'devtools' }],
    ['plain 1', key('1'), null],
    ['Ctrl+Shift+1', key('!', { control: true, shift: true }), null],
    ['Ctrl+Alt+1 (AltGr layouts)', key('1', { control: true, alt: true }), null],
    ['Super+1', key('1', { control: true, meta: true }), null],
    ['key up', { ...key('1', { control: true }), type: 'keyUp' }, null],
    ['Ctrl+C passes to the page', key('c', { control: true }), null],
    ['Ctrl+, settings', key(',', { control: true }), { kind: 'settings' }],
    ['Ctrl+W closes the tab', key('w', { control: true }), { kind: 'close-tab' }],
    ['Ctrl+Q quits', key('q', { control: true }), { kind: 'quit' }],
    ['F11 full screen', key('F11'), { kind: 'fullscreen' }],
    ['Ctrl+Shift+W is not Ctrl+W', key('W', { control: true, shift: true }), null],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(shortcutFor(input)).toEqual(expected);
  });

  it('targetApp wraps around and ignores missing indexes', () => {
    const ids = ['a', 'b', 'c'];
    expect(targetApp(ids, 'c', { kind: 'next-app' })).toBe('a');
    expect(targetApp(ids, 'a', { kind: 'previous-app' })).toBe('c');
    expect(targetApp(ids, null, { kind: 'next-app' })).toBe('a');
    expect(targetApp(ids, null, { kind: 'previous-app' })).toBe('c');
    expect(targetApp(ids, 'a', { kind: 'app', index: 5 })).toBeNull();
    expect(targetApp([], 'a', { kind: 'next-app' })).toBeNull();
  });

  it('zoom steps clamp', () => {
    expect(nextZoomLevel(0, 1)).toBe(1);
    expect(nextZoomLevel(5, 1)).toBe(5);
    expect(nextZoomLevel(-3, -1)).toBe(-3);
    expect(nextZoomLevel(2.4, 0)).toBe(0);
  });
});

describe('hibernation', () => {
  const now = 10 * 60 * 60_000;
  const tab = (appId: string, minutesAgo: number, extra: Partial<TabActivity> = {}): TabActivity => ({ appId, lastActiveAt: now - minutesAgo * 60_000, active: false, hibernated: false, busy: false, ...extra });
  const tabs = [tab('active', 120, { active: true }), tab('old', 31), tab('exact', 30), tab('recent', 29), tab('asleep', 200, { hibernated: true }), tab('call', 300, { busy: true })];
  it('discards idle tabs only', () => {
    expect(tabsToHibernate(tabs, now, 30)).toEqual(['old', 'exact']);
    expect(tabsToHibernate(tabs, now, 0)).toEqual([]);
  });
  it('schedules the next check at the earliest due tab, at least 15 s away', () => {
    expect(nextHibernationCheck([tab('recent', 29)], now, 30)).toBe(now + 60_000);
    expect(nextHibernationCheck([tab('old', 40)], now, 30)).toBe(now + 15_000);
    expect(nextHibernationCheck([tab('a', 1, { active: true })], now, 30)).toBeNull();
    expect(nextHibernationCheck(tabs, now, 0)).toBeNull();
  });
  it('keeps a tab with a badge, the notification permission, media or a call, or the policy’s opt-out', () => {
    const kept = [tab('badge', 90, { badge: true }), tab('notifies', 90, { notifications: true }), tab('music', 90, { busy: true }), tab('phone', 90, { optOut: true }), tab('plain', 90)];
    expect(tabsToHibernate(kept, now, 30)).toEqual(['plain']);
    // Reasons that can pass are looked at again in a minute; the policy's opt-out never.
    expect(nextHibernationCheck([tab('badge', 90, { badge: true })], now, 30)).toBe(now + 60_000);
    expect(nextHibernationCheck([tab('phone', 90, { optOut: true })], now, 30)).toBeNull();
  });
});

describe('load failures', () => {
  const cases: Array<[number, boolean, string]> = [
    [-106, true, 'offline'],
    [-105, true, 'offline'],
    [-102, true, 'offline'],
    [-118, true, 'offline'],
    [-21, true, 'offline'],
    [-130, true, 'offline'],
    [-3, true, 'ignore'],
    [0, true, 'ignore'],
    [-106, false, 'ignore'],
    [-200, true, 'certificate'],
    [-201, true, 'certificate'],
    [-202, true, 'certificate'],
    [-299, true, 'certificate'],
    [-300, true, 'error'],
    [-310, true, 'error'],
    [-1, true, 'error'],
  ];
  it.each(cases)('code %d main=%s → %s', (code, main, kind) => {
    expect(classifyLoadFailure(code, main)).toBe(kind);
  });
  it('retries with capped backoff, never for certificate errors', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => retryDelaySeconds('offline', n))).toEqual([2, 4, 8, 16, 32, 60, 60]);
    expect(retryDelaySeconds('certificate', 0)).toBeNull();
    expect(retryDelaySeconds('error', 0)).toBe(2);
  });
});

describe('context menu of an app view', () => {
  const base = { misspelledWord: '', dictionarySuggestions: [], isEditable: false, selectionText: '', linkURL: '', editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true } };
  it.each([
    ['nothing special', {}, []],
    ['a misspelled word', { misspelledWord: 'vergadring', dictionarySuggestions: ['vergadering', 'a', 'b', 'c', 'd', 'e'], isEditable: true }, ['suggestion:vergadering', 'suggestion:a', 'suggestion:b', 'suggestion:c', 'suggestion:d', 'add-to-dictionary:vergadring', 'separator', 'edit:cut', 'edit:paste', 'edit:selectAll']],
    ['selected text on a page', { selectionText: 'hallo' }, ['edit:copy']],
    ['a web link', { linkURL: 'https://example.org/a b' }, ['copy-link:https://example.org/a%20b', 'open-link-outside:https://example.org/a%20b']],
    ['a javascript: link is not offered', { linkURL: 'javascript:alert(1)' }, []],
    ['a file: link is not offered', { linkURL: 'file:///etc/passwd' }, []],
  ] as const)('%s', (_name, facts, expected) => {
    const items = contextMenuItems({ ...base, ...facts } as never).map((item) => (item.kind === 'separator' ? 'separator' : `${item.kind}:${'word' in item ? item.word : 'role' in item ? item.role : item.url}`));
    expect(items).toEqual(expected);
  });
});
