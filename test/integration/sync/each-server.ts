// One describe block per available WebDAV server (test/fixtures/servers), each case on a fresh
// SyncFixture and an emptied server afterwards; skipped servers are named, never silent.
import { afterAll, beforeAll, describe } from 'vitest';
import type { WebDAVClient } from 'webdav';
import { availableServers, reportSkipped, type WebdavServerHandle, type WebdavServerStarter } from '../../fixtures/servers/index.ts';
import { SyncFixture } from './sync-fixture.ts';

export interface ServerCase {
  /** The running server of this block (set before the first case). */
  server: () => WebdavServerHandle;
  /** Runs `work` on a fresh fixture, then closes it and empties the server. */
  withFixture: (work: (f: SyncFixture) => Promise<void>) => Promise<void>;
}

/** `among`: only these servers (default: every one the fixtures know). */
export function describeEachServer(title: string, body: (c: ServerCase) => void, among: WebdavServerStarter[] = availableServers()): void {
  reportSkipped(among);
  const starters = among.filter((s) => s.available);
  describe.each(starters.map((s) => [s.name, s] as const))(title, (_name, starter) => {
    let running: WebdavServerHandle | undefined;
    beforeAll(async () => {
      running = await starter.start();
    }, 60_000);
    afterAll(async () => {
      await running?.stop();
    });
    body({
      server: () => running!,
      withFixture: async (work) => {
        const f = await SyncFixture.start(running!);
        await work(f).finally(async () => {
          await f.close();
          await emptyServer(f.remote);
        });
      },
    });
  });
}

/** Deletes everything in the files root, so the next case starts from an empty server. */
export async function emptyServer(remote: WebDAVClient): Promise<void> {
  const items = (await remote.getDirectoryContents('/').catch(() => [])) as { filename: string }[];
  for (const item of items) await remote.deleteFile(item.filename);
}
