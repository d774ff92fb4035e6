// Sign-in, restart and sign-out against the homeserver: no notifications for history, a catch-up
// summary after being offline, no renotification after a restart, SSO, the device removed on sign-out.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MatrixFixture, waitFor } from './harness.ts';
import { keyringName } from '../../../electron/core/matrix/matrix-service.ts';

let f: MatrixFixture;
afterEach(async () => {
  await f?.close();
});

describe('Matrix notifier life cycle', () => {
  it('the first sync after sign-in notifies nothing, however much history there is', async () => {
    f = await MatrixFixture.start();
    const dm = await f.room(null, ['alice']);
    for (let i = 0; i < 15; i++) await f.bob.sendText(dm, `backlog ${i}`);
    await f.signIn();
    const live = await f.bob.sendText(dm, 'now live');
    await f.decided(live);
    expect(f.rec.notifications.map((n) => n.body)).toEqual(['now live']);
  });

  it('the device is named "Werkplek on …", and signing out deletes it at the server and everything local', async () => {
    f = await MatrixFixture.start();
    const service = await f.signIn();
    const devices = () => [...f.hs.model.users.get(f.alice)!.devices.values()];
    expect(devices().map((d) => d.displayName)).toEqual(['Werkplek on test']);
    expect(await f.keyring.get(keyringName)).toContain('access');
    await service.signOut();
    expect(devices()).toEqual([]);
    expect(await f.keyring.get(keyringName)).toBeNull();
    expect(existsSync(service.stateFile)).toBe(false);
    expect(service.status().state).toBe('signed-out');
  });

  it('after a long offline spell the catch-up is one summary, and a restart never renotifies', async () => {
    f = await MatrixFixture.start();
    const rooms = [await f.room('One', ['alice']), await f.room('Two', ['alice']), await f.room('Three', ['alice'])];
    let service = await f.signIn();
    const before = await f.bob.sendText(rooms[0]!, 'before the restart');
    expect(await f.decided(before)).toMatchObject({ notified: true });
    await service.dispose();

    // While Werkplek is closed: 12 messages in 3 conversations.
    for (let i = 0; i < 12; i++) await f.bob.sendText(rooms[i % 3]!, `while away ${i}`);
    f.rec.notifications.length = 0;
    service = f.createService();
    await service.restore();
    await f.untilSyncing();
    const summary = await waitFor('summary', () => f.rec.notifications.find((n) => n.kind === 'summary'));
    expect(summary).toMatchObject({ title: 'New messages', body: '12 new messages in 3 conversations', roomId: null });
    expect(f.rec.notifications).toHaveLength(1);
    expect(f.rec.decisions.filter((d) => d.phase === 'catch-up' && d.notified)).toHaveLength(12);

    // Another restart with nothing new: nothing at all pops up.
    await service.dispose();
    f.rec.notifications.length = 0;
    const decisionsBefore = f.rec.decisions.length;
    service = f.createService();
    await service.restore();
    await f.untilSyncing();
    const next = await f.bob.sendText(rooms[1]!, 'after the second restart');
    await f.decided(next);
    expect(f.rec.decisions.slice(decisionsBefore).filter((d) => d.notified).map((d) => d.eventId)).toEqual([next]);
    expect(f.rec.notifications.map((n) => n.body)).toEqual(['after the second restart']);
  });

  it('a limited timeline after a long absence still counts every message (from the server\'s unread count)', async () => {
    f = await MatrixFixture.start();
    const dm = await f.room(null, ['alice']);
    const service = await f.signIn();
    await service.dispose();
    for (let i = 0; i < 25; i++) await f.bob.sendText(dm, `flood ${i}`);
    f.createService();
    await f.service!.restore();
    const summary = await waitFor('summary', () => f.rec.notifications.find((n) => n.kind === 'summary'));
    expect(summary).toMatchObject({ body: '25 new messages in 1 conversation', roomId: dm });
    expect(f.rec.notifications).toHaveLength(1);
  });

  it('a few messages while away are each shown, not summarised', async () => {
    f = await MatrixFixture.start();
    const dm = await f.room(null, ['alice']);
    const service = await f.signIn();
    await service.dispose();
    await f.bob.sendText(dm, 'one');
    await f.bob.sendText(dm, 'two');
    f.createService();
    await f.service!.restore();
    await waitFor('two notifications', () => f.rec.notifications.length === 2);
    expect(f.rec.notifications.map((n) => n.body)).toEqual(['one', 'two']);
  });

  it('SSO: the system browser goes to the homeserver, the loopback redirect brings the token', async () => {
    f = await MatrixFixture.start({ ssoUser: 'alice' });
    const service = f.createService();
    const flows = await service.flows(f.hs.url);
    expect(flows).toMatchObject({ password: true, sso: true });
    // The "system browser" follows the redirects, like a browser whose user is already signed in at the IdP.
    (service as unknown as { deps: { openExternal(url: string): Promise<void> } }).deps.openExternal = async (url) => {
      expect(new URL(url).pathname).toBe('/_matrix/client/v3/login/sso/redirect');
      const res = await fetch(url);
      expect(await res.text()).toContain('Signed in');
    };
    const status = await service.signInWithSso(f.hs.url);
    expect(status.userId).toBe(f.alice);
    await f.untilSyncing();
    expect([...f.hs.model.users.get(f.alice)!.devices.values()].map((d) => d.displayName)).toEqual(['Werkplek on test']);
  });

  it('a wrong password is a clear error and nothing is kept', async () => {
    f = await MatrixFixture.start();
    const service = f.createService();
    await expect(service.signInWithPassword(f.hs.url, 'alice', 'wrong')).rejects.toMatchObject({ kind: 'forbidden' });
    expect(service.status()).toMatchObject({ state: 'signed-out', message: 'the user name or password is wrong' });
    expect(await f.keyring.get(keyringName)).toBeNull();
    await expect(service.signInWithPassword('ftp://example.org', 'alice', 'x')).rejects.toMatchObject({ kind: 'bad-homeserver' });
  });

  it('a server before v1.11 (no authenticated media): the avatar comes from the legacy media endpoint', async () => {
    f = await MatrixFixture.start({ authMedia: false });
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await f.bob.uploadAvatar(png);
    const dm = await f.room(null, ['alice']);
    await f.signIn();
    await f.bob.sendText(dm, 'old server, same face');
    const n = await waitFor('notification', () => f.rec.notifications.find((x) => x.body === 'old server, same face'));
    expect(n.icon).toBe(`data:image/png;base64,${png.toString('base64')}`);
    expect(f.hs.requests.some((r) => r.path.startsWith('/_matrix/media/v3/thumbnail/') && r.status === 200)).toBe(true);
    expect(f.hs.requests.some((r) => r.path.startsWith('/_matrix/client/v1/media/'))).toBe(false);
  });

  it('SSO can be cancelled while waiting for the browser', async () => {
    f = await MatrixFixture.start({ ssoUser: 'alice' });
    const service = f.createService();
    let opened = '';
    (service as unknown as { deps: { openExternal(url: string): Promise<void> } }).deps.openExternal = async (url) => {
      opened = url; // the user never finishes in the browser
    };
    const pending = service.signInWithSso(f.hs.url);
    await waitFor('browser opened', () => opened);
    expect(service.status().state).toBe('signing-in');
    service.cancelSignIn();
    await expect(pending).rejects.toThrow('cancelled');
    expect(service.status().state).toBe('signed-out');
    expect(f.hs.model.users.get(f.alice)!.devices.size).toBe(0);
  });
});
