// Verifying the notifier's device with the recovery key (Element's "Verify with Security Key"): a
// wrong or malformed key gets a clear error; the right one cross-signs the device and restores room
// keys from the server-side backup, so a message whose key never reached this device is read.
// Emoji verification started in alice's Element: both show the same emoji; confirmed, it is cross-signed.
import { randomBytes } from 'node:crypto';
import { encodeRecoveryKey } from 'matrix-js-sdk/lib/crypto-api/recovery-key.js';
import { VerificationPhase, VerifierEvent, type ShowSasCallbacks } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatrixFixture, waitFor } from './harness.ts';
import { CryptoPeer } from './crypto-peer.ts';

let f: MatrixFixture;
let bob: CryptoPeer;
let aliceElement: CryptoPeer;
let recoveryKey = '';

beforeAll(async () => {
  f = await MatrixFixture.start();
  f.keyWaitMs = 60_000; // the message below waits for its key until the backup brings it
  aliceElement = await CryptoPeer.login(f.hs.url, 'alice', 'alice-pw');
  recoveryKey = await aliceElement.setUpRecovery();
  await f.signIn();
  bob = await CryptoPeer.login(f.hs.url, 'bob', 'bob-pw');
}, 60_000);
afterAll(async () => {
  bob?.stop();
  aliceElement?.stop();
  await f.close();
});

const notifierDevice = async () => (JSON.parse((await f.keyring.get('matrix.session'))!) as { deviceId: string }).deviceId;

describe("verifying the notifier's device", () => {
  it('wrong and malformed keys are refused clearly; the right one cross-signs the device and restores missed keys from the backup', async () => {
    const service = f.service!;
    expect(await service.verification()).toEqual({ verified: false, recoveryAvailable: true, keyBackup: false });

    const dm = await f.bob.createRoom({ invite: [f.alice], isDirect: true, encrypted: true });
    await (await f.as('alice')).join(dm);
    await aliceElement.client.joinRoom(dm);
    await bob.seesJoined(dm, [f.alice]);
    // The room key reaches alice's Element (which backs it up) but never this device.
    const deviceId = await notifierDevice();
    f.hs.holdToDevice({ userId: f.alice, deviceId });
    try {
      const eventId = await bob.sendText(dm, 'Alleen via de back-up leesbaar');
      expect(await f.decided(eventId)).toMatchObject({ e2e: 'waiting-for-key', reason: 'waiting-for-key' });
      // Element uploads room keys to the backup after a random delay of up to 10 s.
      await waitFor('the key in the backup', () => (f.hs.model.e2e.currentBackup(f.alice)?.keys.get(dm)?.size ?? 0) > 0, 30_000);

      await expect(service.verifyWithRecoveryKey('not a key')).rejects.toMatchObject({ kind: 'malformed-recovery-key' });
      await expect(service.verifyWithRecoveryKey(encodeRecoveryKey(randomBytes(32))!)).rejects.toMatchObject({ kind: 'wrong-recovery-key' });
      expect((await service.verification()).verified).toBe(false);

      const result = await service.verifyWithRecoveryKey(recoveryKey);
      expect(result).toMatchObject({ verified: true, keyBackup: true });
      expect(result.restoredKeys).toBeGreaterThanOrEqual(1);
      // Cross-signed at the server: the device keys carry a signature by alice's self-signing key.
      const selfSigning = Object.keys(f.hs.model.e2e.user(f.alice).crossSigning.self_signing!.keys as Record<string, string>)[0]!;
      expect(Object.keys(f.hs.model.e2e.user(f.alice).devices.get(deviceId)!.keys.signatures![f.alice]!)).toContain(selfSigning);
      // The waiting message is decided on its text once the backup brought its key.
      const final = await waitFor('the decision after the restore', () => f.rec.decisions.find((d) => d.eventId === eventId && d.e2e === 'decrypted'), 20_000);
      expect(final).toMatchObject({ notified: true, body: 'Alleen via de back-up leesbaar' });
    } finally {
      f.hs.releaseToDevice();
    }
  }, 90_000);

  it('emoji verification from another own session: accept, the same seven emoji on both sides, confirm → cross-signed, and the backup key follows', async () => {
    const service = f.service!;
    // A fresh notifier device (signed in anew), not yet verified.
    await service.signOut();
    await service.signInWithPassword(f.hs.url, 'alice', 'alice-pw');
    await f.untilSyncing();
    const deviceId = await notifierDevice();
    await aliceElement.knowsDevices(f.alice, [deviceId]);
    expect((await service.verification()).verified).toBe(false);

    const request = await aliceElement.client.getCrypto()!.requestDeviceVerification(f.alice, deviceId);
    await waitFor('the request at the notifier', () => service.emojiVerification().phase === 'requested');
    expect(service.emojiVerification()).toEqual({ phase: 'requested', otherDeviceId: aliceElement.deviceId });
    await service.acceptEmojiVerification();
    await waitFor('ready', () => request.phase === VerificationPhase.Ready);
    const verifier = await request.startVerification('m.sas.v1');
    const theirs = new Promise<ShowSasCallbacks>((resolve) => verifier.once(VerifierEvent.ShowSas, resolve));
    const done = verifier.verify();
    const elementSas = await theirs;
    const ours = await waitFor('emoji at the notifier', () => {
      const state = service.emojiVerification();
      return state.phase === 'compare' ? state : null;
    });
    expect(ours.emojis).toHaveLength(7);
    expect(ours.emojis).toEqual(elementSas.sas.emoji!.map(([emoji, name]) => ({ emoji, name })));
    await Promise.all([elementSas.confirm(), service.confirmEmojiVerification(true)]);
    await done;
    await waitFor('done', () => service.emojiVerification().phase === 'done');
    // Element, holding the self-signing key, signed the notifier's device: it is now verified.
    const verified = await waitForAsync(async () => (await service.verification()).verified, 20_000);
    expect(verified).toBe(true);
    // The other session then shares the backup key (secret gossip): missed keys can come from the backup.
    expect(await waitForAsync(async () => (await service.verification()).keyBackup, 15_000)).toBe(true);
  }, 90_000);
});

async function waitForAsync(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
