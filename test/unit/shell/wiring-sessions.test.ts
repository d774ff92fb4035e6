// The session guards main installs on every app session: permission request/check/device
// handlers, device pickers, downloads into the list, spell check and proxy from settings.
import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCore } from '../../fixtures/test-core.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);

const { guardSession, sessionPreparer } = await import('../../../electron/main/app-sessions.ts');
const { DoubleSession, DoubleWebContents } = await import('./electron-double.ts');

async function setup(settings: Record<string, unknown> = {}) {
  const downloadsDir = mkdtempSync(join(tmpdir(), 'werkplek-wiring-'));
  const core = await createTestCore({
    policy: {
      apps: [
        { id: 'video', name: 'Video', url: 'https://video.example.org/', permissions: ['media', 'notifications'] },
        { id: 'mail', name: 'Mail', url: 'https://mail.example.org/' },
      ],
      locked: { 'shell.downloadsDir': downloadsDir, ...settings },
    },
  });
  const video = new DoubleWebContents();
  const mail = new DoubleWebContents();
  const stranger = new DoubleWebContents();
  const owners = {
    appIdFor: (contents: unknown) => (contents === video ? 'video' : contents === mail ? 'mail' : null),
    appFor: (contents: unknown) => {
      const id = contents === video ? 'video' : contents === mail ? 'mail' : null;
      return id ? core.ctx.catalog.find(id)!.app : null;
    },
  };
  let dnd = false;
  const ses = new DoubleSession();
  guardSession(ses as never, core.ctx, owners as never, () => dnd);
  const request = (contents: unknown, permission: string, requestingUrl: string, isMainFrame = true) =>
    new Promise<boolean>((resolve) => ses.requestHandler!(contents, permission, resolve, { requestingUrl, isMainFrame }));
  const check = (contents: unknown, permission: string, origin: string, details: Record<string, unknown> = { isMainFrame: true }) => ses.checkHandler!(contents, permission, origin, details);
  return { core, ses, video, mail, stranger, request, check, downloadsDir, setDnd: (on: boolean) => (dnd = on) };
}

describe('permission handlers on an app session', () => {
  it('request handler: allow-list per app, origin checked, everything else denied, each noted', async () => {
    const { request, video, mail, stranger, core } = await setup();
    expect(await request(video, 'media', 'https://video.example.org/room')).toBe(true);
    expect(await request(mail, 'media', 'https://mail.example.org/')).toBe(false);
    expect(await request(video, 'media', 'https://evil.example.com/')).toBe(false);
    expect(await request(video, 'geolocation', 'https://video.example.org/')).toBe(false);
    expect(await request(video, 'hid', 'https://video.example.org/')).toBe(false);
    expect(await request(stranger, 'notifications', 'https://video.example.org/')).toBe(false);
    const notes = await core.handlers['shell.permissionNotes']({});
    expect(notes[0]).toMatchObject({ appId: 'video', permission: 'hid', origin: 'https://video.example.org', allowed: false });
    expect(notes.filter((note) => note.allowed).map((note) => note.permission)).toEqual(['media']);
  });

  it('check handler agrees with the request handler, including null contents and subframes', async () => {
    const { check, video, mail } = await setup();
    expect(check(video, 'media', 'https://video.example.org')).toBe(true);
    expect(check(null, 'media', 'https://video.example.org')).toBe(false);
    expect(check(mail, 'clipboard-sanitized-write', 'https://mail.example.org')).toBe(true);
    expect(check(mail, 'clipboard-read', 'https://mail.example.org')).toBe(false);
    expect(check(video, 'media', 'https://video.example.org', { isMainFrame: false, embeddingOrigin: 'https://evil.example.com' })).toBe(false);
    for (const permission of ['usb', 'serial', 'hid', 'geolocation', 'midi', 'openExternal']) expect(check(video, permission, 'https://video.example.org')).toBe(false);
  });

  it('do-not-disturb denies notifications in both handlers', async () => {
    const { request, check, mail, setDnd } = await setup();
    expect(check(mail, 'notifications', 'https://mail.example.org')).toBe(true);
    setDnd(true);
    expect(check(mail, 'notifications', 'https://mail.example.org')).toBe(false);
    expect(await request(mail, 'notifications', 'https://mail.example.org/')).toBe(false);
  });

  it('a chat app’s own notifications are suppressed while the Matrix notifier is signed in', async () => {
    const { core } = await setup();
    const chatApp = { ...core.ctx.catalog.find('mail')!.app, kind: 'chat' as const };
    const contents = new DoubleWebContents();
    let signedIn = true;
    const ses = new DoubleSession();
    guardSession(ses as never, core.ctx, { appFor: () => chatApp, appIdFor: () => 'mail' } as never, () => false, () => signedIn);
    expect(ses.checkHandler!(contents, 'notifications', 'https://mail.example.org', { isMainFrame: true })).toBe(false);
    signedIn = false;
    expect(ses.checkHandler!(contents, 'notifications', 'https://mail.example.org', { isMainFrame: true })).toBe(true);
  });

  it('device access is denied and device pickers pick nothing', async () => {
    const { ses } = await setup();
    expect(ses.deviceHandler!({ deviceType: 'usb', origin: 'https://video.example.org' })).toBe(false);
    for (const [event, args] of [
      ['select-hid-device', [{}]],
      ['select-usb-device', [{}]],
      ['select-serial-port', [[], {}]],
    ] as const) {
      const preventDefault = vi.fn();
      const callback = vi.fn();
      ses.emit(event, { preventDefault }, ...args, callback);
      expect(preventDefault).toHaveBeenCalled();
      expect(callback).toHaveBeenCalledTimes(1);
      expect(callback.mock.calls[0]?.[0] || undefined).toBeUndefined();
    }
  });
});

describe('downloads on an app session', () => {
  const fakeItem = (name: string) => {
    const item = Object.assign(new EventEmitter(), {
      savePath: '',
      received: 0,
      getFilename: () => name,
      getURL: () => 'https://mail.example.org/attachment',
      getTotalBytes: () => 100,
      getReceivedBytes: () => item.received,
      setSavePath: (path: string) => (item.savePath = path),
      cancel: vi.fn(),
    });
    return item;
  };

  it('saves under a sanitised name in the downloads folder and tracks progress to done', async () => {
    const { ses, mail, core, downloadsDir } = await setup();
    const item = fakeItem('../../.bashrc');
    const preventDefault = vi.fn();
    ses.emit('will-download', { preventDefault }, item, mail);
    expect(preventDefault).not.toHaveBeenCalled();
    expect(item.savePath).toBe(join(downloadsDir, 'bashrc'));
    item.received = 40;
    item.emit('updated', {}, 'progressing');
    item.received = 100;
    item.emit('done', {}, 'completed');
    const [entry] = await core.handlers['shell.downloads']({});
    expect(entry).toMatchObject({ appId: 'mail', fileName: 'bashrc', receivedBytes: 100, totalBytes: 100, state: 'completed' });
  });

  it('cancel from the UI cancels the Electron item', async () => {
    const { ses, mail, core } = await setup();
    const item = fakeItem('big.iso');
    ses.emit('will-download', { preventDefault: vi.fn() }, item, mail);
    const [entry] = await core.handlers['shell.downloads']({});
    await core.handlers['shell.downloadAction']({ id: entry!.id, action: 'cancel' });
    expect(item.cancel).toHaveBeenCalled();
  });

  it('contents that are not an app view may not download', async () => {
    const { ses, stranger, downloadsDir } = await setup();
    const preventDefault = vi.fn();
    const item = fakeItem('x.txt');
    ses.emit('will-download', { preventDefault }, item, stranger);
    expect(preventDefault).toHaveBeenCalled();
    expect(item.savePath).toBe('');
    expect(existsSync(join(downloadsDir, 'x.txt'))).toBe(false);
  });
});

describe('spell check and proxy from settings', () => {
  it('Dutch and English from what Chromium offers; policy dictionary source; proxy', async () => {
    const { ses } = await setup({ 'shell.spellcheckDictionaryUrl': 'https://dict.example.org/hunspell', 'shell.proxy': 'proxy.example.org:3128;bypass=.example.org' });
    expect(ses.spellLanguages).toEqual(['nl', 'en-GB']);
    expect(ses.spellEnabled).toBe(true);
    expect(ses.dictionaryUrl).toBe('https://dict.example.org/hunspell/');
    await vi.waitFor(() => expect(ses.proxy).toEqual({ mode: 'fixed_servers', proxyRules: 'proxy.example.org:3128', proxyBypassRules: '.example.org' }));
  });

  it('a bad proxy setting falls back to the system proxy; the default source stays when unset', async () => {
    const { ses } = await setup({ 'shell.proxy': 'pac:not a url' });
    await vi.waitFor(() => expect(ses.proxy).toEqual({ mode: 'system' }));
    expect(ses.dictionaryUrl).toBeNull();
  });

  it('sessionPreparer guards each partition once', async () => {
    const { core } = await setup();
    const preparer = sessionPreparer(core.ctx, { appFor: () => null, appIdFor: () => null }, () => false);
    const first = preparer.prepare('persist:werkplek') as unknown as InstanceType<typeof DoubleSession>;
    expect(first.requestHandler).not.toBeNull();
    expect(preparer.prepare('persist:werkplek')).toBe(first);
    preparer.prepare('persist:other');
    expect(preparer.all()).toHaveLength(2);
  });
});
