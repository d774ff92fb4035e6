// `werkplek notify` with encrypted chats: its own device decrypts what senders share with it, each
// decision line says decrypted / waiting for a key / undecryptable and why, and standard output
// carries nothing but those JSON lines (the SDK's own log lines go to standard error).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Homeserver } from '../../fixtures/homeserver/homeserver.ts';
import { PlainClient } from '../../fixtures/homeserver/plain-client.ts';
import { waitFor } from './harness.ts';
import { CryptoPeer } from './crypto-peer.ts';
import { runNotify } from './notify-cli.ts';

let hs: Homeserver;
let bob: CryptoPeer;
let alice = '';

beforeAll(async () => {
  hs = await Homeserver.start();
  alice = hs.addUser('alice', 'alice-pw', 'Alice');
  hs.addUser('bob', 'bob-pw', 'Bob');
  bob = await CryptoPeer.login(hs.url, 'bob', 'bob-pw');
}, 60_000);
afterAll(async () => {
  bob?.stop();
  await hs.close();
});

describe('werkplek notify, encrypted', () => {
  it('decrypted, waiting for a key, undecryptable with the reason; stdout is only JSON lines', async () => {
    const bobPlain = await PlainClient.login(hs.url, 'bob', 'bob-pw');
    const dm = await bobPlain.createRoom({ invite: [alice], isDirect: true, encrypted: true });
    await (await PlainClient.login(hs.url, 'alice', 'alice-pw')).join(dm);
    await bob.seesJoined(dm, [alice]);
    const p = runNotify(['--homeserver', hs.url, '--user', 'alice', '--password-env', 'PW', '--json', '--key-wait', '1'], { PW: 'alice-pw' });
    try {
      await waitFor('the CLI syncing with its keys uploaded', () => p.stderr.some((l) => l.includes('status: syncing')) && [...hs.model.e2e.user(alice).devices.values()].some((d) => d.keys.keys), 30_000);
      await bob.knowsDevices(alice, [...hs.model.e2e.user(alice).devices].filter(([, d]) => d.keys.keys).map(([id]) => id));
      const readable = await bob.sendText(dm, 'Het rapport staat klaar');
      await waitFor('the decrypted line', () => p.stdout.some((l) => l.includes(readable)), 30_000);
      await bob.client.getCrypto()!.forceDiscardSession(dm);
      hs.holdToDevice();
      const unreadable = await bob.sendText(dm, 'nooit leesbaar');
      await waitFor('waiting, then undecryptable', () => p.stdout.filter((l) => l.includes(unreadable)).length >= 2, 30_000);
      hs.releaseToDevice();
      const lines = p.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => l.eventId === readable)).toMatchObject({ notified: true, e2e: 'decrypted', e2eReason: null, title: 'Bob', body: 'Het rapport staat klaar' });
      const [waiting, decided] = lines.filter((l) => l.eventId === unreadable);
      expect(waiting).toMatchObject({ notified: false, reason: 'waiting-for-key', e2e: 'waiting-for-key', e2eReason: 'no-key' });
      expect(decided).toMatchObject({ notified: true, e2e: 'undecryptable', e2eReason: 'no-key', body: 'Encrypted message' });
    } finally {
      hs.releaseToDevice();
      p.child.kill('SIGINT');
    }
    expect(await p.exited).toBe(0);
    // Every stdout line is a decision; the plaintext is only in the decision that shows it.
    for (const line of p.stdout) expect(() => JSON.parse(line)).not.toThrow();
    expect(p.stderr.join('\n')).not.toContain('Het rapport');
  }, 90_000);
});
