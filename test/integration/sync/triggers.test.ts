// What starts a sync when the engine runs on its own: the file watcher (a saved file is sent
// without anyone pressing a button), the server poll, and the offline → back online path with
// the edits made meanwhile. Waits on engine events, never on fixed sleeps.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy } from '../../fixtures/fault-proxy.ts';
import { webdavServerBehindFaultProxy } from '../../fixtures/faulty-server.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';
import type { EngineState, RunSummary } from '../../../electron/core/sync/engine.ts';
import { SyncFixture } from './sync-fixture.ts';

const nextRun = (f: SyncFixture, test: (s: RunSummary) => boolean = () => true): Promise<RunSummary> =>
  new Promise((done) => {
    const off = f.engine.events.on('runEnd', (s) => {
      if (test(s)) {
        off();
        done(s);
      }
    });
  });
const nextState = (f: SyncFixture, state: EngineState): Promise<void> =>
  new Promise((done) => {
    const off = f.engine.events.on('state', (s) => {
      if (s.state === state) {
        off();
        done();
      }
    });
  });

describe('sync triggers', () => {
  let server: WebdavServerHandle;
  let proxy: FaultProxy;
  let f: SyncFixture;
  webdavServerBehindFaultProxy((started, faults) => {
    server = started;
    proxy = faults;
  });
  afterEach(async () => {
    proxy.clearRules();
    await f?.close();
  });

  it('a saved file is uploaded by the watcher; a server change arrives by the poll', async () => {
    f = await SyncFixture.start({ ...server, url: proxy.url }, { debounceMs: 200, pollIntervalSeconds: 1 });
    const first = nextRun(f);
    f.engine.start();
    await first;
    const uploaded = nextRun(f, (s) => (s.actions.upload ?? 0) > 0);
    f.writeLocal('saved.txt', 'saved while watching');
    await uploaded;
    expect(readFileSync(join(server.dataDir, 'saved.txt'), 'utf8')).toBe('saved while watching');
    const downloaded = nextRun(f, (s) => (s.actions.download ?? 0) > 0);
    await f.writeRemote('from-server.txt', 'polled');
    await downloaded;
    expect(f.readLocal('from-server.txt')).toBe('polled');
  }, 60_000);

  it('offline: state "offline", edits wait, and are sent when the server answers again', async () => {
    f = await SyncFixture.start({ ...server, url: proxy.url }, { debounceMs: 200, pollIntervalSeconds: 60 });
    const first = nextRun(f);
    f.engine.start();
    await first;
    proxy.addRule({ fault: { type: 'drop-response', afterBytes: 0 } });
    const offline = nextState(f, 'offline');
    f.writeLocal('written-offline.txt', 'made without network');
    await offline;
    expect(existsSync(join(server.dataDir, 'written-offline.txt'))).toBe(false);
    const sent = nextRun(f, (s) => (s.actions.upload ?? 0) > 0);
    proxy.clearRules();
    await sent; // the engine's own back-off retry, no trigger from the test
    expect(readFileSync(join(server.dataDir, 'written-offline.txt'), 'utf8')).toBe('made without network');
    expect(f.engine.currentState).toBe('idle');
  }, 60_000);

  it('paused: nothing is sent; resumed: the edits made meanwhile go out', async () => {
    f = await SyncFixture.start({ ...server, url: proxy.url }, { debounceMs: 200, pollIntervalSeconds: 60 });
    const first = nextRun(f);
    f.engine.start();
    await first;
    f.engine.pause();
    const before = proxy.requests.length;
    f.writeLocal('while-paused.txt', 'waits');
    expect((await f.engine.syncNow()).message).toBe('paused');
    expect(proxy.requests.length).toBe(before);
    const sent = nextRun(f, (s) => (s.actions.upload ?? 0) > 0);
    f.engine.resume();
    await sent;
    expect(existsSync(join(server.dataDir, 'while-paused.txt'))).toBe(true);
  }, 60_000);

  it('a change behind a link in the folder (its target outside) starts no run: the link is not watched through', async () => {
    const outside = join(dirname(server.dataDir), `outside-${Date.now()}`);
    mkdirSync(outside);
    f = await SyncFixture.start({ ...server, url: proxy.url }, { debounceMs: 100, pollIntervalSeconds: 600 });
    symlinkSync(outside, join(f.localDir, 'ssh'));
    let runs = 0;
    f.engine.events.on('runStart', () => runs++);
    f.engine.start();
    // Start-up runs (the first, the watcher's once its first scan is ready) are over once none
    // has ended for half a second.
    let lastEnd = Date.now();
    f.engine.events.on('runEnd', () => (lastEnd = Date.now()));
    await nextRun(f);
    while (Date.now() - lastEnd < 500) await new Promise((done) => setTimeout(done, 100));
    runs = 0;
    writeFileSync(join(outside, 'known_hosts'), 'changed outside');
    // Well past the debounce: a followed link would have started a run by now.
    await new Promise((done) => setTimeout(done, 1000));
    const next = nextRun(f, (s) => (s.actions.upload ?? 0) > 0);
    f.writeLocal('here.txt', 'a change inside');
    await next;
    expect(runs).toBe(1);
    rmSync(outside, { recursive: true, force: true });
  }, 60_000);
});
