// RELIABILITY #28: the local disk fills up during a download. The temp file is removed, nothing
// already there is touched, the run stops with a clear message, and once space is freed the next
// run completes. The sync folder is a real 1 MiB tmpfs (needs root and mount; skipped, with the
// reason printed, where that is not allowed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableServers, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { mountSmallTmpfs, unmountSmallTmpfs } from '../../fixtures/small-tmpfs.ts';
import { SyncEngine } from '../../../electron/core/sync/engine.ts';
import { moveToTrash } from '../../../electron/core/sync/trash.ts';
import { TEMP_PREFIX } from '../../../electron/core/sync/names.ts';

const base = mkdtempSync(join(tmpdir(), 'werkplek-diskfull-'));
const mountDir = join(base, 'mnt');
mkdirSync(mountDir);

const cannotMount = mountSmallTmpfs(mountDir, '1m');
if (cannotMount) console.warn(`[disk-full] skipped: ${cannotMount}`);

describe.skipIf(cannotMount !== null)('sync onto a full disk', () => {
  let server: WebdavServerHandle;
  const big = randomBytes(3 * 1024 * 1024);

  beforeAll(async () => {
    server = await availableServers().find((s) => s.name === 'webdav-server')!.start();
    writeFileSync(join(server.dataDir, 'small.txt'), 'small file\n');
    mkdirSync(join(server.dataDir, 'docs'));
    writeFileSync(join(server.dataDir, 'docs', 'note.txt'), 'a note\n');
    writeFileSync(join(server.dataDir, 'big.bin'), big);
  }, 60_000);

  afterAll(async () => {
    unmountSmallTmpfs(mountDir);
    await server?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('stops with a clear message, leaves no temp file, loses nothing, and completes once space is freed', async () => {
    const localDir = join(mountDir, 'Werkplek');
    mkdirSync(localDir);
    const makeEngine = () =>
      new SyncEngine({
        localDir,
        server: { url: server.url, user: server.user, password: server.password },
        journalFile: join(base, 'state', 'journal.sqlite'),
        trash: (path) => moveToTrash(path, { env: { XDG_DATA_HOME: join(base, 'xdg') } }),
        parallel: 1,
        freeSpaceReserveMiB: 0, // no reserve: this is about the disk filling up all the same (free-space-reserve.test.ts has the reserve)
      });
    let engine = makeEngine();
    const run = await engine.syncNow();
    const messages = [run.message ?? '', ...run.errors.map((e) => e.message)].join('\n');
    expect(messages).toMatch(/disk is full/);
    expect(readdirSync(localDir).filter((name) => name.startsWith(TEMP_PREFIX))).toEqual([]);
    expect(readdirSync(localDir)).not.toContain('big.bin');
    // The server copy is untouched.
    expect(readFileSync(join(server.dataDir, 'big.bin')).equals(big)).toBe(true);
    await engine.close();

    // Free space (grow the tmpfs), restart, sync: everything arrives, byte for byte.
    execFileSync('mount', ['-o', 'remount,size=16m', mountDir]);
    engine = makeEngine();
    for (let i = 0; i < 3; i++) if ((await engine.syncNow()).errors.length === 0) break;
    expect(readFileSync(join(localDir, 'big.bin')).equals(big)).toBe(true);
    expect(readFileSync(join(localDir, 'small.txt'), 'utf8')).toBe('small file\n');
    expect(readFileSync(join(localDir, 'docs', 'note.txt'), 'utf8')).toBe('a note\n');
    expect(readdirSync(localDir).filter((name) => name.startsWith(TEMP_PREFIX))).toEqual([]);
    await engine.close();
  }, 120_000);
});
