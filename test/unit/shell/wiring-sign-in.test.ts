// Connecting Files on the real composition root (main.ts) and the Electron double: Login Flow v2's
// page opens in Werkplek's own window on the apps' shared partition (not the system browser), and
// closing that window cancels the waiting sign-in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));

const { recorded, settle } = await import('./electron-double.ts');
const { startMain, call } = await import('./main-harness.ts');

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

beforeAll(async () => {
  await new Promise<void>((done) => flowServer.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(flowServer.address() as AddressInfo).port}`;
  await startMain({ apps: [{ id: 'portaal', name: 'Portaal', url: 'https://portal.example.org/', kind: 'portal' }, { id: 'bestanden', name: 'Bestanden', url: `${origin}/apps/files/`, kind: 'files' }] });
}, 30_000);
afterAll(() => flowServer.close());

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
