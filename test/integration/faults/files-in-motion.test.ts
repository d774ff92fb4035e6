// Issue 4 §3: a file changed or growing while it is uploaded is detected and sent again (the
// server ends with the newest bytes, chunked uploads never assemble a mix); a file changed
// locally while its download runs is not overwritten (both versions kept). The change is made
// from the engine's own transfer-stream seam at the moment the first bytes move.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Readable } from 'node:stream';
import { availableServers, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';
import { SyncFixture } from '../sync/sync-fixture.ts';
import { chunkedUploaderFor } from '../../../electron/core/sync/chunked-upload.ts';
import type { StreamWrapper } from '../../../electron/core/sync/transfer.ts';
import { leftovers } from './scenario.ts';

/** A wrapper that runs `act` once, when the first bytes of a transfer in `direction` pass. */
function onFirstBytes(direction: 'up' | 'down', act: () => void): StreamWrapper {
  let done = false;
  return (dir, stream: Readable) => {
    if (dir === direction && !done) {
      stream.once('data', () => {
        if (done) return;
        done = true;
        act();
      });
    }
    return stream;
  };
}

const sabre = availableServers().find((s) => s.name === 'sabredav')!;

describe.each([
  { name: 'webdav-server, plain PUT', starter: npmWebdavServer, chunked: false },
  { name: 'SabreDAV, chunked upload v2', starter: sabre, chunked: true },
])('files in motion ($name)', ({ starter, chunked }) => {
  let server: WebdavServerHandle;
  beforeAll(async () => { if (starter.available) server = await starter.start(); });
  afterAll(async () => { await server?.stop(); });

  const fixture = async (wrap: StreamWrapper): Promise<SyncFixture> => {
    const f = await SyncFixture.start(server, { wrap });
    if (chunked) {
      await f.close();
      return SyncFixture.start(server, { wrap, uploaderFor: chunkedUploaderFor({ server: { url: server.url, user: server.user, password: server.password }, stateDir: join(f.stateDir, 'uploads'), chunkSize: 5 * 1024 * 1024, wrap }) });
    }
    return f;
  };

  const cases = [
    { how: 'rewritten', change: (path: string) => writeFileSync(path, randomBytes(12 * 1024 * 1024 + 17)) },
    { how: 'growing', change: (path: string) => appendFileSync(path, randomBytes(300_000)) },
  ];

  it.skipIf(!starter.available).each(cases)('a file $how while it is uploaded is sent again; the server ends with the newest bytes', async ({ how, change }) => {
    let changed = false;
    const name = `moving-${how}.bin`;
    const f: SyncFixture = await fixture(onFirstBytes('up', () => { change(join(f.localDir, name)); changed = true; }));
    try {
      f.writeLocal(name, randomBytes(11 * 1024 * 1024));
      const first = await f.sync();
      expect(changed).toBe(true);
      if (chunked) {
        // Caught before the final MOVE: nothing was assembled from two versions.
        expect(first.errors.map((e) => e.message).join()).toMatch(/changed while it was being uploaded/);
        expect(existsSync(join(server.dataDir, name))).toBe(false);
      } else {
        // One PUT cannot be taken back: the journal keeps the stat from before, so the next run sees the change.
        expect((await f.sync()).actions.upload).toBe(1);
      }
      const final = await f.syncUntilStable(4);
      expect(final.at(-1)?.outcome).toBe('ok');
      expect(readFileSync(join(server.dataDir, name)).equals(readFileSync(join(f.localDir, name)))).toBe(true);
      expect(leftovers(f.localDir)).toEqual([]);
      expect(leftovers(server.dataDir)).toEqual([]);
    } finally {
      await f.close();
      await f.remote.deleteFile(`/${name}`).catch(() => undefined);
    }
  });

  it.skipIf(!starter.available)('a file edited locally while its download runs is not overwritten: both versions are kept', async () => {
    let changed = false;
    const mine = Buffer.from('my edit, made while the download ran');
    const f: SyncFixture = await fixture(onFirstBytes('down', () => { writeFileSync(join(f.localDir, 'doc.bin'), mine); changed = true; }));
    try {
      f.writeLocal('doc.bin', 'v0');
      await f.syncUntilStable();
      const theirs = randomBytes(3 * 1024 * 1024);
      await f.writeRemote('doc.bin', theirs);
      await f.syncUntilStable(4);
      expect(changed).toBe(true);
      const contents = (dir: string): Buffer[] => Object.keys(f.localTree()).map((p) => readFileSync(join(dir, p)));
      for (const dir of [f.localDir, server.dataDir]) {
        const all = contents(dir);
        expect(all.some((b) => b.equals(mine)), `my edit is kept in ${dir}`).toBe(true);
        expect(all.some((b) => b.equals(theirs)), `the server version is kept in ${dir}`).toBe(true);
      }
      expect(f.remoteTree()).toEqual(f.localTree());
      expect(Object.keys(f.localTree()).filter((p) => p.includes('conflicted copy'))).toHaveLength(1);
    } finally {
      const remote = f.remote;
      await f.close();
      for (const item of (await remote.getDirectoryContents('/')) as { filename: string }[]) await remote.deleteFile(item.filename);
    }
  });
});
