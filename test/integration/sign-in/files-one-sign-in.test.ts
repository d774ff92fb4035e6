// One sign-in for Files, on a real core against a Nextcloud-shaped server whose Login Flow v2
// delegates to a real OpenID Connect provider (oidc-provider). The host's in-app sign-in window is
// played by a cookie-keeping browser that is also where the person first signed in (the shared
// partition): connecting Files then asks no password, only "Grant access". A revoked app password
// stops the sync with a clear "sign in again", and the same one-click path reconnects.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import { janJansen } from '../../fixtures/oidc-provider.ts';
import { withIdentityAndNextcloud } from './with-servers.ts';
import { sabreDavServer } from '../../fixtures/servers/sabredav.ts';
import { CookieBrowser, type Page } from '../../fixtures/cookie-browser.ts';
import { stopSync } from '../../../electron/core/sync/sync-handlers.ts';
import type { SignInWindowRequest } from '../../../electron/core/shell/sign-in-page.ts';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import type { CoreServices } from '../../../electron/core/services.ts';

/** The sync state once it satisfies `test` (asked until then). */
async function stateWhen(core: CoreServices, test: (s: SyncState) => boolean, timeout = 30_000): Promise<SyncState> {
  let found: SyncState | null = null;
  await vi.waitFor(async () => {
    const state = await core.handlers['sync.state']({});
    expect(test(state)).toBe(true);
    found = state;
  }, { timeout, interval: 100 });
  return found!;
}

describe.skipIf(!sabreDavServer.available)('connecting Files with one sign-in at the identity provider', () => {
  const servers = withIdentityAndNextcloud();

  it('asks no password after the web sign-in, syncs, and reconnects in one click after the app password is revoked', async () => {
    const partition = new CookieBrowser(); // the apps' shared partition
    // The person opens the Files app and signs in at the identity provider, once.
    const login = await partition.open(`${servers.nextcloud.origin}/apps/files/`);
    expect(login.url.startsWith(servers.provider.issuer)).toBe(true);
    const files = await partition.submit(login, { username: janJansen.username, password: janJansen.password });
    expect(files.html).toContain('Signed in as jan.jansen');
    expect(servers.provider.passwordPrompts()).toBe(1);

    const core = await createTestCore({ policy: { apps: [{ id: 'bestanden', name: 'Bestanden', url: `${servers.nextcloud.origin}/apps/files/`, kind: 'files' }] } });
    const windows: Array<{ request: SignInWindowRequest; page: Promise<Page>; closed: boolean }> = [];
    core.ctx.shell.host.signInWindow = (request) => {
      const entry = { request, page: partition.open(request.url), closed: false };
      windows.push(entry);
      return { close: () => void (entry.closed = true) };
    };
    const localDir = mkdtempSync(join(tmpdir(), 'werkplek-sso-files-'));
    writeFileSync(join(localDir, 'notulen.txt'), 'van Jan');
    try {
      core.ctx.settings.set('sync.localDir', localDir);
      await core.handlers['sync.startLogin']({ server: servers.nextcloud.origin });
      expect(core.opened).toEqual([]); // not the system browser
      expect(windows).toHaveLength(1);
      expect(windows[0]!.request.partition).toBe('persist:werkplek');
      const grant = await windows[0]!.page;
      expect(grant.html).toContain('Grant access');
      expect(grant.html).not.toContain('type="password"');
      await partition.submit(grant, {}, '/login/v2/grant');
      const state = await stateWhen(core, (s) => s.lastSyncAt !== null && s.state === 'idle');
      expect(state.user).toBe('jan.jansen');
      expect(state.errors).toEqual([]);
      expect(core.ctx.settings.get('sync.davUrl')).toBe(`${servers.nextcloud.origin}/remote.php/dav/files/${servers.nextcloud.userId}/`);
      expect(readFileSync(join(servers.nextcloud.dav.dataDir, 'notulen.txt'), 'utf8')).toBe('van Jan');
      await vi.waitFor(() => expect(windows[0]!.closed).toBe(true)); // the window closes when the flow ends
      expect(servers.provider.passwordPrompts()).toBe(1);

      // Signed out everywhere: the app password dies; the next sync says so instead of failing quietly.
      servers.nextcloud.revokeAppPasswords();
      writeFileSync(join(localDir, 'later.txt'), 'later');
      core.handlers['sync.now']({});
      const stopped = await stateWhen(core, (s) => s.state === 'needs-sign-in');
      expect(stopped.message).toBe('the server no longer accepts the app password: sign in again');

      // The same one-click path reconnects: the window shows "Grant access" again, no password.
      await core.handlers['sync.startLogin']({ server: servers.nextcloud.origin });
      const regrant = await windows[1]!.page;
      expect(regrant.html).toContain('Grant access');
      await partition.submit(regrant, {}, '/login/v2/grant');
      await stateWhen(core, (s) => s.state === 'idle' && s.user === 'jan.jansen' && s.errors.length === 0);
      await vi.waitFor(() => expect(readFileSync(join(servers.nextcloud.dav.dataDir, 'later.txt'), 'utf8')).toBe('later'), { timeout: 20_000 });
      expect(servers.nextcloud.grants()).toBe(2);
      expect(servers.provider.passwordPrompts()).toBe(1);
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  }, 90_000);
});
