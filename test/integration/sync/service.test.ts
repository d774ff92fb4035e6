// The app side of sync: the bridge handlers on a real core (demo server synced into the data
// dir), sign-in with an app password and with Nextcloud Login Flow v2, and the engine in its own
// process speaking the worker protocol (child_process.fork; the app uses utilityProcess).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';
import { sabreDavServer, startSabreDav, type SabreDavHandle } from '../../fixtures/servers/sabredav.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { stopSync } from '../../../electron/core/sync/sync-handlers.ts';
import { forkNodeWorker, WorkerHost } from '../../../electron/core/sync/engine-host.ts';
import { secretName } from '../../../electron/core/sync/account.ts';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import type { EngineStatus } from '../../../electron/core/sync/status.ts';
import type { EventHub } from '../../../electron/core/bridge/event-hub.ts';

/** Resolves with the first sync.state event that satisfies `test`. */
function nextState(hub: EventHub, test: (s: SyncState) => boolean): Promise<SyncState> {
  return new Promise((done) => {
    const off = hub.subscribe((name, payload) => {
      if (name === 'sync.state' && test(payload as SyncState)) {
        off();
        done(payload as SyncState);
      }
    });
  });
}

describe('sync service on a real core', () => {
  it('with no organisation configured, syncs the demo server into "Demo files"', async () => {
    const core = await createTestCore({ demo: true });
    try {
      const synced = nextState(core.hub, (s) => s.lastSyncAt !== null && s.state === 'idle');
      const first = await core.handlers['sync.state']({});
      expect(first.demo).toBe(true);
      expect(first.localDir).toBe(join(core.ctx.dataDir, 'Demo files'));
      const done = await synced;
      expect(done.errors).toEqual([]);
      expect(readFileSync(join(core.ctx.dataDir, 'Demo files', 'Welkom.txt'), 'utf8')).toMatch(/Welkom bij Werkplek/);
      expect(existsSync(join(core.ctx.dataDir, 'Demo files', 'Projecten', 'Plan van aanpak.md'))).toBe(true);
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  }, 60_000);

  describe('signing in', () => {
    let server: WebdavServerHandle;
    beforeAll(async () => {
      server = await npmWebdavServer.start();
    });
    afterAll(async () => server?.stop());

    it('refuses a wrong app password, keeps a right one in the keyring and starts syncing', async () => {
      const core = await createTestCore();
      const localDir = mkdtempSync(join(tmpdir(), 'werkplek-signin-'));
      try {
        core.ctx.settings.set('sync.localDir', localDir);
        expect((await core.handlers['sync.state']({})).state).toBe('not-configured');
        await expect(core.handlers['sync.signIn']({ server: server.url, user: server.user, appPassword: 'wrong' })).rejects.toThrow(/refused/);
        expect(await core.ctx.keyring.get(secretName(server.url, server.user))).toBeNull();
        writeFileSync(join(localDir, 'mine.txt'), 'mine');
        const synced = nextState(core.hub, (s) => s.lastSyncAt !== null);
        const state = await core.handlers['sync.signIn']({ server: server.url, user: server.user, appPassword: server.password });
        expect(state.user).toBe(server.user);
        expect(await core.ctx.keyring.get(secretName(server.url, server.user))).toBe(server.password);
        await synced;
        expect(readFileSync(join(server.dataDir, 'mine.txt'), 'utf8')).toBe('mine');
        const out = await core.handlers['sync.signOut']({});
        expect(out.state).toBe('needs-sign-in');
      } finally {
        await stopSync(core.ctx);
        await core.close();
      }
    }, 60_000);

    it('Login Flow v2: opens the login page, polls until approved, then signs in with the app password', async () => {
      // A server that answers the documented Login Flow v2 endpoints (and proxies WebDAV checks to the real server).
      let approved = false;
      let polls = 0;
      const flow: Server = createServer((req, res) => {
        const origin = `http://127.0.0.1:${(flow.address() as AddressInfo).port}`;
        if (req.method === 'POST' && req.url === '/index.php/login/v2') {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ poll: { token: 'tok-123', endpoint: `${origin}/login/v2/poll` }, login: `${origin}/login/v2/flow/abc` }));
        } else if (req.method === 'POST' && req.url === '/login/v2/poll') {
          let body = '';
          req.on('data', (d: Buffer) => (body += d));
          req.on('end', () => {
            polls++;
            if (!approved || body !== 'token=tok-123') {
              res.statusCode = 404;
              res.end('[]');
              return;
            }
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify({ server: server.url.replace(/\/$/, ''), loginName: server.user, appPassword: server.password }));
          });
        } else {
          res.statusCode = 404;
          res.end();
        }
      });
      await new Promise<void>((done) => flow.listen(0, '127.0.0.1', done));
      const core = await createTestCore();
      try {
        core.ctx.settings.set('sync.localDir', mkdtempSync(join(tmpdir(), 'werkplek-flow-')));
        const port = (flow.address() as AddressInfo).port;
        const signedIn = nextState(core.hub, (s) => s.user === server.user && s.pendingLogin === null);
        const { loginUrl } = await core.handlers['sync.startLogin']({ server: `http://127.0.0.1:${port}` });
        expect(core.opened).toEqual([loginUrl]);
        expect((await core.handlers['sync.state']({})).pendingLogin).toEqual({ loginUrl, way: 'browser' }); // the test core has no in-app window
        approved = true;
        const state = await signedIn;
        expect(polls).toBeGreaterThanOrEqual(1);
        expect(state.serverUrl).toBe(server.url.replace(/\/$/, ''));
        expect(await core.ctx.keyring.get(secretName(server.url, server.user))).toBe(server.password);
      } finally {
        await stopSync(core.ctx);
        await core.close();
        flow.close();
      }
    }, 60_000);
  });
});

// openDesk-style accounts (user_oidc, LDAP): the login name is "jan.jansen", the user id the
// server names the WebDAV paths after is a hash. The fixture answers 404 on (and records) any
// request to the login name's paths. On the old code, which built files/<login name>/, signing in
// failed ("did not answer as a WebDAV server") and a stored account synced nothing.
describe.skipIf(!sabreDavServer.available)('a Nextcloud account whose user id is not its login name', () => {
  const userId = '7f3c9a1e5b2d4c6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f';
  let server: SabreDavHandle;
  beforeAll(async () => {
    server = await startSabreDav({ login: 'jan.jansen', userId });
  });
  afterAll(async () => server?.stop());

  const put = async (name: string, body: string) => {
    const res = await fetch(new URL(name, server.url), { method: 'PUT', body, headers: { authorization: 'Basic ' + Buffer.from(`${server.user}:${server.password}`).toString('base64') } });
    expect(res.status).toBeLessThan(300);
  };
  const filesRoot = () => `${server.origin}/remote.php/dav/files/${userId}/`;

  it('signing in with an app password finds the user id (OCS cloud/user), syncs both ways, never uses the login name path', async () => {
    const core = await createTestCore();
    const localDir = mkdtempSync(join(tmpdir(), 'werkplek-userid-'));
    try {
      core.ctx.settings.set('sync.localDir', localDir);
      await put('from-server.txt', 'hello Jan');
      writeFileSync(join(localDir, 'from-jan.txt'), 'from Jan');
      await expect(core.handlers['sync.signIn']({ server: server.origin, user: 'jan.jansen', appPassword: 'wrong' })).rejects.toThrow(/refused/);
      const synced = nextState(core.hub, (s) => s.lastSyncAt !== null && s.state === 'idle');
      const state = await core.handlers['sync.signIn']({ server: server.origin, user: 'jan.jansen', appPassword: server.password });
      expect(state.user).toBe('jan.jansen');
      expect(core.ctx.settings.get('sync.davUrl')).toBe(filesRoot());
      expect((await synced).errors).toEqual([]);
      expect(readFileSync(join(localDir, 'from-server.txt'), 'utf8')).toBe('hello Jan');
      expect(readFileSync(join(server.dataDir, 'from-jan.txt'), 'utf8')).toBe('from Jan');
      expect(server.loginPathRequests()).toEqual([]);
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  }, 60_000);

  it('says why sign-in failed in the interface’s language', async () => {
    const core = await createTestCore({ policy: { defaults: { 'general.locale': 'nl' } } });
    try {
      await expect(core.handlers['sync.signIn']({ server: server.origin, user: 'jan.jansen', appPassword: 'wrong' })).rejects.toThrow('de server weigerde deze gebruikersnaam en dit app-wachtwoord');
      core.ctx.settings.set('general.locale', 'en');
      await expect(core.handlers['sync.signIn']({ server: server.origin, user: 'jan.jansen', appPassword: 'wrong' })).rejects.toThrow('the server refused this user name and app password');
    } finally {
      await core.close();
    }
  });

  it('Login Flow v2 (loginName "jan.jansen") signs in to the user id\'s WebDAV root', async () => {
    // The flow's endpoints in front of the Nextcloud-shaped server (the fixture has no Login Flow).
    const flow: Server = createServer((req, res) => {
      const origin = `http://127.0.0.1:${(flow.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/index.php/login/v2') res.end(JSON.stringify({ poll: { token: 't', endpoint: `${origin}/login/v2/poll` }, login: `${origin}/login/v2/flow/x` }));
      else res.end(JSON.stringify({ server: server.origin, loginName: 'jan.jansen', appPassword: server.password }));
    });
    await new Promise<void>((done) => flow.listen(0, '127.0.0.1', done));
    const core = await createTestCore();
    try {
      core.ctx.settings.set('sync.localDir', mkdtempSync(join(tmpdir(), 'werkplek-userid-flow-')));
      const signedIn = nextState(core.hub, (s) => s.user === 'jan.jansen' && s.pendingLogin === null);
      await core.handlers['sync.startLogin']({ server: `http://127.0.0.1:${(flow.address() as AddressInfo).port}` });
      expect((await signedIn).serverUrl).toBe(server.origin);
      expect(core.ctx.settings.get('sync.davUrl')).toBe(filesRoot());
      expect(server.loginPathRequests()).toEqual([]);
    } finally {
      await stopSync(core.ctx);
      await core.close();
      flow.close();
    }
  }, 60_000);

  it('an account preset by the policy (server and login name, password in the keyring) finds its root by the user id too', async () => {
    const core = await createTestCore({ policy: { defaults: { 'sync.serverUrl': server.origin, 'sync.user': 'jan.jansen' } } });
    try {
      core.ctx.settings.set('sync.localDir', mkdtempSync(join(tmpdir(), 'werkplek-userid-preset-')));
      await core.ctx.keyring.set(secretName(server.origin, 'jan.jansen'), server.password);
      const synced = nextState(core.hub, (s) => s.lastSyncAt !== null);
      await core.handlers['sync.now']({});
      await synced;
      expect(core.ctx.settings.get('sync.davUrl')).toBe(filesRoot());
      expect(server.loginPathRequests()).toEqual([]);
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  }, 60_000);

  it('a root an older version stored from the login name is corrected to the user id before syncing', async () => {
    const core = await createTestCore();
    const localDir = mkdtempSync(join(tmpdir(), 'werkplek-userid-old-'));
    try {
      await put('kept.txt', 'still here');
      core.ctx.settings.set('sync.localDir', localDir);
      await core.ctx.keyring.set(secretName(server.origin, 'jan.jansen'), server.password);
      core.ctx.settings.set('sync.davUrl', `${server.origin}/remote.php/dav/files/jan.jansen/`);
      core.ctx.settings.set('sync.user', 'jan.jansen');
      const synced = nextState(core.hub, (s) => s.lastSyncAt !== null && s.state === 'idle');
      core.ctx.settings.set('sync.serverUrl', server.origin);
      expect((await synced).errors).toEqual([]);
      expect(core.ctx.settings.get('sync.davUrl')).toBe(filesRoot());
      expect(readFileSync(join(localDir, 'kept.txt'), 'utf8')).toBe('still here');
      expect(server.loginPathRequests()).toEqual([]);
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  }, 60_000);
});

describe('engine in its own process (worker protocol over child_process.fork)', () => {
  let server: WebdavServerHandle;
  beforeAll(async () => {
    server = await npmWebdavServer.start();
  });
  afterAll(async () => server?.stop());

  it('syncs, reports status, and stops the process on request', async () => {
    const base = mkdtempSync(join(tmpdir(), 'werkplek-worker-'));
    const localDir = join(base, 'local');
    const logs: string[] = [];
    const host = new WorkerHost(forkNodeWorker, (level, message) => logs.push(`${level}: ${message}`));
    const synced = new Promise<EngineStatus>((done) => host.onStatus((s) => {
      if (s.lastSyncAt && s.state === 'idle') done(s);
    }));
    writeFileSync(join(server.dataDir, 'from-server.txt'), 'hello from the server');
    host.send({ type: 'start', config: {
      localDir, server: { url: server.url, user: server.user, password: server.password }, journalFile: join(base, 'j.sqlite'),
      parallel: 2, deleteThreshold: 100, excluded: [], excludeFile: null, pollIntervalSeconds: 30, uploadLimitKiBps: 0, downloadLimitKiBps: 0,
    } });
    const status = await synced;
    expect(status.errors).toEqual([]);
    expect(readFileSync(join(localDir, 'from-server.txt'), 'utf8')).toBe('hello from the server');
    await host.stop();
    expect(logs.filter((l) => l.startsWith('error'))).toEqual([]);
  }, 60_000);
});
