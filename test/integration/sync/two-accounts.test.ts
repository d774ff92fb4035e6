// Two accounts side by side (issue 20 item 4): the first account on one Nextcloud-shaped SabreDAV,
// a second one added on another, each syncing its own folder both ways with its own keyring entry
// and status; the same login name on both servers stays two entries. Removing the second signs it
// out and leaves the first running and the files in place. Folders that overlap, a login already
// connected and a policy that forbids adding are refused by the core.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import { sabreDavServer, startSabreDav, type SabreDavHandle } from '../../fixtures/servers/sabredav.ts';
import { stopSync } from '../../../electron/core/sync/sync-handlers.ts';
import { journalPathFor, secretName } from '../../../electron/core/sync/account.ts';
import type { EventHub } from '../../../electron/core/bridge/event-hub.ts';

/** Resolves with the first `name` event whose payload satisfies `test`; fails after 30 s with the last one seen. */
function nextEvent<T>(hub: EventHub, name: string, test: (payload: T) => boolean): Promise<T> {
  return new Promise((done, fail) => {
    let last: unknown = null;
    const timer = setTimeout(() => {
      off();
      fail(new Error(`no ${name} event as awaited; the last: ${JSON.stringify(last)}`));
    }, 30_000);
    const off = hub.subscribe((event, payload) => {
      if (event !== name) return;
      last = payload;
      if (test(payload as T)) {
        off();
        clearTimeout(timer);
        done(payload as T);
      }
    });
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function put(server: SabreDavHandle, name: string, body: string): Promise<void> {
  const res = await fetch(new URL(name, server.url), { method: 'PUT', body, headers: { authorization: 'Basic ' + Buffer.from(`${server.user}:${server.password}`).toString('base64') } });
  expect(res.status).toBeLessThan(300);
}

type AccountsView = { allowAdding: boolean; accounts: Array<{ id: string; localDir: string; state: { state: string; lastSyncAt: string | null; user: string | null; serverUrl: string | null } }> };

describe.skipIf(!sabreDavServer.available)('a second Nextcloud account syncs beside the first', () => {
  let first: SabreDavHandle;
  let second: SabreDavHandle;
  beforeAll(async () => {
    [first, second] = await Promise.all([startSabreDav({ workers: 2 }), startSabreDav({ workers: 2 })]);
  });
  afterAll(async () => Promise.all([first?.stop(), second?.stop()]));

  it('two folders, two servers, both directions; distinct keyring entries and states; removing the second leaves the first running', async () => {
    const core = await createTestCore();
    const home = mkdtempSync(join(tmpdir(), 'werkplek-two-'));
    const firstDir = join(home, 'Werkplek');
    const secondDir = join(home, 'Project X');
    try {
      core.ctx.settings.set('sync.localDir', firstDir);
      mkdirSync(firstDir);
      writeFileSync(join(firstDir, 'eigen.txt'), 'first account');
      await put(first, 'van-server-1.txt', 'from server 1');
      await put(second, 'van-server-2.txt', 'from server 2');
      const firstSynced = nextEvent<{ state: string; lastSyncAt: string | null }>(core.hub, 'sync.state', (s) => s.state === 'idle' && s.lastSyncAt !== null);
      await core.handlers['sync.signIn']({ server: first.origin, user: first.user, appPassword: first.password });
      await firstSynced;

      // The same login name ("alice") on the other server: a separate account with its own entry.
      expect(second.user).toBe(first.user);
      const secondSynced = nextEvent<AccountsView>(core.hub, 'sync.accounts', (v) => v.accounts[0]?.state.state === 'idle' && v.accounts[0].state.lastSyncAt !== null);
      const { id } = await core.handlers['sync.addAccount']({ server: second.origin, localDir: secondDir, user: second.user, appPassword: second.password });
      const view = await secondSynced;
      expect(view.accounts).toHaveLength(1);
      expect(view.accounts[0]).toMatchObject({ id, localDir: secondDir, state: { user: second.user, serverUrl: second.origin } });

      // Each folder has its own server's files, and nothing of the other's.
      expect(readFileSync(join(firstDir, 'van-server-1.txt'), 'utf8')).toBe('from server 1');
      expect(readFileSync(join(secondDir, 'van-server-2.txt'), 'utf8')).toBe('from server 2');
      expect(readFileSync(join(first.dataDir, 'eigen.txt'), 'utf8')).toBe('first account');
      expect(existsSync(join(firstDir, 'van-server-2.txt'))).toBe(false);
      expect(existsSync(join(secondDir, 'van-server-1.txt'))).toBe(false);
      expect(existsSync(join(second.dataDir, 'eigen.txt'))).toBe(false);

      // Both directions on the second while the first keeps going.
      writeFileSync(join(secondDir, 'notulen.txt'), 'project minutes');
      writeFileSync(join(firstDir, 'brief.txt'), 'a letter');
      await until(() => existsSync(join(second.dataDir, 'notulen.txt')), 'the upload to the second server');
      await until(() => existsSync(join(first.dataDir, 'brief.txt')), 'the upload to the first server');
      await put(second, 'planning.txt', 'the plan');
      await core.handlers['sync.now']({ account: id });
      await until(() => existsSync(join(secondDir, 'planning.txt')), 'the download from the second server');
      expect(existsSync(join(first.dataDir, 'notulen.txt'))).toBe(false);
      expect(existsSync(join(firstDir, 'planning.txt'))).toBe(false);

      // Two keyring entries, each with its own server's password; two states.
      expect(secretName(first.origin, first.user)).not.toBe(secretName(second.origin, second.user));
      expect(await core.ctx.keyring.get(secretName(first.origin, first.user))).toBe(first.password);
      expect(await core.ctx.keyring.get(secretName(second.origin, second.user))).toBe(second.password);
      const firstState = await core.handlers['sync.state']({});
      expect(firstState).toMatchObject({ serverUrl: first.origin, localDir: firstDir });
      expect((await core.handlers['sync.accounts']({})).accounts[0]!.state).toMatchObject({ serverUrl: second.origin, localDir: secondDir });

      // Pausing the second leaves the first alone.
      expect((await core.handlers['sync.pause']({ account: id })).state).toBe('paused');
      expect((await core.handlers['sync.state']({})).state).not.toBe('paused');
      await core.handlers['sync.resume']({ account: id });

      // Removing: signed out, forgotten, files kept; the first still syncs.
      const journal = journalPathFor(core.ctx.dataDir, core.ctx.settings.get('sync.accounts')[0]!.davUrl, '/', secondDir);
      expect(existsSync(journal)).toBe(true);
      expect(journal).not.toBe(journalPathFor(core.ctx.dataDir, core.ctx.settings.get('sync.davUrl'), '/', firstDir));
      const told = nextEvent<AccountsView>(core.hub, 'sync.accounts', (v) => v.accounts.length === 0);
      const after = await core.handlers['sync.removeAccount']({ account: id });
      expect(after.accounts).toEqual([]);
      await told; // the panel hears of it too
      expect(await core.ctx.keyring.get(secretName(second.origin, second.user))).toBeNull();
      expect(await core.ctx.keyring.get(secretName(first.origin, first.user))).toBe(first.password);
      expect(core.ctx.settings.get('sync.accounts')).toEqual([]);
      expect(existsSync(journal)).toBe(false); // added again, it starts as a fresh merge
      expect(readFileSync(join(secondDir, 'notulen.txt'), 'utf8')).toBe('project minutes');
      expect(readFileSync(join(secondDir, 'planning.txt'), 'utf8')).toBe('the plan');
      writeFileSync(join(secondDir, 'na-verwijderen.txt'), 'not for the server any more');
      writeFileSync(join(firstDir, 'nog-steeds.txt'), 'still syncing');
      await until(() => existsSync(join(first.dataDir, 'nog-steeds.txt')), 'the first account to sync after the removal');
      await core.handlers['sync.now']({});
      await until(() => existsSync(join(first.dataDir, 'nog-steeds.txt')), 'another run of the first account');
      expect(existsSync(join(second.dataDir, 'na-verwijderen.txt'))).toBe(false);
      await expect(core.handlers['sync.now']({ account: id })).rejects.toThrow(`there is no account "${id}"`);
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  }, 120_000);

  it('a conflict in the second account is listed and decided in that account; its files open from its folder', async () => {
    const core = await createTestCore();
    const home = mkdtempSync(join(tmpdir(), 'werkplek-conflict-'));
    const folder = join(home, 'Project Y');
    try {
      await put(second, 'verslag.txt', 'first version');
      const synced = nextEvent<AccountsView>(core.hub, 'sync.accounts', (v) => v.accounts[0]?.state.state === 'idle' && v.accounts[0].state.lastSyncAt !== null);
      const { id } = await core.handlers['sync.addAccount']({ server: second.origin, localDir: folder, user: second.user, appPassword: second.password });
      await synced;
      // Changed on both sides while paused: a conflict when it resumes.
      await core.handlers['sync.pause']({ account: id });
      writeFileSync(join(folder, 'verslag.txt'), 'edited here');
      await put(second, 'verslag.txt', 'edited on the server');
      const conflicted = nextEvent<{ accounts: Array<{ state: { conflicts: Array<{ path: string; conflictCopy: string }> } }> }>(core.hub, 'sync.accounts', (v) => (v.accounts[0]?.state.conflicts.length ?? 0) > 0);
      await core.handlers['sync.resume']({ account: id });
      const conflict = (await conflicted).accounts[0]!.state.conflicts[0]!;
      expect(conflict.path).toBe('verslag.txt');
      expect((await core.handlers['sync.state']({})).conflicts).toEqual([]); // the first account has none
      // The first account's folder does not hold it; the second's does.
      expect((await core.handlers['sync.openItem']({ path: conflict.conflictCopy, action: 'show' })).refused).toBe('missing');
      expect((await core.handlers['sync.openItem']({ path: conflict.conflictCopy, action: 'show', account: id })).refused).not.toBe('missing');
      await core.handlers['sync.resolveConflict']({ conflictCopy: conflict.conflictCopy, choice: 'mine', account: id });
      await until(() => existsSync(join(second.dataDir, 'verslag.txt')) && readFileSync(join(second.dataDir, 'verslag.txt'), 'utf8') === 'edited here', 'my version on the second server');
      expect(readFileSync(join(folder, 'verslag.txt'), 'utf8')).toBe('edited here');
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  }, 60_000);

  it('an account added with one server folder syncs that folder only; a folder typed without its slash, or with .., stays inside the account', async () => {
    const core = await createTestCore();
    const home = mkdtempSync(join(tmpdir(), 'werkplek-server-folder-'));
    const folder = join(home, 'Project Z');
    try {
      await fetch(new URL('Projecten/', second.url), { method: 'MKCOL', headers: { authorization: 'Basic ' + Buffer.from(`${second.user}:${second.password}`).toString('base64') } });
      await fetch(new URL('Projecten/Project Z/', second.url), { method: 'MKCOL', headers: { authorization: 'Basic ' + Buffer.from(`${second.user}:${second.password}`).toString('base64') } });
      await put(second, 'Projecten/Project Z/plan.txt', 'the plan');
      await put(second, 'buiten-de-map.txt', 'not in the project');
      const synced = nextEvent<AccountsView>(core.hub, 'sync.accounts', (v) => v.accounts[0]?.state.state === 'idle' && v.accounts[0].state.lastSyncAt !== null);
      // As typed in the form: no leading slash, and a detour through ..
      const { id } = await core.handlers['sync.addAccount']({ server: second.origin, localDir: folder, remoteDir: 'Projecten/../Projecten/Project Z', user: second.user, appPassword: second.password });
      await synced;
      const view = (await core.handlers['sync.accounts']({})) as { accounts: Array<{ id: string; remoteDir: string }> };
      expect(view.accounts.find((a) => a.id === id)?.remoteDir).toBe('/Projecten/Project Z');
      expect(readFileSync(join(folder, 'plan.txt'), 'utf8')).toBe('the plan');
      expect(existsSync(join(folder, 'buiten-de-map.txt'))).toBe(false);
      writeFileSync(join(folder, 'project-z-minutes.txt'), 'minutes');
      await until(() => existsSync(join(second.dataDir, 'Projecten', 'Project Z', 'project-z-minutes.txt')), 'the upload into the server folder');
      expect(existsSync(join(second.dataDir, 'project-z-minutes.txt'))).toBe(false);
      await core.handlers['sync.removeAccount']({ account: id });
      // Above the account's root is no folder at all: it is the root.
      const up = await core.handlers['sync.addAccount']({ server: second.origin, localDir: join(home, 'Up'), remoteDir: '../../..', user: second.user, appPassword: second.password });
      const upView = (await core.handlers['sync.accounts']({})) as { accounts: Array<{ id: string; remoteDir: string }> };
      expect(upView.accounts.find((a) => a.id === up.id)?.remoteDir).toBe('/');
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  }, 60_000);

  it('adding without an app password goes through Login Flow v2 for that account alone', async () => {
    // The flow's documented endpoints in front of the second server (the fixture has no Login Flow).
    let approved = false;
    const flow: Server = createServer((req, res) => {
      const origin = `http://127.0.0.1:${(flow.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/index.php/login/v2') res.end(JSON.stringify({ poll: { token: 't', endpoint: `${origin}/login/v2/poll` }, login: `${origin}/login/v2/flow/x` }));
      else if (!approved) {
        res.statusCode = 404;
        res.end('[]');
      } else res.end(JSON.stringify({ server: second.origin, loginName: second.user, appPassword: second.password }));
    });
    await new Promise<void>((done) => flow.listen(0, '127.0.0.1', done));
    const core = await createTestCore();
    const home = mkdtempSync(join(tmpdir(), 'werkplek-flow-'));
    try {
      const flowUrl = `http://127.0.0.1:${(flow.address() as AddressInfo).port}`;
      const { id } = await core.handlers['sync.addAccount']({ server: flowUrl, localDir: join(home, 'Partner') });
      expect(core.opened).toEqual([`${flowUrl}/login/v2/flow/x`]);
      const waiting = (await core.handlers['sync.accounts']({})).accounts[0]!;
      expect(waiting).toMatchObject({ id, state: { state: 'not-configured', pendingLogin: { loginUrl: `${flowUrl}/login/v2/flow/x` } } });
      expect((await core.handlers['sync.state']({})).pendingLogin).toBeNull(); // the first account is not signing in
      const signedIn = nextEvent<AccountsView>(core.hub, 'sync.accounts', (v) => v.accounts[0]?.state.user === second.user && v.accounts[0].state.lastSyncAt !== null);
      approved = true;
      const view = await signedIn;
      expect(view.accounts[0]!.state.serverUrl).toBe(second.origin);
      expect(await core.ctx.keyring.get(secretName(second.origin, second.user))).toBe(second.password);
      expect(core.ctx.settings.get('sync.user')).toBe(''); // nothing written into the first account
    } finally {
      await stopSync(core.ctx);
      await core.close();
      flow.close();
    }
  }, 60_000);

  it('refuses a folder that is, holds or lies inside another account\'s folder, and a login already connected', async () => {
    const core = await createTestCore();
    const home = mkdtempSync(join(tmpdir(), 'werkplek-overlap-'));
    const firstDir = join(home, 'Werkplek');
    try {
      core.ctx.settings.set('sync.localDir', firstDir);
      await core.handlers['sync.signIn']({ server: first.origin, user: first.user, appPassword: first.password });
      for (const dir of [firstDir, join(firstDir, 'Project X'), home, `${firstDir}/`]) {
        await expect(core.handlers['sync.addAccount']({ server: second.origin, localDir: dir, user: second.user, appPassword: second.password }), dir)
          .rejects.toThrow(`overlaps the folder of ${first.user} @ ${first.origin}`);
      }
      // A link to the first folder is the first folder.
      const { symlinkSync } = await import('node:fs');
      symlinkSync(firstDir, join(home, 'link'));
      mkdirSync(firstDir, { recursive: true });
      await expect(core.handlers['sync.addAccount']({ server: second.origin, localDir: join(home, 'link', 'sub'), user: second.user, appPassword: second.password })).rejects.toThrow(/overlaps/);
      // The same server and login as the first account: one keyring entry cannot serve two.
      await expect(core.handlers['sync.addAccount']({ server: first.origin, localDir: join(home, 'Other'), user: first.user, appPassword: first.password })).rejects.toThrow('this account is already connected');
      expect((await core.handlers['sync.accounts']({})).accounts).toEqual([]);
      expect(await core.ctx.keyring.get(secretName(second.origin, second.user))).toBeNull();

      // A wrong app password keeps nothing; a folder beside the first is fine.
      await expect(core.handlers['sync.addAccount']({ server: second.origin, localDir: join(home, 'Project X'), user: second.user, appPassword: 'wrong' })).rejects.toThrow(/refused/);
      expect(core.ctx.settings.get('sync.accounts')).toEqual([]);
      const { id } = await core.handlers['sync.addAccount']({ server: second.origin, localDir: join(home, 'Project X'), user: second.user, appPassword: second.password });
      // Changing the first account's folder into the second's stops both, with a reason the renderer translates.
      const stopped = nextEvent<AccountsView & { accounts: Array<{ state: { errors: Array<{ kind: string }> } }> }>(core.hub, 'sync.accounts', (v) => v.accounts[0]?.state.state === 'error');
      core.ctx.settings.set('sync.localDir', join(home, 'Project X', 'inner'));
      expect((await stopped).accounts[0]!.state.errors.map((e) => e.kind)).toEqual(['folderOverlap']);
      const firstNow = await core.handlers['sync.state']({});
      expect(firstNow.state).toBe('error');
      expect(firstNow.errors.map((e) => e.kind)).toEqual(['folderOverlap']);
      expect(id).toBeTruthy();
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  }, 120_000);
});

describe('the policy can forbid adding accounts', () => {
  it.each([
    ['locked', { locked: { 'sync.allowAddingAccounts': false } }],
    ['preset', { defaults: { 'sync.allowAddingAccounts': false } }],
  ])('%s false: the core refuses adding, in the person\'s language', async (_how, policy) => {
    const core = await createTestCore({ policy });
    try {
      expect((await core.handlers['sync.accounts']({})).allowAdding).toBe(false);
      await expect(core.handlers['sync.addAccount']({ server: 'http://127.0.0.1:9', localDir: '/tmp/werkplek-never' })).rejects.toThrow('your organisation does not allow adding accounts');
      core.ctx.settings.set('general.locale', 'nl');
      await expect(core.handlers['sync.addAccount']({ server: 'http://127.0.0.1:9', localDir: '/tmp/werkplek-never' })).rejects.toThrow('je organisatie staat het toevoegen van accounts niet toe');
      expect(core.ctx.settings.get('sync.accounts')).toEqual([]);
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  });

  it('a preset account whose folder is not absolute (or ~/…) is dropped with a problem, not synced relative to wherever Werkplek started', async () => {
    const core = await createTestCore({ policy: { defaults: { 'sync.accounts': [{ id: 'partner', serverUrl: 'http://127.0.0.1:9', localDir: 'Werkplek Partner' }] } } });
    try {
      expect((await core.handlers['sync.accounts']({})).accounts).toEqual([]);
      expect(core.ctx.settings.policy.problems.map((p) => p.message).join('\n')).toMatch(/sync\.accounts/);
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  });

  it('an account the policy presets keeps syncing while adding is forbidden', async () => {
    const core = await createTestCore({ policy: { defaults: { 'sync.accounts': [{ id: 'partner', serverUrl: 'http://127.0.0.1:9', localDir: '/tmp/werkplek-partner' }] }, locked: { 'sync.allowAddingAccounts': false } } });
    try {
      const view = await core.handlers['sync.accounts']({});
      expect(view.allowAdding).toBe(false);
      expect(view.accounts.map((a) => [a.id, a.state.state])).toEqual([['partner', 'not-configured']]);
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  });
});
