// A 200 MB file up and down through every available server: streamed (never held in memory),
// verified byte for byte, the download written to a temp file and renamed into place; on the
// Nextcloud-shaped server also up by chunked upload v2 with parallel chunks.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableServers, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { SyncFixture } from './sync-fixture.ts';
import { ChunkedUploader } from '../../../electron/core/sync/chunked-upload.ts';

const SIZE_MB = 200;

/** 200 MB of incompressible data, written block by block (1 MiB random, stamped with its index). */
async function writeBigFile(path: string): Promise<string> {
  const hash = createHash('sha1');
  const out = createWriteStream(path);
  const block = randomBytes(1024 * 1024);
  for (let i = 0; i < SIZE_MB; i++) {
    block.writeUInt32BE(i, 0);
    hash.update(block);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return hash.digest('hex');
}

async function sha1(path: string): Promise<string> {
  const hash = createHash('sha1');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

const starters = availableServers().filter((s) => s.available);

describe.each(starters.map((s) => [s.name, s] as const))('a 200 MB file through %s', (_name, starter) => {
  let server: WebdavServerHandle;
  beforeAll(async () => {
    server = await starter.start();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('uploads, then downloads into an empty folder, byte for byte', async () => {
    const up = await SyncFixture.start(server);
    const down = await SyncFixture.start(server);
    try {
      const digest = await writeBigFile(join(up.localDir, 'big.bin'));
      const sent = await up.sync();
      expect(sent.errors).toEqual([]);
      expect(sent.actions.upload).toBe(1);
      expect(statSync(join(server.dataDir, 'big.bin')).size).toBe(SIZE_MB * 1024 * 1024);
      expect(await sha1(join(server.dataDir, 'big.bin'))).toBe(digest);
      rmSync(join(up.localDir, 'big.bin')); // free the disk early; the journal of `up` is not used again

      const got = await down.sync();
      expect(got.errors).toEqual([]);
      expect(got.actions.download).toBe(1);
      expect(await sha1(join(down.localDir, 'big.bin'))).toBe(digest);
      expect(readdirSync(down.localDir)).toEqual(['big.bin']);
    } finally {
      await up.close();
      await down.close();
      await up.remote.deleteFile('/big.bin').catch(() => undefined);
    }
  }, 300_000);

  it.skipIf(starter.name !== 'sabredav')('uploads by chunked upload v2, several chunks at once, byte for byte', async () => {
    let chunked: ChunkedUploader | undefined;
    const state = mkdtempSync(join(tmpdir(), 'werkplek-chunk-state-'));
    const up = await SyncFixture.start(server, {
      uploaderFor: (_size, plain, dav) => (chunked ??= new ChunkedUploader({ server: { url: server.url, user: server.user, password: server.password }, stateDir: state }, plain, dav)),
    });
    try {
      const digest = await writeBigFile(join(up.localDir, 'chunked.bin'));
      const sent = await up.sync();
      expect(sent.errors).toEqual([]);
      expect(sent.actions.upload).toBe(1);
      expect((await chunked!.currentTerms()).parallel).toBe(5); // what the server announces by default, as Nextcloud does
      expect(chunked!.requests).toBeGreaterThanOrEqual(4); // MKCOL, chunks, MOVE
      expect(await sha1(join(server.dataDir, 'chunked.bin'))).toBe(digest);
      expect(readdirSync(state)).toEqual([]); // no resume record left behind
    } finally {
      await up.close();
      await up.remote.deleteFile('/chunked.bin').catch(() => undefined);
      rmSync(state, { recursive: true, force: true });
    }
  }, 300_000);
});
