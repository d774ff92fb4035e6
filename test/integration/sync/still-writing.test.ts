// RELIABILITY.md #29: a file still being written is not uploaded until it is stable (it stayed
// unchanged for the minimum file age); the next run looks again and sends the finished file.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { SyncFixture } from './sync-fixture.ts';

describe('a file still being written', () => {
  let server: WebdavServerHandle;
  beforeAll(async () => { server = await npmWebdavServer.start(); });
  afterAll(async () => server?.stop());

  it('is not uploaded while it keeps changing, and is uploaded whole once it is stable', async () => {
    const f = await SyncFixture.start(server, { minFileAgeMs: 1500 });
    try {
      f.writeLocal('stable.txt', 'done');
      f.writeLocal('growing.log', 'line 0\n');
      // A writer appending every 100 ms for a while, as a save or a download in progress does.
      let lines = 1;
      const writer = setInterval(() => appendFileSync(join(f.localDir, 'growing.log'), `line ${lines++}\n`), 100);
      let first;
      try {
        first = await f.sync();
      } finally {
        clearInterval(writer);
      }
      expect(first.outcome).toBe('ok');
      expect(first.errors).toEqual([]);
      const remote = Object.keys(f.remoteTree());
      expect(remote).toContain('stable.txt');
      expect(remote).not.toContain('growing.log');
      // Finished now: the next run sends it, with every line.
      await f.syncUntilStable();
      const expected = Array.from({ length: lines }, (_, i) => `line ${i}\n`).join('');
      expect(await f.readRemote('growing.log')).toBe(expected);
    } finally {
      await f.close();
    }
  }, 60_000);
});
