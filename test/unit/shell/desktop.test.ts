// werkplek:// links, the XDG autostart entry, tray counts.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepLinkFromArgv, parseDeepLink } from '../../../electron/core/shell/deep-link.ts';
import { localFoldersOf } from '../../../electron/core/sync/local-dirs.ts';
import { autostartEntry, autostartPath, quoteExecArg } from '../../../electron/core/shell/autostart.ts';
import { badgeFromTitle, trayCount, trayLabel, totalBadge } from '../../../electron/core/shell/badges.ts';
import type { AppDefinition } from '../../../electron/core/config/catalog-schema.ts';

const chat: AppDefinition = { id: 'chat', name: 'Chat', url: 'https://chat.example.org/', origins: [], partition: 'persist:werkplek', permissions: [], badge: 'title-count', kind: 'chat' };
const context = { apps: [chat], syncRoots: ['/home/u/Werkplek'], exists: () => false };

describe('parseDeepLink', () => {
  const cases: Array<[string, ReturnType<typeof parseDeepLink>]> = [
    ['werkplek://app/chat', { kind: 'app', appId: 'chat', url: null }],
    ['WERKPLEK://app/chat/', { kind: 'app', appId: 'chat', url: null }],
    ['werkplek://app/chat?url=https%3A%2F%2Fchat.example.org%2F%23%2Froom%2F!a', { kind: 'app', appId: 'chat', url: 'https://chat.example.org/#/room/!a' }],
    ['werkplek://app/chat?url=https%3A%2F%2Fevil.example.com%2F', { kind: 'invalid', reason: 'https://evil.example.com/ does not belong to Chat' }],
    ['werkplek://app/chat?url=javascript%3Aalert(1)', { kind: 'invalid', reason: 'javascript:alert(1) does not belong to Chat' }],
    ['werkplek://app/ghost', { kind: 'invalid', reason: 'no app "ghost"' }],
    ['werkplek://app/', { kind: 'invalid', reason: 'no app ""' }],
    ['werkplek://app/chat/extra', { kind: 'invalid', reason: 'no app "chat"' }],
    ['werkplek://file/Team/Notulen%20mei.odt', { kind: 'file', path: '/home/u/Werkplek/Team/Notulen mei.odt', root: '/home/u/Werkplek' }],
    ['werkplek://file/Team/../../.ssh/id_rsa', { kind: 'invalid', reason: 'the path leaves the sync folder' }],
    ['werkplek://file/./a', { kind: 'invalid', reason: 'the path leaves the sync folder' }],
    ['werkplek://file/.hidden/a', { kind: 'file', path: '/home/u/Werkplek/.hidden/a', root: '/home/u/Werkplek' }],
    ['werkplek://app/%2E%2E', { kind: 'invalid', reason: 'no app ".."' }],
    ['werkplek://file/%2E%2E/%2E%2E/etc/passwd', { kind: 'invalid', reason: 'the path leaves the sync folder' }],
    ['werkplek://file/a%2F..%2F..%2Fetc', { kind: 'invalid', reason: 'the path leaves the sync folder' }],
    ['werkplek://file/a%5C..%5Cb', { kind: 'invalid', reason: 'the path leaves the sync folder' }],
    ['werkplek://file/a%00b', { kind: 'invalid', reason: 'the path leaves the sync folder' }],
    ['werkplek://file/', { kind: 'invalid', reason: 'no file named' }],
    ['werkplek://file/%E0%A4%A', { kind: 'invalid', reason: 'malformed escape in the link' }],
    ['werkplek://user:pw@app/chat', { kind: 'invalid', reason: 'malformed link' }],
    ['werkplek://settings/x', { kind: 'invalid', reason: 'unknown link type "settings"' }],
    ['https://app/chat', { kind: 'invalid', reason: 'not a werkplek: link' }],
    ['nonsense', { kind: 'invalid', reason: 'not a URL' }],
  ];
  it.each(cases)('%s', (raw, expected) => {
    expect(parseDeepLink(raw, context)).toEqual(expected);
  });

  it('refuses files when sync is not set up', () => {
    expect(parseDeepLink('werkplek://file/a.txt', { apps: [], syncRoots: [] })).toEqual({ kind: 'invalid', reason: 'file sync is not set up' });
  });

  it("opens a file from the account whose folder has it, the first account's first", () => {
    const base = mkdtempSync(join(tmpdir(), 'werkplek-links-'));
    const [work, ministry] = [join(base, 'Werkplek'), join(base, 'Ministerie')];
    mkdirSync(join(work, 'Team'), { recursive: true });
    mkdirSync(join(ministry, 'Team'), { recursive: true });
    writeFileSync(join(ministry, 'Team', 'Begroting.ods'), 'b');
    writeFileSync(join(work, 'Team', 'Notulen.odt'), 'n');
    writeFileSync(join(ministry, 'Team', 'Notulen.odt'), 'm');
    const syncRoots = [work, ministry];
    expect(parseDeepLink('werkplek://file/Team/Begroting.ods', { apps: [], syncRoots })).toEqual({ kind: 'file', path: join(ministry, 'Team', 'Begroting.ods'), root: ministry });
    expect(parseDeepLink('werkplek://file/Team/Notulen.odt', { apps: [], syncRoots })).toEqual({ kind: 'file', path: join(work, 'Team', 'Notulen.odt'), root: work });
    // In none of them: the first account's folder, where opening then says it is not there.
    expect(parseDeepLink('werkplek://file/Team/Weg.txt', { apps: [], syncRoots })).toEqual({ kind: 'file', path: join(work, 'Team', 'Weg.txt'), root: work });
    rmSync(base, { recursive: true, force: true });
  });

  it("lists every account's folder with ~ expanded, the first account's first", () => {
    expect(localFoldersOf('~/Werkplek', [{ localDir: '~/Ministerie' }, { localDir: '/data/Gemeente' }])).toEqual([join(homedir(), 'Werkplek'), join(homedir(), 'Ministerie'), '/data/Gemeente']);
    expect(localFoldersOf('~', [])).toEqual([homedir()]);
    expect(localFoldersOf('', [{ localDir: '~/B' }])).toEqual([join(homedir(), 'B')]);
  });

  it('finds the link among a second launch’s arguments', () => {
    expect(deepLinkFromArgv(['/opt/Werkplek/werkplek', '--flag', 'werkplek://app/chat'])).toBe('werkplek://app/chat');
    expect(deepLinkFromArgv(['/opt/Werkplek/werkplek'])).toBeNull();
  });
});

describe('autostart entry', () => {
  it('is a valid desktop entry that starts hidden and never without the sandbox', () => {
    const text = autostartEntry({ exec: '/opt/Werkplek/werkplek' });
    expect(text).toContain('Exec=/opt/Werkplek/werkplek --hidden\n');
    expect(text).not.toContain('no-sandbox');
    const dir = mkdtempSync(join(tmpdir(), 'autostart-'));
    const file = join(dir, 'werkplek.desktop');
    writeFileSync(file, text);
    if (existsSync('/usr/bin/desktop-file-validate')) execFileSync('desktop-file-validate', [file]); // throws on errors
  });
  it('quotes paths with spaces and special characters', () => {
    expect(quoteExecArg('/home/u/My Apps/Werkplek.AppImage')).toBe('"/home/u/My Apps/Werkplek.AppImage"');
    expect(quoteExecArg('/a/$HOME/"x"')).toBe('"/a/\\$HOME/\\"x\\""');
    expect(quoteExecArg('100%')).toBe('"100%%"');
    expect(() => quoteExecArg('a\nb')).toThrow();
  });
  it('refuses --no-sandbox', () => {
    expect(() => autostartEntry({ exec: '/opt/w', args: ['--no-sandbox'] })).toThrow(/no-sandbox/);
  });
  it('lives in XDG_CONFIG_HOME/autostart', () => {
    expect(autostartPath({}, '/home/u')).toBe('/home/u/.config/autostart/werkplek.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/u')).toBe('/cfg/autostart/werkplek.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config/autostart/werkplek.desktop');
  });
});

describe('badges and tray count', () => {
  const titles: Array<[string, number]> = [
    ['(3) Inbox', 3],
    ['[12] Chat', 12],
    [' (99+) Chat', 99],
    ['Inbox (3)', 0],
    ['(abc) Inbox', 0],
    ['(123456) x', 0],
    ['', 0],
  ];
  it.each(titles)('title %j → %d', (title, count) => {
    expect(badgeFromTitle('title-count', title)).toBe(count);
    expect(badgeFromTitle('none', title)).toBe(0);
  });
  it('sums enabled apps and Matrix, ignoring junk', () => {
    expect(totalBadge({ a: 2, b: 3, c: -1, d: Number.NaN })).toBe(5);
    expect(trayCount({ a: 2, b: 3, gone: 7 }, ['a', 'b'])).toBe(5);
    expect(trayCount({ a: -2 }, ['a'])).toBe(0);
    expect(trayLabel(0, 'unread')).toBe('Werkplek');
    expect(trayLabel(5, 'ongelezen')).toBe('Werkplek — 5 ongelezen');
    expect(trayLabel(250, 'unread')).toBe('Werkplek — 99+ unread');
  });
});
