// Connecting Files and chat on the real composition root (main.ts) and the Electron double: Login
// Flow v2's page and the homeserver's SSO page open in Werkplek's own window on the apps' shared
// partition (not the system browser); closing the window cancels; a completed flow closes it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));

const { recorded, settle } = await import('./electron-double.ts');
const { startMain, call } = await import('./main-harness.ts');
const { Homeserver } = await import('../../fixtures/homeserver/homeserver.ts');

// A server answering Login Flow v2's first two steps; the poll stays "not yet" (404).
let polls = 0;
const flowServer: Server = createServer((req, res) => {
  const origin = `http://127.0.0.1:${(flowServer.address() as AddressInfo).port}`;
  res.setHeader('content-type', 'application/json');
  if (req.method === 'POST' && req.url === '/index.php/login/v2') {
    res.end(JSON.stringify({ poll: { token: 't', endpoint: `${origin}/login/v2/poll` }, login: `${origin}/login/v2/flow/abc` }));
  } else {
    if (req.url === '/login/v2/poll') polls++;
    res.statusCode = 404;
    res.end('[]');
  }
});
let origin = '';
let hs: Awaited<ReturnType<typeof Homeserver.start>>;

beforeAll(async () => {
  await new Promise<void>((done) => flowServer.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(flowServer.address() as AddressInfo).port}`;
  hs = await Homeserver.start({ ssoUser: 'jan.jansen' }); // its built-in SSO signs jan.jansen in at once
  hs.addUser('jan.jansen', 'not-used');
  await startMain({
    apps: [
      { id: 'portaal', name: 'Portaal', url: 'https://portal.example.org/', kind: 'portal' },
      { id: 'bestanden', name: 'Bestanden', url: `${origin}/apps/files/`, kind: 'files' },
      { id: 'chat', name: 'Chat', url: 'https://chat.example.org/', origins: [hs.url], kind: 'chat' },
    ],
  });
}, 30_000);
afterAll(async () => {
  flowServer.close();
  await call('matrix.signOut', {}).catch(() => {});
  await hs?.close();
});

type SyncState = { pendingLogin: { loginUrl: string; way?: string } | null };

describe('connecting Files in the app', () => {
  it('opens the login page in an in-app window on persist:werkplek, not the browser; closing it cancels', async () => {
    const before = recorded.windows.length;
    const { loginUrl } = (await call('sync.startLogin', { server: origin })) as { loginUrl: string };
    expect(loginUrl).toBe(`${origin}/login/v2/flow/abc`);
    expect(recorded.opened).toEqual([]);
    const window = recorded.windows[before]!;
    expect((window.options.webPreferences as { partition: string }).partition).toBe('persist:werkplek');
    await vi.waitFor(() => expect(window.webContents.loaded).toEqual([loginUrl]));
    expect(((await call('sync.state', {})) as SyncState).pendingLogin).toEqual({ loginUrl, way: 'in-app' });
    await vi.waitFor(() => expect(polls).toBeGreaterThan(0), { timeout: 5000 });

    window.close();
    await settle();
    expect(((await call('sync.state', {})) as SyncState).pendingLogin).toBeNull();
    const after = polls;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(polls).toBe(after); // polling stopped with the window
  }, 20_000);
});

describe('connecting chat notifications in the app', () => {
  it('opens the SSO page in an in-app window on persist:werkplek; the flow ending closes it', async () => {
    const before = recorded.windows.length;
    const signedIn = call('matrix.signInSso', { homeserver: hs.url }) as Promise<{ userId: string }>;
    await vi.waitFor(() => expect(recorded.windows.length).toBe(before + 1));
    const window = recorded.windows[before]!;
    expect((window.options.webPreferences as { partition: string }).partition).toBe('persist:werkplek');
    await vi.waitFor(() => expect(window.webContents.loaded).toHaveLength(1));
    const ssoUrl = window.webContents.loaded[0]!;
    expect(ssoUrl.startsWith(`${hs.url}/_matrix/client/v3/login/sso/redirect?redirectUrl=`)).toBe(true);
    expect(recorded.opened).toEqual([]);
    // What Chromium does in the window: follow the homeserver's redirects to the loopback page.
    // The token arrives and is redeemed; the double has no OS keyring, so keeping it is refused, as
    // Electron does without one (safe-storage-keyring.ts) — the flow has ended either way.
    expect(await (await fetch(ssoUrl)).text()).toContain('Signed in.');
    await expect(signedIn).rejects.toThrow(/No OS keyring/);
    await vi.waitFor(() => expect(window.isDestroyed()).toBe(true)); // closed by the flow, not left open
  }, 20_000);
});
