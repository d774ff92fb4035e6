// Hostile local state against real servers (Apache mod_dav, SabreDAV shaped like Nextcloud): a
// symbolic link in the sync folder, a folder swapped for a link during a run, names one side will
// not store, a user's file named like our temp files. Every case snapshots the folder next to the
// sync folder (real paths) before and after: nothing outside may change, and nothing may be
// deleted on the server because the local side could not take it.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../electron/core/sync/journal.ts';
import type { StreamWrapper } from '../../../electron/core/sync/transfer.ts';
import { apacheWebdavServer } from '../../fixtures/servers/apache.ts';
import { sabreDavServer } from '../../fixtures/servers/sabredav.ts';
import type { WebdavServerStarter } from '../../fixtures/servers/index.ts';
import { snapshotTree } from '../../fixtures/outside-watch.ts';
import { plantRemote, serverForSuite } from '../../fixtures/plant-remote.ts';
import { SyncFixture } from '../sync/sync-fixture.ts';

const servers: WebdavServerStarter[] = [apacheWebdavServer, sabreDavServer];
for (const s of servers) if (!s.available) console.warn(`[confinement] skipping ${s.name}: ${s.reason}`);

describe.each(servers.filter((s) => s.available))('the sync folder is a boundary on $name', (starter) => {
  let f: SyncFixture;
  let outside: string;
  let before: ReturnType<typeof snapshotTree>;
  const server = serverForSuite(starter, () => f);

  /** A fixture with a folder of the user's beside the sync folder (as ~/.ssh is beside ~/Werkplek). */
  const start = async (overrides = {}): Promise<void> => {
    f = await SyncFixture.start(server(), overrides);
    outside = join(dirname(f.localDir), 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'id_ed25519'), 'private key');
    writeFileSync(join(outside, 'config'), 'Host *');
  };
  const watchOutside = (): void => {
    before = snapshotTree(outside);
  };
  const expectOutsideUntouched = (): void => {
    expect(snapshotTree(outside)).toEqual(before);
  };

  it('a link to a folder outside is synced in neither direction, even when the server has a folder of that name', async () => {
    await start();
    symlinkSync(outside, join(f.localDir, 'ssh'));
    await f.writeRemote('ssh/id_ed25519', 'server bytes that must not land in ~/.ssh');
    await f.writeRemote('ssh/authorized_keys', 'server key');
    watchOutside();
    for (let run = 0; run < 2; run++) {
      const summary = await f.sync();
      expect(summary.errors).toEqual([]);
      expect(summary.issues.filter((i) => i.kind === 'symlink').map((i) => i.path)).toEqual(['ssh']);
      expect(summary.actions).toEqual({});
    }
    expectOutsideUntouched();
    expect(await f.readRemote('ssh/id_ed25519')).toBe('server bytes that must not land in ~/.ssh');
    expect(await f.readRemote('ssh/authorized_keys')).toBe('server key');
    const journal = new Journal(join(f.stateDir, 'journal.sqlite'));
    try {
      expect([...journal.all().keys()].filter((k) => k.startsWith('ssh'))).toEqual([]);
    } finally {
      journal.close();
    }
  });

  it('a folder the user replaces by a link is not deleted on the server(), and nothing is written into the link', async () => {
    await start();
    f.writeLocal('docs/a.txt', 'a');
    f.writeLocal('docs/sub/b.txt', 'b');
    await f.syncUntilStable();
    rmSync(join(f.localDir, 'docs'), { recursive: true });
    symlinkSync(outside, join(f.localDir, 'docs'));
    await f.writeRemote('docs/new.txt', 'new on the server');
    watchOutside();
    const summary = await f.sync();
    expect(summary.errors).toEqual([]);
    expect(summary.actions.deleteRemote ?? 0).toBe(0);
    expect(await f.readRemote('docs/a.txt')).toBe('a');
    expect(await f.readRemote('docs/sub/b.txt')).toBe('b');
    expectOutsideUntouched();
  });

  it('a server-side move into a folder that is a link here does not move the user file out of the sync folder', async () => {
    await start();
    f.writeLocal('report.txt', 'mine');
    f.writeLocal('stays.txt', 'stays'); // so the run is no "everything deleted on the server" question
    await f.syncUntilStable();
    symlinkSync(outside, join(f.localDir, 'ssh'));
    await f.remote.createDirectory('/ssh');
    await f.remote.moveFile('/report.txt', '/ssh/report.txt');
    watchOutside();
    const summary = await f.sync();
    expect(summary.errors).toEqual([]);
    expect(summary.outcome, summary.message ?? '').toBe('ok');
    expectOutsideUntouched();
    // Gone from this folder's view of the server: to the trash here (restorable), never into the link.
    expect(existsSync(join(f.localDir, 'report.txt'))).toBe(false);
    expect(f.trashed()).toEqual(['report.txt']);
    expect(await f.readRemote('ssh/report.txt')).toBe('mine');
  });

  it('a folder swapped for a link while downloads run gets nothing written through it', async () => {
    // The first download to start swaps folder d for a link to the outside folder: the downloads
    // after it, and the first one's rename into place, must all stay out of the link.
    let swapped = false;
    const swap: StreamWrapper = (direction, stream) => {
      if (direction === 'down' && !swapped) {
        swapped = true;
        renameSync(join(f.localDir, 'd'), join(f.localDir, 'd-moved-away'));
        symlinkSync(outside, join(f.localDir, 'd'));
      }
      return stream;
    };
    await start({ wrap: swap, parallel: 1 });
    f.writeLocal('d/.keep', '');
    await f.syncUntilStable();
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'config']) await f.writeRemote(`d/${name}`, `server ${name}`);
    watchOutside();
    const summary = await f.sync();
    expect(swapped).toBe(true);
    expectOutsideUntouched();
    expect(summary.errors.length).toBeGreaterThan(0);
    expect(summary.errors.filter((e) => e.kind !== 'OutsideSyncFolder')).toEqual([]);
    expect(readFileSync(join(outside, 'config'), 'utf8')).toBe('Host *');
  });

  it('a server name the client will not upload is not downloaded, reported, and never deleted on the server', async () => {
    await start();
    const names = [' leading.txt', 'trailing.txt ', 'back\\slash.txt', 'new\nline.txt', 'tab\there.txt', 'esc\u001b[2J.txt', `${'x'.repeat(247)}.txt`, 'desktop.ini', 'Thumbs.db'];
    if (starter === sabreDavServer) names.push('.htaccess'); // Apache itself refuses to serve .ht* files
    for (const name of names) plantRemote(server(), `in/${name}`, `content of ${JSON.stringify(name)}`);
    plantRemote(server(), 'in/fine.txt', 'fine');
    for (let run = 0; run < 3; run++) {
      const summary = await f.sync();
      expect(summary.errors).toEqual([]);
      expect(summary.actions.deleteRemote ?? 0).toBe(0);
      const reported = summary.issues.filter((i) => i.kind === 'invalid-name-remote' || i.kind === 'ignored-remote').map((i) => i.path);
      expect(reported.sort()).toEqual(names.map((n) => `in/${n}`).sort());
    }
    expect(readdirSync(join(f.localDir, 'in'))).toEqual(['fine.txt']);
    for (const name of names) expect(readFileSync(join(server().dataDir, 'in', name), 'utf8')).toBe(`content of ${JSON.stringify(name)}`);
  });

  it('names an older version downloaded (journal and both copies present) are left alone on both sides', async () => {
    await start();
    const names = ['trailing.txt ', 'back\\slash.txt'];
    // The state an earlier version left: the file on both sides and in the journal (beside files
    // that stay, so no "everything deleted" question hides what the run would do).
    for (const name of ['a.txt', 'b.txt', 'c.txt']) f.writeLocal(name, name);
    await f.syncUntilStable();
    const journal = new Journal(join(f.stateDir, 'journal.sqlite'));
    for (const name of names) {
      plantRemote(server(), name, 'both sides');
      f.writeLocal(name, 'both sides');
      const there = (await f.engine.dav.stat(name))!;
      const here = statSync(join(f.localDir, name));
      journal.put({ path: name, type: 'file', localInode: here.ino, localSize: here.size, localMtimeMs: Math.floor(here.mtimeMs), remoteEtag: there.etag, remoteFileId: there.fileId, remotePermissions: there.permissions, remoteSize: there.size, remoteMtimeMs: there.mtimeMs });
    }
    journal.close();
    await f.restart();
    const summary = await f.sync();
    expect(summary.errors).toEqual([]);
    expect(summary.outcome).toBe('ok');
    expect(summary.actions.deleteRemote ?? 0).toBe(0);
    for (const name of names) expect(readFileSync(join(server().dataDir, name), 'utf8')).toBe('both sides');
  });

  it('a file of the user named like our temp files is never removed; our own stale temp file is', async () => {
    await start();
    f.writeLocal('.werkplek-tmp-mine', 'the user chose this name');
    f.writeLocal('sub/.werkplek-tmp-0123456789abcdef-000000000000', 'also the user’s');
    await f.syncUntilStable();
    const journal = new Journal(join(f.stateDir, 'journal.sqlite'));
    const token = journal.getMeta('temp-token');
    journal.close();
    expect(token).toMatch(/^[0-9a-f]{16}$/);
    f.writeLocal(`sub/.werkplek-tmp-${token}-abcdefabcdef`, 'left by a crash of ours');
    await f.restart();
    await f.sync();
    expect(f.readLocal('.werkplek-tmp-mine')).toBe('the user chose this name');
    expect(f.readLocal('sub/.werkplek-tmp-0123456789abcdef-000000000000')).toBe('also the user’s');
    expect(existsSync(join(f.localDir, `sub/.werkplek-tmp-${token}-abcdefabcdef`))).toBe(false);
  });
});
