// RELIABILITY #19: the sync folder on a disk that ignores letter case (here a real exFAT image,
// mounted through FUSE on a loop device: needs root, /dev/fuse and exfat-fuse; skipped, with
// the reason printed, where that is not possible). The server holds `a.txt` and `A.txt`: one is
// synced, the other is reported and never overwritten, on either side.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableServers, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { SyncEngine } from '../../../electron/core/sync/engine.ts';
import { foldsCase } from '../../../electron/core/sync/case-probe.ts';

const base = mkdtempSync(join(tmpdir(), 'werkplek-exfat-'));
const image = join(base, 'disk.img');
const mountDir = join(base, 'mnt');
let loopDevice: string | null = null;

function tryMount(): string | null {
  try {
    mkdirSync(mountDir);
    writeFileSync(image, '');
    execFileSync('truncate', ['-s', '64M', image]);
    execFileSync('mkfs.exfat', [image], { stdio: 'pipe' });
    loopDevice = execFileSync('losetup', ['-f', '--show', image], { encoding: 'utf8' }).trim();
    execFileSync('mount.exfat-fuse', [loopDevice, mountDir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    if (loopDevice) execFileSync('losetup', ['-d', loopDevice]);
    const stderr = (error as { stderr?: Buffer }).stderr;
    return `cannot mount an exFAT image here (${String(stderr?.length ? stderr : error).trim()})`;
  }
}
const cannotMount = tryMount();
if (cannotMount) console.warn(`[case-insensitive] skipped: ${cannotMount}`);

describe.skipIf(cannotMount !== null)('sync folder on a case-insensitive disk (exFAT)', () => {
  let server: WebdavServerHandle;
  const local = join(mountDir, 'Werkplek');
  const serverFile = (name: string): string => readFileSync(join(server.dataDir, name), 'utf8');

  beforeAll(async () => {
    server = await availableServers().find((s) => s.name === 'webdav-server')!.start();
    writeFileSync(join(server.dataDir, 'a.txt'), 'lower');
    writeFileSync(join(server.dataDir, 'A.txt'), 'upper');
    writeFileSync(join(server.dataDir, 'plain.txt'), 'plain');
    mkdirSync(join(server.dataDir, 'Docs'));
    writeFileSync(join(server.dataDir, 'Docs', 'x.txt'), 'x');
    mkdirSync(join(server.dataDir, 'docs'));
    writeFileSync(join(server.dataDir, 'docs', 'y.txt'), 'y');
    mkdirSync(local);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    try {
      execFileSync('umount', [mountDir]);
    } finally {
      if (loopDevice) execFileSync('losetup', ['-d', loopDevice]);
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('the disk is recognised as ignoring case (and a normal one as not)', () => {
    expect(foldsCase(local)).toBe(true);
    expect(foldsCase(base)).toBe(false);
    expect(readdirSync(local)).toEqual([]); // the probe leaves nothing behind
  });

  it('server names differing only in case: one synced, the other reported and never overwritten', async () => {
    const engine = new SyncEngine({
      localDir: local, server: { url: server.url, user: server.user, password: server.password }, journalFile: join(base, 'journal.sqlite'),
      minFileAgeMs: 0, trash: async (path) => { throw new Error(`nothing may be deleted here: ${path}`); },
      freeSpaceReserveMiB: 0, // a 64 MiB disk image: less than the automatic reserve
    });
    try {
      const first = await engine.syncNow();
      expect(first.errors).toEqual([]);
      // The first by code point wins each group ('A' < 'a', 'D' < 'd'); the others are reported.
      expect(first.issues.filter((i) => i.kind === 'case-clash').map((i) => i.path).sort()).toEqual(['a.txt', 'docs']);
      expect(readdirSync(local).sort()).toEqual(['A.txt', 'Docs', 'plain.txt']);
      expect(readFileSync(join(local, 'A.txt'), 'utf8')).toBe('upper');
      expect(readdirSync(join(local, 'Docs'))).toEqual(['x.txt']);

      const second = await engine.syncNow();
      expect(second.errors).toEqual([]);
      expect(Object.keys(second.actions).filter((k) => k !== 'record')).toEqual([]);
      expect(second.issues.filter((i) => i.kind === 'case-clash')).toHaveLength(2);

      // An edit here goes to the synced one only.
      writeFileSync(join(local, 'A.txt'), 'upper, edited');
      const third = await engine.syncNow();
      expect(third.errors).toEqual([]);
      expect(third.actions.upload).toBe(1);
      expect(serverFile('A.txt')).toBe('upper, edited');
      expect(serverFile('a.txt')).toBe('lower');
      expect(serverFile('docs/y.txt')).toBe('y');
      expect(serverFile('Docs/x.txt')).toBe('x');
    } finally {
      await engine.close();
    }
  });

  it('a new name here and a new server name differing only in case: the one here is kept and uploaded, the server\'s left alone', async () => {
    const here = join(mountDir, 'Twins');
    mkdirSync(here);
    mkdirSync(join(server.dataDir, 'twins'));
    writeFileSync(join(server.dataDir, 'twins', 'report.txt'), 'from the server');
    writeFileSync(join(here, 'Report.txt'), 'written here');
    const engine = new SyncEngine({
      localDir: here, server: { url: server.url, user: server.user, password: server.password, remoteDir: '/twins' }, journalFile: join(base, 'twins.sqlite'),
      minFileAgeMs: 0, trash: async (path) => { throw new Error(`nothing may be deleted here: ${path}`); },
      freeSpaceReserveMiB: 0, // a 64 MiB disk image: less than the automatic reserve
    });
    try {
      const first = await engine.syncNow();
      expect(first.errors).toEqual([]);
      expect(first.conflicts).toEqual([]);
      expect(first.issues.filter((i) => i.kind === 'case-clash').map((i) => i.path)).toEqual(['report.txt']);
      // Nothing was overwritten: the local file is as written, and both names are on the server with their own bytes.
      expect(readdirSync(here)).toEqual(['Report.txt']);
      expect(readFileSync(join(here, 'Report.txt'), 'utf8')).toBe('written here');
      expect(readFileSync(join(server.dataDir, 'twins', 'Report.txt'), 'utf8')).toBe('written here');
      expect(readFileSync(join(server.dataDir, 'twins', 'report.txt'), 'utf8')).toBe('from the server');
      // From now on it is a clash between two server names: the synced one stays synced, quietly.
      const second = await engine.syncNow();
      expect(second.errors).toEqual([]);
      expect(Object.keys(second.actions).filter((k) => k !== 'record')).toEqual([]);
      expect(second.issues.filter((i) => i.kind === 'case-clash').map((i) => i.path)).toEqual(['report.txt']);
      expect(readFileSync(join(here, 'Report.txt'), 'utf8')).toBe('written here');
    } finally {
      await engine.close();
    }
  });
});
