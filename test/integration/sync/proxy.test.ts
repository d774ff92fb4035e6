// The file sync through an HTTP proxy (shell.proxy, or the session's HTTPS_PROXY/HTTP_PROXY):
// every WebDAV request of a sync goes through it; a host in NO_PROXY goes direct.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableServers, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { startForwardProxy, type ForwardProxy } from '../../fixtures/forward-proxy.ts';
import { SyncEngine } from '../../../electron/core/sync/engine.ts';

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
