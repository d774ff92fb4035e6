// The sync engine against every real WebDAV server this machine has (npm webdav-server always;
// Apache mod_dav, rclone and SabreDAV where installed): the cases of issue 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableServers, reportSkipped, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { SyncFixture } from './sync-fixture.ts';

const starters = availableServers().filter((s) => s.available);
reportSkipped();

describe.each(starters.map((s) => [s.name, s] as const))('sync against %s', (_name, starter) => {
  let server: WebdavServerHandle;
  beforeAll(async () => {
    server = await starter.start();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const withFixture = async (work: (f: SyncFixture) => Promise<void>): Promise<void> => {
    const f = await SyncFixture.start(server);
    try {
      await work(f);
    } finally {
      await f.close();
      // Each case starts from an empty server.
      for (const item of await f.remote.getDirectoryContents('/').catch(() => []) as { filename: string }[]) await f.remote.deleteFile(item.filename);
    }
  };

  it('first upload, then nothing to do', () => withFixture(async (f) => {
    f.writeLocal('a.txt', 'alpha');
    f.writeLocal('docs/b.txt', 'beta');
    f.writeLocal('docs/deep/c.txt', 'gamma');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(f.remoteTree()).toEqual(f.localTree());
    expect(await f.readRemote('docs/deep/c.txt')).toBe('gamma');
    const runs = await f.syncUntilStable();
    expect(runs.at(-1)!.actions).toEqual({});
  }));
});
