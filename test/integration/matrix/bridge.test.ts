// The notifier through the real core composition root and its bridge commands/events: sign-in,
// a notification as a bridge event, the click opening the room in the chat tab, badge, mute, DND.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import { Homeserver } from '../../fixtures/homeserver/homeserver.ts';
import { PlainClient } from '../../fixtures/homeserver/plain-client.ts';
import { waitFor } from './harness.ts';
import { matrixServiceOf } from '../../../electron/core/matrix/matrix-handlers.ts';
import type { CoreServices } from '../../../electron/core/services.ts';

let hs: Homeserver;
let core: CoreServices;
let bob: PlainClient;
let alice = '';
const events: Array<{ name: string; payload: unknown }> = [];

beforeAll(async () => {
  hs = await Homeserver.start();
  alice = hs.addUser('alice', 'alice-pw', 'Alice');
  hs.addUser('bob', 'bob-pw', 'Bob');
  bob = await PlainClient.login(hs.url, 'bob', 'bob-pw');
  core = await createTestCore({
    policy: {
      apps: [{ id: 'chat', name: 'Chat', url: 'https://chat.example.org/', kind: 'chat' }],
      defaults: { 'matrix.homeserver': hs.url },
    },
  });
  core.hub.subscribe((name, payload) => events.push({ name, payload }));
});
afterAll(async () => {
  await matrixServiceOf(core.ctx)?.dispose();
  await core.close();
  await hs.close();
});

describe('Matrix over the bridge', () => {
  it('signs in, notifies as a bridge event, and a click opens the room in the chat tab', async () => {
    expect(await core.handlers['matrix.status']({})).toMatchObject({ state: 'signed-out', homeserver: hs.url });
    expect(await core.handlers['matrix.loginFlows']({ homeserver: hs.url })).toMatchObject({ password: true, sso: false });
    const status = await core.handlers['matrix.signInPassword']({ homeserver: hs.url, user: 'alice', password: 'alice-pw' });
    expect(status.userId).toBe(alice);
    expect(core.ctx.settings.get('matrix.user')).toBe('alice');
    await waitFor('syncing', () => events.some((e) => e.name === 'matrix.status' && (e.payload as { state: string }).state === 'syncing'));

    const roomId = await bob.createRoom({ name: 'Team', invite: [alice, hs.addUser('carol', 'c')] });
    await (await PlainClient.login(hs.url, 'alice', 'alice-pw')).join(roomId);
    await (await PlainClient.login(hs.url, 'carol', 'c')).join(roomId);
    await bob.sendText(roomId, 'stand-up in 5');
    const n = await waitFor('notification event', () => events.find((e) => e.name === 'matrix.notification' && (e.payload as { body: string }).body === 'Bob: stand-up in 5')?.payload as { id: string; roomId: string; title: string; body: string });
    expect(n).toMatchObject({ roomId, title: 'Team' });
    // Newest first; the invite to the room may come before it (unless invite and join shared a sync).
    expect((await core.handlers['matrix.notifications']({})).map((x) => x.body).filter((b) => b !== 'Bob invited you')).toEqual(['Bob: stand-up in 5']);

    await waitFor('badge for the chat app', () => core.ctx.shell.badges.chat === 1);
    expect((await core.handlers['matrix.status']({})).unreadRooms).toBe(1);

    expect(await core.handlers['matrix.openRoom']({ roomId })).toEqual({ appId: 'chat', url: `https://chat.example.org/#/room/${roomId}` });
    expect(events.filter((e) => e.name === 'shell.activate').at(-1)?.payload).toEqual({ appId: 'chat', url: `https://chat.example.org/#/room/${roomId}` });
    expect(core.ctx.shell.activeAppId).toBe('chat');

    const rooms = await core.handlers['matrix.setRoomMuted']({ roomId, muted: true });
    expect(rooms.find((r) => r.roomId === roomId)?.muted).toBe(true);
    expect((await core.handlers['matrix.setDoNotDisturb']({ enabled: true })).doNotDisturb).toBe(true);
    expect(core.ctx.settings.get('matrix.doNotDisturb')).toBe(true);
    await core.handlers['matrix.setDoNotDisturb']({ enabled: false });

    expect(await core.handlers['matrix.clearNotifications']({})).toEqual([]);
    expect((await core.handlers['matrix.signOut']({})).state).toBe('signed-out');
    expect(hs.model.users.get(alice)!.devices.size).toBe(1); // only the plain client's device is left
  });

  it('turned off by policy (matrix.enabled locked false): no sign-in, a clear reason', async () => {
    const off = await createTestCore({ policy: { locked: { 'matrix.enabled': false, 'matrix.homeserver': hs.url } } });
    try {
      expect(await off.handlers['matrix.status']({})).toMatchObject({ state: 'not-configured', message: expect.stringContaining('turned off by your organisation') });
      await expect(off.handlers['matrix.signInPassword']({ homeserver: hs.url, user: 'alice', password: 'alice-pw' })).rejects.toThrow('turned off by your organisation');
      expect(hs.model.users.get(alice)!.devices.size).toBe(1);
    } finally {
      await matrixServiceOf(off.ctx)?.dispose();
      await off.close();
    }
  });
});
