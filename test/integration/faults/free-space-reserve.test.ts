// The free-space reserve (free-space.ts): downloads leave the reserve free on the disk. A download
// that would cross it waits with a clear message while everything else still syncs, parallel
// downloads cannot each count the same free space, and once space is freed the next run fetches
// it. The sync folder is a real 16 MiB tmpfs (needs root and mount; skipped, with the reason
// printed, where that is not allowed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableServers, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { mountSmallTmpfs, unmountSmallTmpfs } from '../../fixtures/small-tmpfs.ts';
import { SyncEngine } from '../../../electron/core/sync/engine.ts';
import { StatusTracker } from '../../../electron/core/sync/status.ts';
import { moveToTrash } from '../../../electron/core/sync/trash.ts';
import { TEMP_PREFIX } from '../../../electron/core/sync/names.ts';

const MiB = 1024 * 1024;
const base = mkdtempSync(join(tmpdir(), 'werkplek-reserve-'));
const mountDir = join(base, 'mnt');
mkdirSync(mountDir);

const cannotMount = mountSmallTmpfs(mountDir, '16m');
if (cannotMount) console.warn(`[free-space reserve] skipped: ${cannotMount}`);

describe.skipIf(cannotMount !== null)('the free-space reserve', () => {
  let server: WebdavServerHandle;
  const one = randomBytes(5 * MiB);
  const two = randomBytes(5 * MiB);

  beforeAll(async () => {
    server = await availableServers().find((s) => s.name === 'webdav-server')!.start();
    writeFileSync(join(server.dataDir, 'one.bin'), one);
    writeFileSync(join(server.dataDir, 'two.bin'), two);
    mkdirSync(join(server.dataDir, 'docs'));
    writeFileSync(join(server.dataDir, 'docs', 'note.txt'), 'a note\n');
  }, 60_000);

  afterAll(async () => {
    unmountSmallTmpfs(mountDir);
    await server?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('holds back what would cross the reserve, lets the rest through, and fetches it once space is freed', async () => {
    const localDir = join(mountDir, 'Werkplek');
    mkdirSync(localDir);
    // 16 MiB disk, 8 MiB kept free: room for one 5 MiB file, not for two, even when both start at once.
    const makeEngine = (reserveMiB: number) => new SyncEngine({
      localDir,
      server: { url: server.url, user: server.user, password: server.password },
      journalFile: join(base, 'state', 'journal.sqlite'),
      trash: (path) => moveToTrash(path, { env: { XDG_DATA_HOME: join(base, 'xdg') } }),
      parallel: 2,
      freeSpaceReserveMiB: reserveMiB,
    });
    let engine = makeEngine(8);
    const tracker = new StatusTracker(engine, () => {}, 0);
    const run = await engine.syncNow();
    const status = tracker.current;
    tracker.dispose();

    const here = readdirSync(localDir).sort();
    const bins = here.filter((n) => n.endsWith('.bin'));
    expect(bins).toHaveLength(1); // exactly one of the two fitted
    expect(readFileSync(join(localDir, 'docs', 'note.txt'), 'utf8')).toBe('a note\n'); // the rest still synced
    expect(here.filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
    const waiting = run.errors.filter((e) => e.kind === 'WaitingForSpace');
    expect(waiting.map((e) => e.path)).toEqual([bins[0] === 'one.bin' ? 'two.bin' : 'one.bin']);
    expect(waiting[0]!.message).toMatch(/waiting for disk space: this file needs 5 MiB, .* is kept free; free some space/);
    // The person sees it with the 'free space' action, and nothing is deleted on the server.
    expect(status.errors.find((e) => e.path === waiting[0]!.path)?.action).toBe('free-space');
    expect(readFileSync(join(server.dataDir, 'one.bin')).equals(one)).toBe(true);
    expect(readFileSync(join(server.dataDir, 'two.bin')).equals(two)).toBe(true);

    // Still no room: the next run holds it back again (no partial file, no error storm).
    const again = await engine.syncNow();
    expect(again.errors.map((e) => e.kind)).toEqual(['WaitingForSpace']);
    await engine.close();

    // Space freed (the disk grows to 32 MiB): the next run fetches it, byte for byte.
    execFileSync('mount', ['-o', 'remount,size=32m', mountDir]);
    engine = makeEngine(8);
    const after = await engine.syncNow();
    expect(after.errors).toEqual([]);
    expect(readFileSync(join(localDir, 'one.bin')).equals(one)).toBe(true);
    expect(readFileSync(join(localDir, 'two.bin')).equals(two)).toBe(true);
    await engine.close();
  }, 120_000);
});
