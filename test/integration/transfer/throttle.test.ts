// Bandwidth limits: real uploads and downloads through the engine's transfer functions to a
// real WebDAV server, with the limit shared by parallel transfers. The effective rate must stay
// within 10 % above the limit (and not far below it: loopback is much faster than the limit).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { DavClient } from '../../../electron/core/sync/dav-client.ts';
import { PlainUploader, downloadToTemp } from '../../../electron/core/sync/transfer.ts';
import { Throttle, TokenBucket, kibPerSecond } from '../../../electron/core/sync/throttle.ts';

const LIMIT = 1024 * 1024; // 1 MiB/s
const SIZE = 3 * 1024 * 1024;

describe('bandwidth limits', () => {
  let server: WebdavServerHandle;
  let dav: DavClient;
  let work: string;
  beforeAll(async () => {
    server = await npmWebdavServer.start();
    dav = new DavClient({ url: server.url, user: server.user, password: server.password });
    work = mkdtempSync(join(tmpdir(), 'werkplek-throttle-'));
  });
  afterAll(async () => { dav.close(); await server.stop(); rmSync(work, { recursive: true, force: true }); });

  const upload = (up: PlainUploader, name: string, path: string): Promise<unknown> => {
    const st = statSync(path);
    return up.upload({ name, localPath: path, size: st.size, mtimeMs: st.mtimeMs, ifMatch: null, ifNoneMatch: false, progress: () => undefined, signal: new AbortController().signal });
  };

  it('limits the total upload rate of parallel uploads to within 10 %', async () => {
    const throttle = new Throttle({ upBytesPerSecond: LIMIT, downBytesPerSecond: null });
    const up = new PlainUploader(dav, throttle.wrap);
    const files = [0, 1, 2].map((i) => { const p = join(work, `up${i}.bin`); writeFileSync(p, randomBytes(SIZE / 3)); return p; });
    const t = performance.now();
    await Promise.all(files.map((p, i) => upload(up, `up${i}.bin`, p)));
    const rate = SIZE / ((performance.now() - t) / 1000);
    expect(rate).toBeLessThanOrEqual(LIMIT * 1.1);
    expect(rate).toBeGreaterThan(LIMIT * 0.8);
    for (const [i, p] of files.entries()) expect(readFileSync(join(server.dataDir, `up${i}.bin`))).toEqual(readFileSync(p));
  });

  it('limits the download rate to within 10 %, and leaves the other direction alone', async () => {
    const data = randomBytes(SIZE);
    writeFileSync(join(work, 'src.bin'), data);
    await upload(new PlainUploader(dav), 'down.bin', join(work, 'src.bin'));
    const throttle = new Throttle({ upBytesPerSecond: null, downBytesPerSecond: LIMIT });
    const t = performance.now();
    const got = await downloadToTemp(dav, 'down.bin', join(work, '.werkplek-tmp-test-down'), { size: SIZE, checksum: null }, () => undefined, new AbortController().signal, throttle.wrap);
    const rate = SIZE / ((performance.now() - t) / 1000);
    expect(readFileSync(got.tempPath)).toEqual(data);
    expect(rate).toBeLessThanOrEqual(LIMIT * 1.1);
    expect(rate).toBeGreaterThan(LIMIT * 0.8);
    // Uploads are not limited by a download limit: 3 MiB go up far faster than 1 MiB/s.
    const t2 = performance.now();
    await upload(new PlainUploader(dav, throttle.wrap), 'free.bin', join(work, 'src.bin'));
    expect(SIZE / ((performance.now() - t2) / 1000)).toBeGreaterThan(LIMIT * 1.5);
  });

  it('a changed limit takes effect for transfers already waiting; 0 means none', async () => {
    const bucket = new TokenBucket(10 * 1024);
    const t = performance.now();
    const slow = bucket.take(16 * 1024); // would take ~1.6 s at 10 KiB/s
    bucket.setRate(null);
    await slow;
    expect(performance.now() - t).toBeLessThan(1000);
    expect(kibPerSecond(0)).toBeNull();
    expect(kibPerSecond(512)).toBe(512 * 1024);
  });
});
