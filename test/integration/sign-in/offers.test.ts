// The one-click offers on a real core: a files app's tab reaching its signed-in page offers "Keep
// your files offline too?"; accepting opens the in-app sign-in (Login Flow v2 against the
// Nextcloud-shaped server that delegates to the OpenID Connect provider) and the offer goes; a
// chat offer answered "no thanks" is gone and stays gone after a restart (kept in the data folder).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import { janJansen } from '../../fixtures/oidc-provider.ts';
import { withIdentityAndNextcloud } from './with-servers.ts';
import { sabreDavServer } from '../../fixtures/servers/sabredav.ts';
import { CookieBrowser, type Page } from '../../fixtures/cookie-browser.ts';
import { stopSync } from '../../../electron/core/sync/sync-handlers.ts';
import { matrixServiceOf } from '../../../electron/core/matrix/matrix-handlers.ts';
import { createSignInOfferHandlers } from '../../../electron/core/shell/sign-in-offers.ts';
import type { SignInOfferView } from '../../../electron/core/bridge/contract-sign-in.ts';

describe.skipIf(!sabreDavServer.available)('offers to connect Files and chat after a web sign-in', () => {
  const servers = withIdentityAndNextcloud();

  it('offers once, connects in one click, and remembers "no thanks"', async () => {
    const partition = new CookieBrowser();
    const files = await partition.submit(await partition.open(`${servers.nextcloud.origin}/apps/files/`), { username: janJansen.username, password: janJansen.password });
    const core = await createTestCore({
      policy: {
        apps: [{ id: 'bestanden', name: 'Bestanden', url: `${servers.nextcloud.origin}/apps/files/`, kind: 'files' }, { id: 'chat', name: 'Chat', url: 'https://chat.example.org/', kind: 'chat' }],
        defaults: { 'matrix.homeserver': 'https://matrix.example.org' },
      },
    });
    const published: SignInOfferView[][] = [];
    core.hub.subscribe((name, payload) => {
      if (name === 'signIn.offers') published.push(payload as SignInOfferView[]);
    });
    const windows: Array<Promise<Page>> = [];
    core.ctx.shell.host.signInWindow = (request) => {
      windows.push(partition.open(request.url));
      return { close: () => {} };
    };
    const load = (appId: string, url: string) => core.ctx.shell.setLoadState({ appId, state: 'ready', errorCode: null, errorText: null, retryAt: null, url });
    try {
      expect(await core.handlers['signIn.offers']({})).toEqual([]);
      load('bestanden', `${servers.nextcloud.origin}/login?redirect_url=/apps/files/`); // still signing in: no offer
      load('chat', 'https://chat.example.org/#/welcome');
      expect(await core.handlers['signIn.offers']({})).toEqual([]);

      load('bestanden', files.url); // the tab reached Files, signed in
      load('chat', 'https://chat.example.org/#/home');
      await vi.waitFor(() => expect(published.at(-1)?.map((o) => o.kind)).toEqual(['files', 'chat']));
      expect(published.at(-1)![0]).toEqual({ kind: 'files', appId: 'bestanden', appName: 'Bestanden', server: servers.nextcloud.origin });

      // "No thanks" for chat: gone, and kept in the data folder.
      expect((await core.handlers['signIn.answerOffer']({ kind: 'chat', accept: false })).map((o) => o.kind)).toEqual(['files']);
      expect(JSON.parse(readFileSync(join(core.ctx.dataDir, 'sign-in-offers.json'), 'utf8'))).toEqual({ answered: ['chat'] });

      // "Yes" for Files: the in-app sign-in opens; Grant access connects; the offer is gone.
      const connected = new Promise<void>((done) => core.hub.subscribe((name, payload) => name === 'sync.state' && (payload as { user: string | null; state: string }).user === 'jan.jansen' && (payload as { state: string }).state === 'idle' && done()));
      expect(await core.handlers['signIn.answerOffer']({ kind: 'files', accept: true })).toEqual([]);
      expect(windows).toHaveLength(1);
      const grant = await windows[0]!;
      await partition.submit(grant, {}, '/login/v2/grant');
      await connected;
      expect(servers.provider.passwordPrompts()).toBe(1);

      // A restart (new handlers on the same data folder): both answers are remembered.
      const restarted = createSignInOfferHandlers(core.ctx, () => core.handlers);
      load('bestanden', files.url);
      load('chat', 'https://chat.example.org/#/home');
      expect(await restarted['signIn.offers']({})).toEqual([]);
      expect(existsSync(join(core.ctx.dataDir, 'sign-in-offers.json'))).toBe(true);
    } finally {
      await stopSync(core.ctx);
      await matrixServiceOf(core.ctx)?.dispose();
      await core.close();
    }
  }, 60_000);
});
