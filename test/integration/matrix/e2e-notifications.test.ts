// Encrypted chats: a second real matrix-js-sdk client with Rust crypto (bob's Element) sends real
// Megolm messages; the notifier decrypts them and decides on the decrypted content.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatrixFixture, waitFor } from './harness.ts';
import { CryptoPeer } from './crypto-peer.ts';

let f: MatrixFixture;
let bob: CryptoPeer;

beforeAll(async () => {
  f = await MatrixFixture.start();
  f.keyWaitMs = 1500;
  await f.signIn();
  bob = await CryptoPeer.login(f.hs.url, 'bob', 'bob-pw');
}, 60_000);
afterAll(async () => {
  bob?.stop();
  await f.close();
});

async function notifierDevice(): Promise<string> {
  return (JSON.parse((await f.keyring.get('matrix.session'))!) as { deviceId: string }).deviceId;
}

async function encryptedRoom(name: string | null, members: Array<'alice' | 'carol'>): Promise<string> {
  const ids = members.map((m) => f.hs.model.userIdFor(m));
  const roomId = await f.bob.createRoom({ ...(name ? { name } : {}), invite: ids, isDirect: name === null, encrypted: true });
  for (const m of members) await (await f.as(m)).join(roomId);
  await bob.seesJoined(roomId, ids);
  return roomId;
}

describe('encrypted chats', () => {
  it('an encrypted DM is decrypted and shown with sender and text', async () => {
    const dm = await encryptedRoom(null, ['alice']);
    const eventId = await bob.sendText(dm, 'The budget memo is ready');
    const stored = f.hs.model.rooms.get(dm)!.events.find((e) => e.event_id === eventId)!;
    expect(stored.type).toBe('m.room.encrypted');
    expect(JSON.stringify(stored.content)).not.toContain('budget');
    const decision = await f.decided(eventId);
    expect(decision).toMatchObject({ notified: true, e2e: 'decrypted', ruleId: '.m.rule.room_one_to_one', title: 'Bob', body: 'The budget memo is ready' });
    const n = await waitFor('DM notification', () => f.rec.notifications.find((x) => x.roomId === dm && x.kind === 'message' && x.body !== 'Bob invited you'));
    expect(n).toMatchObject({ title: 'Bob', body: 'The budget memo is ready' });
  }, 30_000);

  it('in an encrypted group room set to "mentions and keywords", a mention notifies and a plain message does not', async () => {
    const group = await encryptedRoom('Beleid', ['alice', 'carol']);
    // Element's "Mentions & keywords": a room rule without notify.
    await (await f.as('alice')).request('PUT', `/pushrules/global/room/${encodeURIComponent(group)}`, { actions: ['dont_notify'] });
    // Rules reach the notifier as m.push_rules account data, which a sync applies before its timelines.
    const plain = await bob.sendText(group, 'coffee at ten');
    expect(await f.decided(plain)).toMatchObject({ notified: false, reason: 'push-rules', e2e: 'decrypted', ruleId: group });
    const mention = await bob.sendText(group, 'Alice, can you check the memo?', { user_ids: [f.alice] });
    expect(await f.decided(mention)).toMatchObject({ notified: true, e2e: 'decrypted', ruleId: '.m.rule.is_user_mention', title: 'Beleid', body: 'Bob: Alice, can you check the memo?' });
    await (await f.as('alice')).request('PUT', '/pushrules/global/content/begroting', { pattern: 'begroting', actions: ['notify', { set_tweak: 'highlight' }] });
    const keyword = await bob.sendText(group, 'de begroting is klaar');
    expect(await f.decided(keyword)).toMatchObject({ notified: true, e2e: 'decrypted', ruleId: 'begroting' });
  }, 30_000);

  it('a room key that arrives after its message: waiting, then decided on the decrypted text when it comes', async () => {
    const dm = await encryptedRoom(null, ['alice']);
    await bob.sendText(dm, 'warm-up'); // the Olm session exists; the next message uses a new Megolm session below
    await bob.client.getCrypto()!.forceDiscardSession(dm);
    f.hs.holdToDevice();
    const eventId = await bob.sendText(dm, 'Late key, real text');
    expect(await f.decided(eventId)).toMatchObject({ notified: false, reason: 'waiting-for-key', e2e: 'waiting-for-key', e2eReason: 'no-key', body: 'Encrypted message' });
    f.hs.releaseToDevice();
    const final = await waitFor('the decision once the key came', () => f.rec.decisions.filter((d) => d.eventId === eventId)[1]);
    expect(final).toMatchObject({ notified: true, e2e: 'decrypted', body: 'Late key, real text' });
  }, 30_000);

  it('no key within the wait: one honest "Encrypted message" in a DM, the default rules in a group room, never a flood', async () => {
    const dm = await encryptedRoom(null, ['alice']);
    const group = await encryptedRoom('Zonder sleutel', ['alice', 'carol']);
    await bob.client.getCrypto()!.forceDiscardSession(dm);
    await bob.client.getCrypto()!.forceDiscardSession(group);
    f.hs.holdToDevice();
    try {
      const single = await bob.sendText(dm, 'never readable');
      const decided = await waitFor('undecryptable after the wait', () => f.rec.decisions.find((d) => d.eventId === single && d.e2e === 'undecryptable'), 10_000);
      expect(decided).toMatchObject({ notified: true, e2eReason: 'no-key', ruleId: '.m.rule.encrypted_room_one_to_one', title: 'Bob', body: 'Encrypted message' });
      expect(f.rec.notifications.filter((n) => n.roomId === dm && n.body === 'Encrypted message')).toHaveLength(1);
      const inGroup = await bob.sendText(group, 'also unreadable');
      expect(await waitFor('group undecryptable', () => f.rec.decisions.find((d) => d.eventId === inGroup && d.e2e === 'undecryptable'), 10_000)).toMatchObject({ notified: true, ruleId: '.m.rule.encrypted', body: 'Bob: Encrypted message' });
      // Five at once in a room whose key is missing: their wait ends together (one Megolm session),
      // one summary instead of five pop-ups.
      const burstRoom = await encryptedRoom('Vijf', ['alice', 'carol']);
      await bob.client.getCrypto()!.forceDiscardSession(burstRoom);
      const before = f.rec.notifications.length;
      const burst: string[] = [];
      for (let i = 0; i < 5; i++) burst.push(await bob.sendText(burstRoom, `burst ${i}`));
      await waitFor('all five decided', () => burst.every((id) => f.rec.decisions.some((d) => d.eventId === id && d.e2e === 'undecryptable')), 10_000);
      await new Promise((r) => setTimeout(r, 200));
      // (The invite to the new room may be notified late on a loaded machine: not part of the burst.)
      const shown = f.rec.notifications.slice(before).filter((n) => n.body !== 'Bob invited you');
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({ kind: 'summary', roomId: burstRoom, body: '5 new messages in 1 conversation' });
    } finally {
      f.hs.releaseToDevice();
    }
  }, 40_000);

  it('a restart keeps the device and its keys (no new device) and still decrypts; the file holds no plaintext', async () => {
    const dm = await encryptedRoom(null, ['alice']);
    await bob.sendText(dm, 'before the restart');
    const devicesBefore = [...f.hs.model.users.get(f.alice)!.devices.keys()];
    const deviceId = await notifierDevice();
    const keysBefore = JSON.stringify(f.hs.model.e2e.user(f.alice).devices.get(deviceId)!.keys.keys);
    expect(keysBefore).toContain('ed25519');
    await f.service!.dispose();
    const file = f.service!.cryptoFile;
    expect(existsSync(file)).toBe(true);
    const raw = readFileSync(file);
    for (const secret of ['before the restart', 'budget', 'curve25519', 'ed25519']) expect(raw.includes(secret)).toBe(false);
    expect(readFileSync(f.service!.stateFile, 'utf8')).not.toContain('before the restart');
    const service = f.createService();
    await service.restore();
    await f.untilSyncing();
    expect([...f.hs.model.users.get(f.alice)!.devices.keys()]).toEqual(devicesBefore);
    expect(await notifierDevice()).toBe(deviceId);
    expect(JSON.stringify(f.hs.model.e2e.user(f.alice).devices.get(deviceId)?.keys.keys)).toBe(keysBefore);
    // Same Megolm session as before the restart: only a restored inbound session can read it.
    const after = await bob.sendText(dm, 'after the restart');
    expect(await f.decided(after)).toMatchObject({ notified: true, e2e: 'decrypted', body: 'after the restart' });
  }, 40_000);

  it('sign-out deletes the device at the server and wipes the key store and its key', async () => {
    const service = f.service!;
    const deviceId = await notifierDevice();
    const file = service.cryptoFile;
    await waitFor('the key store was written', () => existsSync(file));
    await service.signOut();
    expect(f.hs.model.users.get(f.alice)!.devices.has(deviceId)).toBe(false);
    expect(f.hs.model.e2e.user(f.alice).devices.has(deviceId)).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(await f.keyring.get('matrix.crypto-store-key')).toBeNull();
    // Decrypted text and keys never reached the log.
    expect(f.rec.logs.join('\n')).not.toMatch(/budget|Late key|never readable|before the restart|after the restart/);
  }, 30_000);
});
