// Faults from the homeserver: token expiry (hard and soft logout), 429 with Retry-After and
// retry_after_ms, nonsense answers, a dropped connection. Logged, retried, never fatal.
import { afterEach, describe, expect, it } from 'vitest';
import { MatrixFixture, waitFor } from './harness.ts';
import { rateLimited } from '../../fixtures/homeserver/homeserver.ts';
import { keyringName } from '../../../electron/core/matrix/matrix-service.ts';

let f: MatrixFixture;
afterEach(async () => {
  await f?.close();
});

const syncPath = /\/_matrix\/client\/v3\/sync$/;

describe('Matrix faults', () => {
  it('M_UNKNOWN_TOKEN (hard): sync stops, the user is asked to sign in again, the dead token is dropped', async () => {
    f = await MatrixFixture.start();
    const service = await f.signIn();
    f.hs.expireTokens(f.alice, false);
    await f.bob.sendText(await f.room(null, ['alice']), 'wake the sync');
    await waitFor('needs-sign-in', () => service.status().state === 'needs-sign-in');
    expect(service.status()).toMatchObject({ userId: f.alice, homeserver: f.hs.url });
    expect(await f.keyring.get(keyringName)).toBeNull();
    expect(f.rec.logs.some((l) => l.includes('soft logout: false'))).toBe(true);
  });

  it('soft logout keeps the device: signing in again continues on the same device without renotifying', async () => {
    f = await MatrixFixture.start();
    const service = await f.signIn();
    const dm = await f.room(null, ['alice']);
    const first = await f.bob.sendText(dm, 'first');
    await f.decided(first);
    const deviceId = [...f.hs.model.users.get(f.alice)!.devices.keys()];
    f.hs.expireTokens(f.alice, true);
    await f.bob.sendText(dm, 'second');
    await waitFor('needs-sign-in', () => service.status().state === 'needs-sign-in');
    expect(await f.keyring.get(keyringName)).not.toBeNull();
    await service.signInWithPassword(f.hs.url, 'alice', 'alice-pw');
    await f.untilSyncing();
    expect([...f.hs.model.users.get(f.alice)!.devices.keys()]).toEqual(deviceId);
    const third = await f.bob.sendText(dm, 'third');
    await f.decided(third);
    expect(f.rec.notifications.filter((n) => n.body === 'first')).toHaveLength(1);
    // "second" arrived while signed out: it comes in the catch-up after signing in again.
    expect(f.rec.notifications.map((n) => n.body).filter((b) => b !== 'Bob invited you')).toEqual(['first', 'second', 'third']);
  });

  it('429 on /sync waits what the server says (the Retry-After header wins over retry_after_ms), then goes on', async () => {
    f = await MatrixFixture.start();
    await f.signIn();
    const dm = await f.room(null, ['alice']);
    f.hs.injectFault({ method: 'GET', path: syncPath, reply: rateLimited(200, 2) });
    const eventId = await f.bob.sendText(dm, 'after the rate limit');
    expect(await f.decided(eventId)).toMatchObject({ notified: true });
    const syncs = f.hs.requests.filter((r) => syncPath.test(r.path));
    const limitedAt = syncs.findIndex((r) => r.status === 429);
    expect(limitedAt).toBeGreaterThanOrEqual(0);
    const retry = syncs[limitedAt + 1]!;
    expect(retry.at - syncs[limitedAt]!.at).toBeGreaterThanOrEqual(1990);
    expect(f.rec.logs.some((l) => l.includes('rate limited, waiting 2000 ms'))).toBe(true);
  });

  it('429 with only retry_after_ms waits that long', async () => {
    f = await MatrixFixture.start();
    await f.signIn();
    const dm = await f.room(null, ['alice']);
    f.hs.injectFault({ method: 'GET', path: syncPath, reply: rateLimited(700) });
    const eventId = await f.bob.sendText(dm, 'after a short limit');
    await f.decided(eventId);
    expect(f.rec.logs.some((l) => l.includes('rate limited, waiting 700 ms'))).toBe(true);
  });

  it('nonsense from the server is logged and retried; the next message still notifies', async () => {
    f = await MatrixFixture.start();
    const service = await f.signIn();
    const dm = await f.room(null, ['alice']);
    f.hs.injectFault({ method: 'GET', path: syncPath, reply: { status: 200, raw: '<html>502 Bad Gateway</html>', contentType: 'text/html' } });
    f.hs.injectFault({ method: 'GET', path: syncPath, reply: { status: 500, json: { unexpected: ['shape'] } } });
    const eventId = await f.bob.sendText(dm, 'still here');
    // matrix-js-sdk waits 2–7 s (randomised) before each retry after a failed sync.
    expect(await f.decided(eventId, 50_000)).toMatchObject({ notified: true });
    expect(f.rec.logs.some((l) => l.startsWith('warn matrix-sdk'))).toBe(true);
    expect(service.status().state).toBe('syncing');
  }, 60_000);

  it('malformed events inside a valid sync are skipped, the rest notifies', async () => {
    f = await MatrixFixture.start();
    await f.signIn();
    const dm = await f.room(null, ['alice']);
    // Content that is not an object, a body that is not a string: the server stores what clients send.
    const odd = await f.bob.send(dm, { msgtype: 'm.text', body: { not: 'a string' } });
    const fine = await f.bob.sendText(dm, 'plain');
    expect(await f.decided(fine)).toMatchObject({ notified: true });
    expect(await f.decided(odd)).toBeDefined();
    expect(f.rec.notifications.some((n) => n.body === 'plain')).toBe(true);
  });

  it('a dropped connection backs off and resumes from the saved position', async () => {
    f = await MatrixFixture.start();
    const service = await f.signIn();
    const dm = await f.room(null, ['alice']);
    f.hs.injectFault({ method: 'GET', path: syncPath, reply: 'hang-up', times: 2 });
    const eventId = await f.bob.sendText(dm, 'after the outage');
    await waitFor('offline state', () => f.rec.statuses.some((s) => s.state === 'offline'));
    expect(await f.decided(eventId, 50_000)).toMatchObject({ notified: true });
    await waitFor('syncing again', () => service.status().state === 'syncing');
  }, 60_000);

  it('after sleep, a long-poll hanging on a dead socket is abandoned at once (resume), not after poll + 80 s', async () => {
    f = await MatrixFixture.start();
    const service = await f.signIn();
    const dm = await f.room(null, ['alice']);
    const syncsBefore = f.hs.requests.filter((r) => syncPath.test(r.path)).length;
    f.hs.injectFault({ method: 'GET', path: syncPath, reply: 'hang' });
    // Let the notifier's next long-poll be the hanging one.
    await f.bob.sendText(dm, 'wake');
    await waitFor('a hanging sync', () => f.hs.requests.filter((r) => syncPath.test(r.path)).length > syncsBefore && f.hs.requests.some((r) => r.status === 0));
    const eventId = await f.bob.sendText(dm, 'sent while the laptop slept');
    service.retryNow();
    // The SDK reconnects after its keep-alive check (2–7 s), far sooner than the 110 s local timeout.
    expect(await f.decided(eventId, 30_000)).toMatchObject({ notified: true });
  }, 60_000);
});
