// Chunked upload v2 client against the SabreDAV server (which implements the documented API),
// through the fault proxy so requests can be counted and broken.
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { startSabreDav, availableServers, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { startFaultProxy, type FaultProxy } from '../../fixtures/fault-proxy.ts';
import { DavClient } from '../../../electron/core/sync/dav-client.ts';
import { PlainUploader, type StreamWrapper, type UploadJob } from '../../../electron/core/sync/transfer.ts';
import { chunkingCapabilitiesFrom, parallelFor } from '../../../electron/core/sync/chunk-plan.ts';
import { ChunkedUploader } from '../../../electron/core/sync/chunked-upload.ts';
import { RemoteError } from '../../../electron/core/sync/remote-error.ts';
import { uploadStateDirFor } from '../../../electron/core/sync/engine-options.ts';

const sabre = availableServers().find((s) => s.name === 'sabredav')!;
if (!sabre.available) console.warn(`[chunked upload] skipped: ${sabre.reason}`);

const CHUNK = 64 * 1024;

/** Each chunk's bytes held back `ms` on their way out (requests last long enough to overlap); `open` counts the chunk bodies being sent at once. */
const slowWrap = (ms: number, open = { now: 0, peak: 0 }): StreamWrapper => (_direction, stream) => {
  open.peak = Math.max(open.peak, ++open.now);
  const out = stream.pipe(new Transform({ transform(data: Buffer, _e, done) { void sleep(ms).then(() => done(null, data)); } }));
  out.once('close', () => open.now--);
  return out;
};

describe.skipIf(!sabre.available)('chunked upload v2 (SabreDAV)', () => {
  let server: WebdavServerHandle;
  let proxy: FaultProxy;
  let work: string;
  let dav: DavClient;
  const make = (over: Partial<ConstructorParameters<typeof ChunkedUploader>[0]> = {}): ChunkedUploader => {
    const options = { url: proxy.url, user: server.user, password: server.password };
    // One fixed-size chunk at a time unless a test says otherwise: the request sequences below are exact.
    return new ChunkedUploader({ server: options, stateDir: join(work, 'state'), chunkSize: CHUNK, maxChunkSize: CHUNK, parallel: 1, threshold: 2 * CHUNK, ...over }, new PlainUploader(dav), dav);
  };
  const job = (name: string, localPath: string, extra: Partial<UploadJob> = {}): UploadJob => {
    const st = statSync(localPath);
    return { name, localPath, size: st.size, mtimeMs: st.mtimeMs, ifMatch: null, ifNoneMatch: false, progress: () => undefined, signal: new AbortController().signal, ...extra };
  };
  const file = (name: string, bytes: number): { path: string; data: Buffer } => {
    const data = randomBytes(bytes);
    const path = join(work, name);
    writeFileSync(path, data);
    utimesSync(path, new Date(), new Date(1_700_000_000_000));
    return { path, data };
  };
  const chunkPuts = (): string[] => proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/uploads/')).map((r) => r.path.split('/').pop()!);
  const count = (method: string): number => proxy.requests.filter((r) => r.method === method).length;
  const uploadsLeft = async (): Promise<number> => {
    const res = await fetch(server.url.replace('/files/', '/uploads/'), { method: 'PROPFIND', headers: { depth: '1', authorization: 'Basic ' + Buffer.from(`${server.user}:${server.password}`).toString('base64') } });
    return ((await res.text()).match(/<d:response>/g)?.length ?? 1) - 1;
  };

  const records = (): { chunks: { n: number; offset: number; size: number; sha1: string | null }[] }[] => {
    const dir = join(work, 'state');
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))) : [];
  };

  beforeAll(async () => {
    // Announces 3 chunks at once and 4 × CHUNK at most, as a Nextcloud with those settings does.
    server = await startSabreDav({ minChunkBytes: CHUNK, chunkMaxParallelCount: 3, chunkMaxSize: 4 * CHUNK, workers: 6 });
    proxy = await startFaultProxy(server.url);
  });
  afterAll(async () => { await proxy?.stop(); await server?.stop(); });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'werkplek-chunked-'));
    dav = new DavClient({ url: proxy.url, user: server.user, password: server.password });
    proxy.requests.length = 0;
  });
  afterEach(() => { proxy.clearRules(); dav.close(); rmSync(work, { recursive: true, force: true }); });

  it('sends a big file as MKCOL + numbered chunks + MOVE .file, keeping the mtime', async () => {
    const f = file('big.bin', 5 * CHUNK + 123);
    const up = make();
    const result = await up.upload(job('big.bin', f.path));
    expect(readFileSync(join(server.dataDir, 'big.bin'))).toEqual(f.data);
    expect(statSync(join(server.dataDir, 'big.bin')).mtimeMs).toBe(1_700_000_000_000);
    expect(count('MKCOL')).toBe(1);
    expect(chunkPuts()).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(count('MOVE')).toBe(1);
    const entry = await dav.stat('big.bin');
    expect(result.etag).toBe(entry!.etag);
    expect(result.fileId).toMatch(/ocwerkplek$/);
    expect(readdirSync(join(work, 'state'))).toEqual([]);
    expect(await uploadsLeft()).toBe(0);
  });

  it('encodes the Destination of awkward names (spaces, Unicode, #, %, ?) in a sub folder', async () => {
    await dav.mkdir('Map één');
    const name = 'Map één/Rapport #1 100% klaar?.bin';
    const f = file('awkward.bin', 3 * CHUNK + 5);
    await make().upload(job(name, f.path));
    expect(readFileSync(join(server.dataDir, name))).toEqual(f.data);
    expect(await uploadsLeft()).toBe(0);
  });

  it('uses one plain PUT below the threshold, and when the server does not announce chunking', async () => {
    const small = file('small.bin', CHUNK);
    await make().upload(job('small.bin', small.path));
    expect(count('MKCOL')).toBe(0);
    expect(count('PUT')).toBe(1);
    const plainServer = await startSabreDav({ minChunkBytes: CHUNK, announceChunking: false });
    const plainDav = new DavClient({ url: plainServer.url, user: plainServer.user, password: plainServer.password });
    try {
      const up = new ChunkedUploader({ server: { url: plainServer.url, user: plainServer.user, password: plainServer.password }, stateDir: join(work, 'state'), chunkSize: CHUNK, threshold: 2 * CHUNK }, new PlainUploader(plainDav), plainDav);
      const big = file('big.bin', 4 * CHUNK);
      expect(await up.supported()).toBe(false);
      await up.upload(job('big.bin', big.path));
      expect(readFileSync(join(plainServer.dataDir, 'big.bin'))).toEqual(big.data);
    } finally {
      plainDav.close();
      await plainServer.stop();
    }
  });

  it('resumes after a connection drop without resending the chunks already stored', async () => {
    const f = file('resume.bin', 6 * CHUNK);
    proxy.addRule({ method: 'PUT', path: /\/uploads\/.*\/4$/, times: 1, fault: { type: 'drop-request', afterBytes: CHUNK / 2 } });
    await expect(make().upload(job('resume.bin', f.path))).rejects.toMatchObject({ kind: 'network' });
    expect(chunkPuts()).toEqual(['1', '2', '3', '4']);
    proxy.requests.length = 0;
    // A new uploader (as after a restart of the app) finds the record on disk.
    await make().upload(job('resume.bin', f.path));
    expect(count('MKCOL')).toBe(0);
    expect(chunkPuts()).toEqual(['4', '5', '6']);
    expect(readFileSync(join(server.dataDir, 'resume.bin'))).toEqual(f.data);
    expect(await uploadsLeft()).toBe(0);
  });

  it('two sync pairs uploading to the same server path never take up each other\'s half-sent upload', async () => {
    // Each pair's records live beside its own journal (uploadStateDirFor), as the app and the CLI wire them.
    const first = file('shared.bin', 6 * CHUNK);
    proxy.addRule({ method: 'PUT', path: /\/uploads\/.*\/4$/, times: 1, fault: { type: 'drop-request', afterBytes: CHUNK / 2 } });
    const pairA = make({ stateDir: uploadStateDirFor(join(work, 'journals', 'pair-a.sqlite')) });
    await expect(pairA.upload(job('shared.bin', first.path))).rejects.toMatchObject({ kind: 'network' });
    proxy.requests.length = 0;
    // Pair B has other bytes for the same path: a fresh upload of all of them, not a resume of A's chunks.
    const second = file('shared-b.bin', 6 * CHUNK);
    const pairB = make({ stateDir: uploadStateDirFor(join(work, 'journals', 'pair-b.sqlite')) });
    await pairB.upload(job('shared.bin', second.path));
    expect(count('MKCOL')).toBe(1);
    expect(chunkPuts()).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(readFileSync(join(server.dataDir, 'shared.bin'))).toEqual(second.data);
    // A's record is still A's: A resumes its own upload later and sends only what was missing.
    proxy.requests.length = 0;
    await pairA.upload(job('shared.bin', first.path));
    expect(chunkPuts()).toEqual(['4', '5', '6']);
    expect(readFileSync(join(server.dataDir, 'shared.bin'))).toEqual(first.data);
  });

  it('restarts cleanly when the upload folder expired (404)', async () => {
    const f = file('expired.bin', 4 * CHUNK);
    proxy.addRule({ method: 'PUT', path: /\/uploads\/.*\/3$/, times: 1, fault: { type: 'status', status: 503 } });
    await expect(make().upload(job('expired.bin', f.path))).rejects.toBeInstanceOf(RemoteError);
    await server.expireUploads!();
    proxy.requests.length = 0;
    await make().upload(job('expired.bin', f.path));
    expect(chunkPuts()).toEqual(['3', '1', '2', '3', '4']); // 404 on the first, then all under a new id
    expect(count('MKCOL')).toBe(1);
    expect(readFileSync(join(server.dataDir, 'expired.bin'))).toEqual(f.data);
  });

  it('signals a conflict when the target changed (412 on MOVE) and removes the chunks', async () => {
    const first = file('shared.bin', 3 * CHUNK);
    const created = await make().upload(job('shared.bin', first.path));
    // Someone else saves a new version on the server.
    const theirs = randomBytes(1000);
    await fetch(server.url + 'shared.bin', { method: 'PUT', body: theirs, headers: { authorization: 'Basic ' + Buffer.from(`${server.user}:${server.password}`).toString('base64') } });
    const mine = file('shared-mine.bin', 4 * CHUNK);
    const error = await make().upload(job('shared.bin', mine.path, { ifMatch: created.etag })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).kind).toBe('precondition');
    expect(readFileSync(join(server.dataDir, 'shared.bin'))).toEqual(theirs);
    expect(await uploadsLeft()).toBe(0);
    expect(readdirSync(join(work, 'state'))).toEqual([]);
    // With the current ETag it goes through.
    const now = await dav.stat('shared.bin');
    await make().upload(job('shared.bin', mine.path, { ifMatch: now!.etag }));
    expect(readFileSync(join(server.dataDir, 'shared.bin'))).toEqual(mine.data);
  });

  it('recognises a MOVE whose reply was lost: no chunk is sent again', async () => {
    const f = file('lost.bin', 3 * CHUNK);
    proxy.addRule({ method: 'MOVE', times: 1, fault: { type: 'drop-response', afterBytes: 0 } });
    await expect(make().upload(job('lost.bin', f.path))).rejects.toMatchObject({ kind: 'network' });
    expect(readFileSync(join(server.dataDir, 'lost.bin'))).toEqual(f.data);
    proxy.requests.length = 0;
    const result = await make().upload(job('lost.bin', f.path));
    expect(chunkPuts()).toEqual([]);
    expect(result.etag).toBe((await dav.stat('lost.bin'))!.etag);
  });

  it('starts over when the local bytes changed under the same size and mtime', async () => {
    const f = file('changed.bin', 4 * CHUNK);
    proxy.addRule({ method: 'PUT', path: /\/uploads\/.*\/3$/, times: 1, fault: { type: 'status', status: 500 } });
    await expect(make().upload(job('changed.bin', f.path))).rejects.toMatchObject({ kind: 'server' });
    const other = randomBytes(4 * CHUNK);
    writeFileSync(f.path, other);
    utimesSync(f.path, new Date(), new Date(1_700_000_000_000));
    proxy.requests.length = 0;
    await make().upload(job('changed.bin', f.path));
    expect(chunkPuts()).toEqual(['1', '2', '3', '4']);
    expect(readFileSync(join(server.dataDir, 'changed.bin'))).toEqual(other);
    expect(await uploadsLeft()).toBe(0);
  });

  it('reads max_size and max_parallel_count from the capabilities, and keeps no more chunks in flight than announced', async () => {
    const open = { now: 0, peak: 0 };
    const up = make({ maxChunkSize: undefined, parallel: undefined, wrap: slowWrap(150, open) });
    expect(await up.currentTerms()).toEqual({ parallel: 3, chunkSize: CHUNK });
    const f = file('parallel.bin', 9 * CHUNK + 7);
    await up.upload(job('parallel.bin', f.path));
    expect(readFileSync(join(server.dataDir, 'parallel.bin'))).toEqual(f.data);
    expect(open.peak).toBe(3); // several at once, never more than the server said
    expect(await uploadsLeft()).toBe(0);
    expect(records()).toEqual([]);
  });

  it('grows the chunk size toward the target time, never past the announced max_size', async () => {
    const up = make({ maxChunkSize: undefined, parallel: 1, targetChunkMs: 60_000 });
    const f = file('grow.bin', 40 * CHUNK);
    await up.upload(job('grow.bin', f.path));
    expect(readFileSync(join(server.dataDir, 'grow.bin'))).toEqual(f.data);
    // 40 chunks' worth in far fewer requests: the size grew (to 4 × CHUNK, the server's max_size, at most: ≥ 10 chunks).
    expect(chunkPuts().length).toBeLessThan(20);
    expect(chunkPuts().length).toBeGreaterThanOrEqual(10);
    expect((await up.currentTerms()).chunkSize).toBe(4 * CHUNK);
  });

  it('a chunk failing while others succeed: those finish and are kept, no new one starts, and the resume sends only the rest', async () => {
    const f = file('partly.bin', 8 * CHUNK);
    proxy.addRule({ method: 'PUT', path: /\/uploads\/.*\/2$/, times: 1, fault: { type: 'status', status: 500 } });
    await expect(make({ parallel: undefined, wrap: slowWrap(150) }).upload(job('partly.bin', f.path))).rejects.toMatchObject({ kind: 'server' });
    // 1, 2 and 3 went at once; one that finished before 2 failed may have started 4, nothing later.
    const first = chunkPuts().map(Number).sort((a, b) => a - b);
    expect(first.slice(0, 3)).toEqual([1, 2, 3]);
    expect(first.length).toBeLessThanOrEqual(4);
    const [record] = records();
    expect(record!.chunks.map((c) => c.n)).toEqual(first);
    expect(record!.chunks.filter((c) => c.sha1 !== null).map((c) => c.n)).toEqual(first.filter((n) => n !== 2));
    proxy.requests.length = 0;
    await make().upload(job('partly.bin', f.path));
    expect(chunkPuts().map(Number).sort((a, b) => a - b)).toEqual([2, 4, 5, 6, 7, 8].filter((n) => n === 2 || !first.includes(n)));
    expect(proxy.requests.filter((r) => r.method === 'MKCOL')).toHaveLength(0);
    expect(readFileSync(join(server.dataDir, 'partly.bin'))).toEqual(f.data);
    expect(await uploadsLeft()).toBe(0);
  });

  it('a crash (SIGKILL) with several chunks in flight: the resume sends those again under the same numbers and ranges, and the rest', async () => {
    const f = file('crash.bin', 10 * CHUNK + 99);
    const stateDir = join(work, 'state');
    const child = spawn(process.execPath, [join(import.meta.dirname, 'chunk-crash-child.ts'), JSON.stringify({
      url: proxy.url, user: server.user, password: server.password, stateDir, file: f.path, name: 'crash.bin', chunk: CHUNK, delayMs: 400,
    })], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill when at least one chunk is stored and at least two are in flight.
    let seen: ReturnType<typeof records>[number] | undefined;
    for (let i = 0; i < 1500 && !seen; i++) {
      await sleep(10);
      const r = records()[0];
      if (r && r.chunks.filter((c) => c.sha1).length >= 1 && r.chunks.filter((c) => !c.sha1).length >= 2) seen = r;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(seen, 'the child never had a stored chunk and two in flight').toBeDefined();
    const left = records()[0]!;
    const inFlight = left.chunks.filter((c) => !c.sha1);
    const stored = left.chunks.filter((c) => c.sha1);
    expect(inFlight.length).toBeGreaterThanOrEqual(1);
    proxy.requests.length = 0;
    await make({ parallel: 3 }).upload(job('crash.bin', f.path));
    const resent = chunkPuts().map(Number);
    for (const c of inFlight) expect(resent).toContain(c.n);
    for (const c of stored) expect(resent).not.toContain(c.n);
    // Every number the dead process had in flight was sent again with the range it had then.
    const last = left.chunks.at(-1)!;
    expect(Math.max(...resent)).toBe(Math.ceil((10 * CHUNK + 99) / CHUNK));
    expect(last.offset + last.size).toBeLessThanOrEqual(10 * CHUNK + 99);
    expect(readFileSync(join(server.dataDir, 'crash.bin'))).toEqual(f.data);
    expect(await uploadsLeft()).toBe(0);
    expect(records()).toEqual([]);
  }, 60_000);

  it('falls back to one chunk at a time where the server disables parallel chunks, and to 5 where it says nothing', async () => {
    const quiet = await startSabreDav({ minChunkBytes: CHUNK, chunkMaxParallelCount: null, chunkMaxSize: null });
    try {
      const quietDav = new DavClient({ url: quiet.url, user: quiet.user, password: quiet.password });
      const up = new ChunkedUploader({ server: { url: quiet.url, user: quiet.user, password: quiet.password }, stateDir: join(work, 'q'), chunkSize: CHUNK }, new PlainUploader(quietDav), quietDav);
      expect(await up.currentTerms()).toEqual({ parallel: 5, chunkSize: CHUNK });
      quietDav.close();
    } finally {
      await quiet.stop();
    }
    expect(parallelFor(chunkingCapabilitiesFrom({ dav: { chunking: '1.0', chunkingParallelUploadDisabled: true }, files: { chunked_upload: { max_parallel_count: 5 } } }))).toBe(1);
  });
});
