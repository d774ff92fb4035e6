// The engine's answer to each kind of server failure (RELIABILITY.md "Server behaviour"), through
// the fault proxy in front of a real WebDAV server: nothing is lost, nothing is read as "gone".
// (The full fault and crash suite of issue 4 lives in test/integration/faults/.)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withRetryAfter, type FaultProxy, type FaultRule } from '../../fixtures/fault-proxy.ts';
import { webdavServerBehindFaultProxy } from '../../fixtures/faulty-server.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { SyncFixture } from './sync-fixture.ts';
import { QUOTA_GUESS_MS } from '../../../electron/core/sync/engine.ts';

describe('server answers', () => {
  let server: WebdavServerHandle;
  let proxy: FaultProxy;
  let f: SyncFixture;
  webdavServerBehindFaultProxy((started, faults) => {
    server = started;
    proxy = faults;
  });
  const start = async (): Promise<SyncFixture> => {
    f = await SyncFixture.start({ ...server, url: proxy.url });
    return f;
  };
  afterEach(async () => {
    proxy.clearRules();
    await f?.close();
    const items = (await f.remote.getDirectoryContents('/').catch(() => [])) as { filename: string }[];
    for (const item of items) await f.remote.deleteFile(item.filename);
  });

  it('401 mid-run stops the run and asks to sign in; nothing is deleted; the next run finishes', async () => {
    await start();
    for (let i = 0; i < 6; i++) f.writeLocal(`f${i}.txt`, `file ${i}`);
    proxy.addRule({ method: 'PUT', skip: 2, times: 1, fault: { type: 'status', status: 401 } });
    const run = await f.sync();
    expect(run.outcome).toBe('needs-sign-in');
    expect(f.engine.currentState).toBe('needs-sign-in');
    for (let i = 0; i < 6; i++) expect(f.readLocal(`f${i}.txt`)).toBe(`file ${i}`);
    const again = await f.sync();
    expect(again.outcome).toBe('ok');
    expect(f.remoteTree()).toEqual(f.localTree());
  });

  it('503 with Retry-After on the listing: the engine waits that long, propagates nothing', async () => {
    await start();
    f.writeLocal('a.txt', 'a');
    proxy.addRule({ method: 'PROPFIND', times: 1, fault: withRetryAfter(503, 120) });
    const run = await f.sync();
    expect(run.outcome).toBe('rate-limited');
    expect(run.retryAfterMs).toBe(120_000);
    expect(existsSync(join(server.dataDir, 'a.txt'))).toBe(false);
    expect((await f.sync()).outcome).toBe('ok');
  });

  it('423 Locked on one upload: that file waits, the others go; the next run sends it', async () => {
    await start();
    f.writeLocal('locked.docx', 'mine');
    f.writeLocal('free.txt', 'free');
    proxy.addRule({ method: 'PUT', path: '/locked.docx', times: 1, fault: { type: 'status', status: 423 } });
    const run = await f.sync();
    expect(run.outcome).toBe('errors');
    expect(run.errors).toMatchObject([{ path: 'locked.docx', kind: 'locked' }]);
    expect(readFileSync(join(server.dataDir, 'free.txt'), 'utf8')).toBe('free');
    const again = await f.sync();
    // Only the locked file is sent; free.txt at most has its ETag learned (plain server), never a transfer.
    expect(again.actions.upload).toBe(1);
    expect(Object.keys(again.actions).filter((k) => k !== 'upload' && k !== 'record')).toEqual([]);
    expect(readFileSync(join(server.dataDir, 'locked.docx'), 'utf8')).toBe('mine');
  });

  it('507 on a big upload: recorded as a quota guess, smaller files still go, no retry storm', async () => {
    await start();
    f.writeLocal('big.bin', Buffer.alloc(300_000, 1));
    f.writeLocal('small.txt', 'small');
    proxy.addRule({ method: 'PUT', path: '/big.bin', fault: { type: 'status', status: 507 } });
    const run = await f.sync();
    expect(run.errors).toMatchObject([{ path: 'big.bin', kind: 'quota' }]);
    expect(existsSync(join(server.dataDir, 'small.txt'))).toBe(true);
    const puts = proxy.requests.filter((r) => r.method === 'PUT' && r.path === '/big.bin').length;
    const again = await f.sync();
    expect(again.errors).toMatchObject([{ path: 'big.bin', kind: 'quota' }]);
    expect(proxy.requests.filter((r) => r.method === 'PUT' && r.path === '/big.bin').length).toBe(puts);
  });

  it('the quota guess is forgotten after QUOTA_GUESS_MS: space freed on the server is used without a restart', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    f = await SyncFixture.start({ ...server, url: proxy.url }, { now: () => new Date(now) });
    f.writeLocal('big.bin', Buffer.alloc(300_000, 1));
    const rule: FaultRule = { method: 'PUT', path: '/big.bin', fault: { type: 'status', status: 507 } };
    proxy.addRule(rule);
    expect((await f.sync()).errors).toMatchObject([{ path: 'big.bin', kind: 'quota' }]);
    now += QUOTA_GUESS_MS - 1000;
    expect((await f.sync()).errors).toMatchObject([{ path: 'big.bin', kind: 'quota' }]);
    expect(proxy.fired(rule)).toBe(1);
    proxy.clearRules(); // the user freed space
    now += 2000;
    const later = await f.sync();
    expect(later.errors).toEqual([]);
    expect(later.actions.upload).toBe(1);
    expect(readFileSync(join(server.dataDir, 'big.bin')).length).toBe(300_000);
  });

  it('a download cut off mid-body never appears half-written; the next run resumes it with Range', async () => {
    await start();
    const content = Buffer.from(Array.from({ length: 400_000 }, (_, i) => (i * 7) % 251));
    await f.writeRemote('doc.bin', content);
    proxy.addRule({ method: 'GET', path: '/doc.bin', times: 1, fault: { type: 'drop-response', afterBytes: 150_000 } });
    const run = await f.sync();
    expect(run.errors).toMatchObject([{ path: 'doc.bin' }]);
    expect(f.localTree()).toEqual({});
    const ranges: (string | undefined)[] = [];
    proxy.addRule({ method: 'GET', path: '/doc.bin', match: (req) => (ranges.push(req.headers.range as string | undefined), false), fault: { type: 'delay', ms: 0 } });
    expect((await f.sync()).actions).toEqual({ download: 1 });
    expect(readFileSync(join(f.localDir, 'doc.bin')).equals(content)).toBe(true);
    // The server (webdav-server) answers Range: only the missing part travelled the second time.
    expect(ranges).toHaveLength(1);
    expect(ranges[0]).toMatch(/^bytes=[1-9]\d*-$/);
    expect(readdirSync(f.localDir)).toEqual(['doc.bin']);
  });

  it('a small download cut off mid-body leaves nothing behind; the next run fetches it whole, with its time', async () => {
    await start();
    const content = Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 13) % 251));
    await f.writeRemote('small.bin', content);
    proxy.addRule({ method: 'GET', path: '/small.bin', times: 1, fault: { type: 'drop-response', afterBytes: 20_000 } });
    const run = await f.sync();
    expect(run.errors).toMatchObject([{ path: 'small.bin' }]);
    expect(readdirSync(f.localDir)).toEqual([]); // no temp file kept for a resume either
    const ranges: (string | undefined)[] = [];
    proxy.addRule({ method: 'GET', path: '/small.bin', match: (req) => (ranges.push(req.headers.range as string | undefined), false), fault: { type: 'delay', ms: 0 } });
    expect((await f.sync()).actions).toEqual({ download: 1 });
    expect(ranges).toEqual([undefined]);
    expect(readFileSync(join(f.localDir, 'small.bin')).equals(content)).toBe(true);
    const listed = ((await f.remote.stat('/small.bin')) as { lastmod: string }).lastmod;
    expect(Math.floor(statSync(join(f.localDir, 'small.bin')).mtimeMs / 1000)).toBe(Date.parse(listed) / 1000);
    expect((await f.sync()).actions).toEqual({}); // recorded as it is on disk: nothing to do next time
  });

  it('kept bytes of a cut-off download are dropped when the server file changes meanwhile', async () => {
    await start();
    await f.writeRemote('doc.bin', Buffer.alloc(400_000, 1));
    proxy.addRule({ method: 'GET', path: '/doc.bin', times: 1, fault: { type: 'drop-response', afterBytes: 150_000 } });
    await f.sync();
    await f.writeRemote('doc.bin', Buffer.alloc(300_000, 2));
    expect((await f.sync()).errors).toEqual([]);
    expect(readFileSync(join(f.localDir, 'doc.bin')).equals(Buffer.alloc(300_000, 2))).toBe(true);
    expect(readdirSync(f.localDir)).toEqual(['doc.bin']);
  });

  it('a listing of a subfolder that fails leaves that subtree alone on both sides; the rest syncs', async () => {
    await start();
    f.writeLocal('A/a.txt', 'a');
    f.writeLocal('B/b.txt', 'b');
    await f.syncUntilStable();
    await f.remote.deleteFile('/B/b.txt');
    f.writeLocal('A/new.txt', 'new');
    proxy.addRule({ method: 'PROPFIND', path: '/B', fault: { type: 'status', status: 500 } });
    const run = await f.sync();
    expect(run.issues).toMatchObject([{ path: 'B', kind: 'remote-error' }]);
    expect(f.readLocal('B/b.txt')).toBe('b');
    expect(existsSync(join(server.dataDir, 'A', 'new.txt'))).toBe(true);
  });
});
