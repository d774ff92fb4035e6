// The notifier in its own process (as the app runs it in a utilityProcess; here child_process.fork):
// the bridge handlers talk to it over worker-protocol.ts, the keyring stays in the app, a killed
// worker is restarted and resumes the session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import { Homeserver } from '../../fixtures/homeserver/homeserver.ts';
import { PlainClient } from '../../fixtures/homeserver/plain-client.ts';
import { waitFor } from './harness.ts';
import { matrixServiceOf, setMatrixWorkerLauncher } from '../../../electron/core/matrix/matrix-handlers.ts';
import { forkMatrixWorker } from '../../../electron/core/matrix/matrix-worker-host.ts';
import { keyringName } from '../../../electron/core/matrix/matrix-service.ts';
import type { MatrixWorkerProcess } from '../../../electron/core/matrix/worker-protocol.ts';
import type { CoreServices } from '../../../electron/core/services.ts';

let hs: Homeserver;
let core: CoreServices;
let bob: PlainClient;
let alice = '';
const workers: MatrixWorkerProcess[] = [];
const events: Array<{ name: string; payload: unknown }> = [];

beforeAll(async () => {
  hs = await Homeserver.start();
  alice = hs.addUser('alice', 'alice-pw', 'Alice');
  hs.addUser('bob', 'bob-pw', 'Bob');
  bob = await PlainClient.login(hs.url, 'bob', 'bob-pw');
  setMatrixWorkerLauncher((entry) => {
    const worker = forkMatrixWorker(entry);
    workers.push(worker);
    return worker;
  });
  core = await createTestCore({ policy: { apps: [{ id: 'chat', name: 'Chat', url: 'https://chat.example.org/', kind: 'chat' }] } });
  setMatrixWorkerLauncher(null);
  core.hub.subscribe((name, payload) => events.push({ name, payload }));
});
afterAll(async () => {
  await matrixServiceOf(core.ctx)?.dispose();
  await core.close();
  await hs.close();
});

const statusIs = (state: string) => () => events.some((e) => e.name === 'matrix.status' && (e.payload as { state: string }).state === state);

describe('the notifier in its own process', () => {
  it('signs in (token kept in the app keyring), notifies over the bridge, survives a crash of its process', async () => {
    await expect(core.handlers['matrix.signInPassword']({ homeserver: hs.url, user: 'alice', password: 'wrong' })).rejects.toThrow('the user name or password is wrong');
    const status = await core.handlers['matrix.signInPassword']({ homeserver: hs.url, user: 'alice', password: 'alice-pw' });
    expect(status.userId).toBe(alice);
    expect(await core.ctx.keyring.get(keyringName)).toContain('accessToken');
    await waitFor('syncing', statusIs('syncing'), 30_000);

    const dm = await bob.createRoom({ invite: [alice], isDirect: true });
    await (await PlainClient.login(hs.url, 'alice', 'alice-pw')).join(dm);
    await bob.sendText(dm, 'from the other process');
    await waitFor('notification', () => events.find((e) => e.name === 'matrix.notification' && (e.payload as { body: string }).body === 'from the other process'), 30_000);
    expect((await core.handlers['matrix.notifications']({})).map((n) => n.body).filter((b) => b !== 'Bob invited you')).toEqual(['from the other process']);
    await waitFor('rooms', () => matrixServiceOf(core.ctx)!.rooms().some((r) => r.roomId === dm && r.notificationCount === 1), 30_000);
    expect((await core.handlers['matrix.setRoomMuted']({ roomId: dm, muted: true })).find((r) => r.roomId === dm)?.muted).toBe(true);
    await core.handlers['matrix.setRoomMuted']({ roomId: dm, muted: false });
    // End-to-end keys: their store's key is in the app's keyring; verification answers across the process boundary.
    expect(await core.ctx.keyring.get('matrix.crypto-store-key')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(await core.handlers['matrix.verification']({})).toEqual({ verified: false, recoveryAvailable: false, keyBackup: false });
    expect(await core.handlers['matrix.verifyWithRecoveryKey']({ recoveryKey: 'not a recovery key' })).toMatchObject({ verified: false, restoredKeys: null, error: 'malformed-recovery-key' });
    expect(await core.handlers['matrix.emojiVerification']({})).toEqual({ phase: 'none' });
    await expect(core.handlers['matrix.acceptEmojiVerification']({})).rejects.toThrow('there is no verification request to accept');

    // The worker dies: it is restarted, resumes from the saved position, and notifies only the new message.
    events.length = 0;
    workers.at(-1)!.kill();
    await waitFor('a new worker', () => workers.length === 2, 30_000);
    await waitFor('syncing again', statusIs('syncing'), 30_000);
    await bob.sendText(dm, 'after the restart');
    await waitFor('notification after restart', () => events.find((e) => e.name === 'matrix.notification' && (e.payload as { body: string }).body === 'after the restart'), 30_000);
    expect(events.filter((e) => e.name === 'matrix.notification').map((e) => (e.payload as { body: string }).body)).toEqual(['after the restart']);

    expect((await core.handlers['matrix.signOut']({})).state).toBe('signed-out');
    expect(await core.ctx.keyring.get(keyringName)).toBeNull();
  }, 90_000);
});
