// One sign-in for chat notifications, on a real core against the test homeserver whose SSO
// delegates to a real OpenID Connect provider. The in-app sign-in window is played by the
// cookie-keeping browser where the person first signed in (the shared partition): no password,
// only the homeserver's "Continue"; the loopback redirect receives the loginToken, the window is
// closed, notifications arrive. A dead token (M_UNKNOWN_TOKEN) says "sign in again" and the same
// path reconnects.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import { janJansen, oidcClient, startOidcProvider, type OidcProviderHandle } from '../../fixtures/oidc-provider.ts';
import { Homeserver } from '../../fixtures/homeserver/homeserver.ts';
import { PlainClient } from '../../fixtures/homeserver/plain-client.ts';
import { delegateSsoTo } from '../../fixtures/homeserver/routes-sso.ts';
import { CookieBrowser, type Page } from '../../fixtures/cookie-browser.ts';
import { matrixServiceOf } from '../../../electron/core/matrix/matrix-handlers.ts';
import type { SignInWindowRequest } from '../../../electron/core/shell/sign-in-page.ts';

let provider: OidcProviderHandle;
let hs: Homeserver;
let jan = '';
beforeAll(async () => {
  provider = await startOidcProvider();
  hs = await Homeserver.start({ ssoUser: 'jan.jansen' });
  jan = hs.addUser('jan.jansen', 'not-used', 'Jan Jansen');
  hs.addUser('bob', 'bob-pw', 'Bob');
  delegateSsoTo(hs, provider);
});
afterAll(async () => {
  await hs?.close();
  await provider?.stop();
});

describe('connecting chat notifications with one sign-in at the identity provider', () => {
  it('asks no password after the web sign-in, notifies, and reconnects the same way after the token dies', async () => {
    const partition = new CookieBrowser();
    // The person signed in to some app of the organisation earlier: the provider knows them.
    const web = oidcClient(provider.issuer, { clientId: 'portal', clientSecret: 'portal-secret', redirectUris: [`${provider.issuer}/portal-back`] });
    provider.register({ clientId: 'portal', clientSecret: 'portal-secret', redirectUris: [`${provider.issuer}/portal-back`] });
    await partition.submit(await partition.open(web.authorizeUrl('p')), { username: janJansen.username, password: janJansen.password });
    expect(provider.passwordPrompts()).toBe(1);

    const core = await createTestCore({ policy: { apps: [{ id: 'chat', name: 'Chat', url: 'https://chat.example.org/', origins: [hs.url], kind: 'chat' }], defaults: { 'matrix.homeserver': hs.url } } });
    const events: Array<{ name: string; payload: unknown }> = [];
    core.hub.subscribe((name, payload) => events.push({ name, payload }));
    const windows: Array<{ request: SignInWindowRequest; page: Promise<Page>; closed: boolean }> = [];
    core.ctx.shell.host.signInWindow = (request) => {
      const entry = { request, page: partition.open(request.url), closed: false };
      windows.push(entry);
      return { close: () => void (entry.closed = true) };
    };
    /** What the person does in the window: confirm with "Continue" (the homeserver's page). */
    const confirmInWindow = async (index: number) => {
      const confirm = await windows[index]!.page;
      expect(confirm.html).toContain('Continue to your account');
      expect(confirm.html).not.toContain('type="password"');
      const done = await partition.submit(confirm, {});
      expect(done.html).toContain('Signed in.');
    };
    try {
      expect(await core.handlers['matrix.loginFlows']({ homeserver: hs.url })).toMatchObject({ sso: true });
      const signedIn = core.handlers['matrix.signInSso']({ homeserver: hs.url });
      await vi.waitFor(() => expect(windows).toHaveLength(1));
      expect(core.opened).toEqual([]);
      expect(windows[0]!.request.partition).toBe('persist:werkplek');
      await confirmInWindow(0);
      expect((await signedIn).userId).toBe(jan);
      await vi.waitFor(() => expect(windows[0]!.closed).toBe(true));

      const bob = await PlainClient.login(hs.url, 'bob', 'bob-pw');
      const roomId = await bob.createRoom({ name: 'Team', invite: [jan] });
      await vi.waitFor(() => expect(events.some((e) => e.name === 'matrix.status' && (e.payload as { state: string }).state === 'syncing')).toBe(true), { timeout: 10_000 });
      await (await PlainClient.login(hs.url, 'jan.jansen', 'not-used')).join(roomId);
      await bob.sendText(roomId, 'stand-up in 5');
      // The notification decision arrives as a bridge event (the invite may come first).
      await vi.waitFor(() => expect(events.some((e) => e.name === 'matrix.notification' && (e.payload as { body: string }).body.includes('stand-up in 5'))).toBe(true), { timeout: 15_000 });

      // Signed out everywhere: the token dies; the status says so (no silent failing).
      hs.expireTokens(jan, false);
      await bob.sendText(roomId, 'are you there?'); // ends the long-poll; the next one meets the dead token
      await vi.waitFor(async () => expect((await core.handlers['matrix.status']({})).state).toBe('needs-sign-in'), { timeout: 15_000 });
      const again = core.handlers['matrix.signInSso']({ homeserver: hs.url });
      await vi.waitFor(() => expect(windows).toHaveLength(2));
      await confirmInWindow(1);
      expect((await again).userId).toBe(jan);
      await vi.waitFor(async () => expect((await core.handlers['matrix.status']({})).state).toBe('syncing'), { timeout: 15_000 });
      expect(provider.passwordPrompts()).toBe(1);
    } finally {
      await matrixServiceOf(core.ctx)?.dispose();
      await core.close();
    }
  }, 60_000);
});
