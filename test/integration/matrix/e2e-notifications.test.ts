// Encrypted chats: a second real matrix-js-sdk client with Rust crypto (bob's Element) sends real
// Megolm messages; the notifier decrypts them and decides on the decrypted content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatrixFixture, waitFor } from './harness.ts';
import { CryptoPeer } from './crypto-peer.ts';

let f: MatrixFixture;
let bob: CryptoPeer;

beforeAll(async () => {
  f = await MatrixFixture.start();
  await f.signIn();
  bob = await CryptoPeer.login(f.hs.url, 'bob', 'bob-pw');
}, 60_000);
afterAll(async () => {
  bob?.stop();
  await f.close();
});

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
});
