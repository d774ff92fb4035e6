// The catalog source on the real composition root (main.ts) and the Electron double: the portal's
// navigation is read with the cookies of the apps' shared session (persist:werkplek), and signing
// in there (the session cookie set) asks the portal again, filling the sidebar.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PortalNavigationServer, SESSION_COOKIE, SESSION_TOKEN } from '../../fixtures/portal-navigation.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));

const { recorded, electronModule } = await import('./electron-double.ts');
const { startMain, call } = await import('./main-harness.ts');

let server: PortalNavigationServer;
beforeAll(async () => {
  server = await new PortalNavigationServer().start();
  // Another site's cookie in the shared session: never sent to the portal.
  await electronModule.session.fromPartition('persist:werkplek').cookies.set({ url: 'https://chat.example.org/', name: 'chat_session', value: 'not-for-the-portal' });
  await startMain({ locked: { 'catalog.source': { url: server.url, pin: ['umc'] } } });
});
afterAll(async () => server.stop());

type Entry = { app: { id: string }; source: string; group?: string };

describe('catalog source wiring', () => {
  it('before the sign-in: asked without a cookie, signed-out, the policy apps only', async () => {
    await vi.waitFor(async () => expect(await call('catalogSource.status', {})).toMatchObject({ state: 'stale', problem: 'signed-out' }));
    expect(server.navigationRequests()[0]).toMatchObject({ cookie: null, language: 'en-US' });
    expect(((await call('catalog.list', {})) as Entry[]).map((entry) => entry.app.id)).toEqual(['chat', 'files']);
  });

  it('signing in at the portal in the shared session: the cookie goes along and the sidebar fills, grouped, pinned first', async () => {
    const shared = recorded.sessions.get('persist:werkplek')!;
    await shared.cookies.set({ url: new URL(server.url).origin, name: SESSION_COOKIE, value: SESSION_TOKEN, httpOnly: true });
    await vi.waitFor(async () => expect(await call('catalogSource.status', {})).toMatchObject({ state: 'ok' }), { timeout: 5000 });
    expect(server.navigationRequests().at(-1)!.cookie).toBe(`${SESSION_COOKIE}=${SESSION_TOKEN}`);
    const list = (await call('catalog.list', {})) as Entry[];
    expect(list.map((entry) => `${entry.group ?? '-'}/${entry.app.id}`)).toEqual(['Administration/umc', '-/chat', '-/files', 'Collaboration/nextcloud', 'Collaboration/element-chat', 'Collaboration/ox']);
  });

  it('while the list is good, a cookie change does not ask again', async () => {
    const asked = server.navigationRequests().length;
    await recorded.sessions.get('persist:werkplek')!.cookies.set({ url: new URL(server.url).origin, name: 'refresh', value: '2' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.navigationRequests()).toHaveLength(asked);
  });
});
