// The file sync through an HTTP proxy (shell.proxy, or the session's HTTPS_PROXY/HTTP_PROXY):
// every WebDAV request of a sync goes through it, and so do the account lookups (Login Flow v2,
// status.php); a host in NO_PROXY goes direct.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableServers, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { startForwardProxy, type ForwardProxy } from '../../fixtures/forward-proxy.ts';
import { SyncEngine } from '../../../electron/core/sync/engine.ts';
import { findDavRoot, pollLoginFlow, startLoginFlow } from '../../../electron/core/sync/account.ts';

describe('sync through an HTTP proxy', () => {
  let server: WebdavServerHandle;
  let proxy: ForwardProxy;
  beforeAll(async () => {
    server = await availableServers().find((s) => s.name === 'webdav-server')!.start();
    proxy = await startForwardProxy();
  }, 60_000);
  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
  });

  const engineWith = (proxyEnv: Record<string, string>, remoteDir: string): { engine: SyncEngine; local: string } => {
    const base = mkdtempSync(join(tmpdir(), 'werkplek-proxy-'));
    const local = join(base, 'local');
    mkdirSync(local);
    const engine = new SyncEngine({
      localDir: local, server: { url: server.url, user: server.user, password: server.password, remoteDir, proxyEnv },
      journalFile: join(base, 'journal.sqlite'), minFileAgeMs: 0, trash: async () => undefined,
    });
    return { engine, local };
  };

  it('every request of an upload and a download run goes through the proxy', async () => {
    const { engine, local } = engineWith({ HTTP_PROXY: proxy.url }, '/via-proxy');
    try {
      writeFileSync(join(local, 'up.txt'), 'sent through the proxy');
      proxy.seen.length = 0;
      const first = await engine.syncNow();
      expect(first.errors).toEqual([]);
      expect(first.actions.upload).toBe(1);
      expect(readFileSync(join(server.dataDir, 'via-proxy', 'up.txt'), 'utf8')).toBe('sent through the proxy');
      writeFileSync(join(server.dataDir, 'via-proxy', 'down.txt'), 'fetched through the proxy');
      const second = await engine.syncNow();
      expect(second.actions.download).toBe(1);
      expect(readFileSync(join(local, 'down.txt'), 'utf8')).toBe('fetched through the proxy');
      // Listings through the library, PUT and MKCOL hand-written, GET: all of them, nothing direct.
      expect(proxy.seen).toHaveLength(first.requests + second.requests);
      const methods = new Set(proxy.seen.map((line) => line.split(' ')[0]));
      expect([...methods].sort()).toEqual(['GET', 'MKCOL', 'PROPFIND', 'PUT']);
      expect(proxy.seen.every((line) => line.includes(new URL(server.url).host))).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('a host in NO_PROXY is reached directly', async () => {
    const { engine, local } = engineWith({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1,localhost' }, '/direct');
    try {
      writeFileSync(join(local, 'direct.txt'), 'not through the proxy');
      proxy.seen.length = 0;
      const run = await engine.syncNow();
      expect(run.errors).toEqual([]);
      expect(run.actions.upload).toBe(1);
      expect(proxy.seen).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});

describe('account lookups through an HTTP proxy', () => {
  let proxy: ForwardProxy;
  let cloud: http.Server;
  let base: string;
  let polls = 0;
  beforeAll(async () => {
    proxy = await startForwardProxy();
    // A Nextcloud-shaped server for Login Flow v2 and status.php (what the docs describe).
    cloud = http.createServer((req, res) => {
      const json = (status: number, body: unknown): void => {
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.method === 'POST' && req.url === '/index.php/login/v2') json(200, { login: `${base}/login/v2/flow/abc`, poll: { token: 'tok', endpoint: `${base}/login/v2/poll` } });
      else if (req.method === 'POST' && req.url === '/login/v2/poll') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c));
        req.on('end', () => {
          if (body !== 'token=tok') json(400, {});
          else if (++polls < 2) json(404, []); // not approved yet
          else json(200, { server: base, loginName: 'anna', appPassword: 'app-pw' });
        });
      } else if (req.url === '/status.php') json(200, { installed: true, version: '31.0.0' });
      else json(404, {});
    });
    await new Promise<void>((resolve) => cloud.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(cloud.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await proxy?.stop();
    await new Promise((resolve) => cloud?.close(resolve));
  });

  it('Login Flow v2 and the WebDAV root lookup go through the proxy; NO_PROXY hosts go direct', async () => {
    proxy.seen.length = 0;
    const proxyEnv = { HTTP_PROXY: proxy.url };
    const flow = await startLoginFlow(base, 'Werkplek test', { proxyEnv });
    expect(flow.loginUrl).toBe(`${base}/login/v2/flow/abc`);
    const creds = await pollLoginFlow(flow, { proxyEnv, intervalMs: 10 });
    expect(creds).toEqual({ server: base, user: 'anna', appPassword: 'app-pw' });
    const root = await findDavRoot(base, 'anna', { proxyEnv });
    expect(root).toEqual({ url: `${base}/remote.php/dav/files/anna/`, certain: true });
    const host = new URL(base).host;
    expect(proxy.seen).toEqual([
      `POST http://${host}/index.php/login/v2`, `POST http://${host}/login/v2/poll`, `POST http://${host}/login/v2/poll`, `GET http://${host}/status.php`,
    ]);
    proxy.seen.length = 0;
    expect((await findDavRoot(base, 'anna', { proxyEnv: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } })).certain).toBe(true);
    expect(proxy.seen).toEqual([]);
  });

  it('a proxy that cannot be reached makes the lookup uncertain, not wrong; sign-in fails with the reason', async () => {
    const proxyEnv = { HTTP_PROXY: 'http://127.0.0.1:9' }; // discard port: nothing listens
    expect(await findDavRoot(base, 'anna', { proxyEnv })).toEqual({ url: `${base}/`, certain: false });
    await expect(startLoginFlow(base, 'Werkplek test', { proxyEnv })).rejects.toThrow(/ECONNREFUSED/);
  });
});
