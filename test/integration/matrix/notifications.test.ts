// The notifier against the spec-faithful homeserver: push rules decide (DM, mention, keyword, muted
// room), own events and the focused room are suppressed, DND holds back, counts follow receipts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatrixFixture, waitFor } from './harness.ts';
import type { MatrixService } from '../../../electron/core/matrix/matrix-service.ts';
import { maxLiveEvents } from '../../../electron/core/matrix/sdk/matrix-session.ts';

let f: MatrixFixture;
let service: MatrixService;

beforeAll(async () => {
  f = await MatrixFixture.start();
  service = await f.signIn();
});
afterAll(async () => {
  await f.close();
});

const notificationFor = (roomId: string, body: string) => f.rec.notifications.find((n) => n.roomId === roomId && n.body.includes(body));

describe('Matrix notifications', () => {
  it('a DM notifies with the sender as title, the message as body, and sound', async () => {
    const dm = await f.room(null, ['alice']);
    const eventId = await f.bob.sendText(dm, 'Are you there?');
    const decision = await f.decided(eventId);
    expect(decision).toMatchObject({ notified: true, ruleId: '.m.rule.room_one_to_one', phase: 'live' });
    const n = await waitFor('DM notification', () => notificationFor(dm, 'Are you there?'));
    expect(n).toMatchObject({ kind: 'message', title: 'Bob', body: 'Are you there?', sound: true, popup: true });
  });

  it('a mention in a group room notifies as a highlight', async () => {
    const group = await f.room('Project X', ['alice', 'carol']);
    const eventId = await f.bob.sendText(group, 'can you review this?', { user_ids: [f.alice] });
    expect(await f.decided(eventId)).toMatchObject({ notified: true, ruleId: '.m.rule.is_user_mention' });
    const n = await waitFor('mention notification', () => notificationFor(group, 'can you review this?'));
    expect(n).toMatchObject({ title: 'Project X', body: 'Bob: can you review this?', highlight: true });
  });

  it('a keyword (content rule) notifies as a highlight; the group room without it only by the message rule', async () => {
    const group = await f.room('Ops', ['alice', 'carol']);
    const aliceElsewhere = await f.as('alice');
    await aliceElsewhere.request('PUT', '/pushrules/global/content/deploy', { pattern: 'deployment', actions: ['notify', { set_tweak: 'highlight' }] });
    // The rule reaches the notifier as m.push_rules account data, which a sync applies before its timelines.
    const plain = await f.bob.sendText(group, 'coffee anyone');
    expect(await f.decided(plain)).toMatchObject({ notified: true, ruleId: '.m.rule.message' });
    const keyword = await f.bob.sendText(group, 'the deployment failed');
    expect(await f.decided(keyword)).toMatchObject({ notified: true, ruleId: 'deploy' });
    expect((await waitFor('keyword notification', () => notificationFor(group, 'deployment'))).highlight).toBe(true);
  });

  it('muting a room writes the push rule Element reads, and its messages stop notifying', async () => {
    const group = await f.room('Chatter', ['alice', 'carol']);
    await service.setRoomMuted(group, true);
    const rule = await (await f.as('alice')).request<{ rule_id: string; actions: unknown[] }>('GET', `/pushrules/global/override/${encodeURIComponent(group)}`);
    expect(rule).toMatchObject({ rule_id: group, actions: [] });
    // The room list is the notifier's synced view: the new room may take a sync to appear.
    expect((await waitFor('the room synced', () => service.rooms().find((r) => r.roomId === group))).muted).toBe(true);
    const muted = await f.bob.sendText(group, 'lunch?');
    expect(await f.decided(muted)).toMatchObject({ notified: false, reason: 'push-rules', ruleId: group });
    await service.setRoomMuted(group, false);
    const unmuted = await f.bob.sendText(group, 'lunch now?');
    expect(await f.decided(unmuted)).toMatchObject({ notified: true });
  });

  it('own messages never notify, also when sent from another device', async () => {
    const group = await f.room('Own', ['alice']);
    const aliceElsewhere = await f.as('alice');
    const own = await aliceElsewhere.sendText(group, 'I said this on my phone, mentioning Alice', { user_ids: [f.alice] });
    expect(await f.decided(own)).toMatchObject({ notified: false, reason: 'own-event' });
  });

  it('the room open in the focused chat tab does not pop up; other rooms do', async () => {
    const focused = await f.room('Focused', ['alice']);
    const other = await f.room('Other', ['alice']);
    service.setFocusedRoom(focused);
    const inFocused = await f.bob.sendText(focused, 'you can see this already');
    expect(await f.decided(inFocused)).toMatchObject({ notified: false, reason: 'focused-room' });
    const inOther = await f.bob.sendText(other, 'this one you cannot');
    expect(await f.decided(inOther)).toMatchObject({ notified: true });
    service.setFocusedRoom(null);
  });

  it('do-not-disturb (manual, then by schedule) holds notifications back: listed, no pop-up, no sound', async () => {
    const dm = await f.room(null, ['alice']);
    f.settings.doNotDisturb = true;
    const manual = await f.bob.sendText(dm, 'quiet please');
    expect(await f.decided(manual)).toMatchObject({ notified: false, reason: 'do-not-disturb' });
    expect(await waitFor('held notification', () => notificationFor(dm, 'quiet please'))).toMatchObject({ popup: false, sound: false });
    f.settings.doNotDisturb = false;
    // A schedule of every day, start = end: the whole day is quiet.
    f.settings.dndSchedule = { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' };
    const scheduled = await f.bob.sendText(dm, 'still quiet');
    expect(await f.decided(scheduled)).toMatchObject({ notified: false, reason: 'do-not-disturb' });
    f.settings.dndSchedule = { enabled: false, days: [], start: '18:00', end: '08:00' };
    const after = await f.bob.sendText(dm, 'awake again');
    expect(await f.decided(after)).toMatchObject({ notified: true });
  });

  it('encrypted events are notified as "Encrypted message", never with ciphertext', async () => {
    const dm = await f.room(null, ['alice']);
    const eventId = await f.bob.send(dm, { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgAEnACSECRETCIPHERTEXT', sender_key: 'k', session_id: 's', device_id: 'D' }, 'm.room.encrypted');
    expect(await f.decided(eventId)).toMatchObject({ notified: true, ruleId: '.m.rule.encrypted_room_one_to_one' });
    const n = await waitFor('encrypted notification', () => f.rec.notifications.find((x) => x.roomId === dm && x.body === 'Encrypted message'));
    expect(JSON.stringify(n)).not.toContain('SECRETCIPHERTEXT');
  });

  it('the content setting: sender only, then nothing but "New message"', async () => {
    const group = await f.room('Privacy', ['alice', 'carol']);
    f.settings.content = 'sender';
    try {
      await f.bob.sendText(group, 'salary details');
      const sender = await waitFor('sender-only notification', () => f.rec.notifications.find((n) => n.roomId === group && n.body !== 'Bob invited you'));
      expect(sender).toMatchObject({ title: 'Privacy', body: 'Bob sent a message' });
      f.settings.content = 'none';
      const before = f.rec.notifications.length;
      await f.bob.sendText(group, 'more salary details');
      const none = await waitFor('content-free notification', () => f.rec.notifications.slice(0, f.rec.notifications.length - before).length && f.rec.notifications.at(-1));
      expect(none).toMatchObject({ title: 'Werkplek', body: 'New message', icon: null, roomName: null });
      expect(JSON.stringify(f.rec.notifications.slice(before))).not.toContain('salary');
    } finally {
      f.settings.content = 'full';
    }
  });

  it("shows the sender's avatar from authenticated media", async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
    await f.bob.uploadAvatar(png);
    const roomId = await f.bob.createRoom({ invite: [f.alice], isDirect: true });
    await (await f.as('alice')).join(roomId);
    await f.bob.sendText(roomId, 'look at my new picture');
    const n = await waitFor('notification with avatar', () => notificationFor(roomId, 'new picture'));
    expect(n.icon).toBe(`data:image/png;base64,${png.toString('base64')}`);
    expect(f.hs.requests.some((r) => r.path.startsWith('/_matrix/client/v1/media/thumbnail/') && r.status === 200)).toBe(true);
  });

  it('unread counts come from the server and drop when read elsewhere; its pop-ups are withdrawn', async () => {
    const dm = await f.room(null, ['alice']);
    const eventId = await f.bob.sendText(dm, 'read me');
    const n = await waitFor('notification to withdraw', () => notificationFor(dm, 'read me'));
    await waitFor('unread 1', () => service.rooms().find((r) => r.roomId === dm)?.notificationCount === 1);
    await (await f.as('alice')).readUpTo(dm, eventId);
    await waitFor('unread 0', () => service.rooms().find((r) => r.roomId === dm)?.notificationCount === 0);
    await waitFor('withdrawn', () => f.rec.withdrawn.some((ids) => ids.includes(n.id)));
  });

  it("matrix-js-sdk's client-side push rule verdicts agree with the homeserver's own unread count", async () => {
    const group = await f.room('Agreement', ['alice', 'carol']);
    const ids = [
      await f.bob.sendText(group, 'plain message'),
      await f.bob.send(group, { msgtype: 'm.notice', body: 'a bot notice' }),
      await f.bob.sendText(group, 'hey', { user_ids: [f.alice] }),
      await f.bob.send(group, { msgtype: 'm.text', body: '* edited', 'm.new_content': { msgtype: 'm.text', body: 'edited' }, 'm.relates_to': { rel_type: 'm.replace', event_id: '$x' } }),
      await f.bob.send(group, { 'm.relates_to': { rel_type: 'm.annotation', event_id: '$x', key: '👍' } }, 'm.reaction'),
      await f.bob.sendText(group, '@room the building closes early'),
      await f.bob.sendText(group, 'Alice, lunch?'),
    ];
    const decisions = await Promise.all(ids.map((id) => f.decided(id)));
    const notified = decisions.filter((d) => d.notified).length;
    expect(decisions.map((d) => d.ruleId)).toEqual(['.m.rule.message', '.m.rule.suppress_notices', '.m.rule.is_user_mention', '.m.rule.suppress_edits', '.m.rule.reaction', '.m.rule.roomnotif', '.m.rule.contains_display_name']);
    await waitFor('server count', () => service.rooms().find((r) => r.roomId === group)?.notificationCount === notified);
    expect(notified).toBe(4);
  });

  it('a long-running session keeps a bounded number of events in memory, and still names senders after trimming', async () => {
    const group = await f.room('Busy', ['alice', 'carol']);
    for (let i = 0; i < 70; i++) await f.bob.sendText(group, `busy ${i}`);
    const last = await f.bob.sendText(group, 'still readable');
    // The decision carries the text its notification shows (whether it pops up alone or, when a
    // loaded machine delivers the burst in few syncs, is counted in a summary).
    expect(await f.decided(last)).toMatchObject({ body: 'Bob: still readable' });
    expect(service.liveEventCount(group)).toBeLessThanOrEqual(maxLiveEvents + 10);
  });

  it('.m.rule.master (all notifications off, set in Element) silences everything, mentions included', async () => {
    const dm = await f.room(null, ['alice']);
    const aliceElsewhere = await f.as('alice');
    await aliceElsewhere.request('PUT', '/pushrules/global/override/.m.rule.master/enabled', { enabled: true });
    try {
      const eventId = await f.bob.sendText(dm, 'Alice, urgent!', { user_ids: [f.alice] });
      expect(await f.decided(eventId)).toMatchObject({ notified: false, reason: 'push-rules', ruleId: '.m.rule.master' });
    } finally {
      await aliceElsewhere.request('PUT', '/pushrules/global/override/.m.rule.master/enabled', { enabled: false });
    }
    const after = await f.bob.sendText(dm, 'and now?');
    expect(await f.decided(after)).toMatchObject({ notified: true });
  });

  it('an invite notifies (.m.rule.invite_for_me), once', async () => {
    const roomId = await f.bob.createRoom({ name: 'Project Y', invite: [f.alice] });
    const n = await waitFor('invite notification', () => f.rec.notifications.find((x) => x.roomId === roomId));
    expect(n).toMatchObject({ title: 'Project Y', body: 'Bob invited you', sound: true });
    expect(f.decisionFor(`invite:${roomId}`)).toMatchObject({ notified: true, ruleId: '.m.rule.invite_for_me' });
    await (await f.as('alice')).join(roomId);
    const after = await f.bob.sendText(roomId, 'welcome');
    await f.decided(after);
    expect(f.rec.notifications.filter((x) => x.roomId === roomId && x.body === 'Bob invited you')).toHaveLength(1);
  });
});
