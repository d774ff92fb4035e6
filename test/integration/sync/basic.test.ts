// The sync engine against every real WebDAV server this machine has (npm webdav-server always;
// Apache mod_dav, rclone and SabreDAV where installed): the cases of issue 3.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableServers, reportSkipped, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { startFaultProxy } from '../../fixtures/fault-proxy.ts';
import { SyncFixture } from './sync-fixture.ts';
import { Journal } from '../../../electron/core/sync/journal.ts';

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
      const items = (await f.remote.getDirectoryContents('/').catch(() => [])) as { filename: string }[];
      for (const item of items) await f.remote.deleteFile(item.filename);
    }
  };

  const expectInSync = (f: SyncFixture): void => {
    expect(f.remoteTree()).toEqual(f.localTree());
  };

  it('first upload, then nothing to do', () => withFixture(async (f) => {
    f.writeLocal('a.txt', 'alpha');
    f.writeLocal('docs/b.txt', 'beta');
    f.writeLocal('docs/deep/c.txt', 'gamma');
    mkdirSync(join(f.localDir, 'empty/inner'), { recursive: true });
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.actions.upload).toBe(3);
    expectInSync(f);
    expect(await f.readRemote('docs/deep/c.txt')).toBe('gamma');
    const runs = await f.syncUntilStable();
    expect(runs.at(-1)!.actions).toEqual({});
    // A plain server's ETags are learned by the next listing (journal only), never by a transfer.
    expect(runs.filter((r) => Object.keys(r.actions).some((k) => k !== 'record'))).toEqual([]);
    const journal = new Journal(join(f.stateDir, 'journal.sqlite'));
    try {
      expect([...journal.all().values()].filter((e) => e.type === 'file' && e.remoteEtag === '').map((e) => e.path)).toEqual([]);
    } finally {
      journal.close();
    }
  }));

  it('a deep and wide first upload: every file waits for its own folder only, none is sent into a folder not made yet', () => withFixture(async (f) => {
    // Folders and files share one queue (parents first); a file must never race its folder's MKCOL.
    const chain = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8'];
    for (let d = 1; d <= chain.length; d++) f.writeLocal(`${chain.slice(0, d).join('/')}/f${d}.txt`, `depth ${d}`);
    for (let w = 0; w < 12; w++) for (let n = 0; n < 3; n++) f.writeLocal(`wide-${w}/sub/g${n}.txt`, `${w}.${n}`);
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.actions.upload).toBe(chain.length + 36);
    expectInSync(f);
    expect(await f.readRemote('l1/l2/l3/l4/l5/l6/l7/l8/f8.txt')).toBe('depth 8');
  }));

  it('first download, nested and empty folders included', () => withFixture(async (f) => {
    await f.writeRemote('x/y/z.txt', 'zed');
    await f.writeRemote('top.txt', 'top');
    await f.remote.createDirectory('/empty');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.actions.download).toBe(2);
    expect(f.readLocal('x/y/z.txt')).toBe('zed');
    expect(existsSync(join(f.localDir, 'empty'))).toBe(true);
    expectInSync(f);
  }));

  it('edits on each side reach the other', () => withFixture(async (f) => {
    f.writeLocal('local.txt', 'v1');
    await f.writeRemote('remote.txt', 'v1');
    await f.syncUntilStable();
    f.writeLocal('local.txt', 'local v2, longer');
    await f.writeRemote('remote.txt', 'remote v2, longer');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.actions).toMatchObject({ upload: 1, download: 1 });
    expect(await f.readRemote('local.txt')).toBe('local v2, longer');
    expect(f.readLocal('remote.txt')).toBe('remote v2, longer');
    expectInSync(f);
  }));

  it('both sides edited: the server keeps the name, the local edit becomes a conflict copy on both sides', () => withFixture(async (f) => {
    f.writeLocal('report.txt', 'original');
    await f.syncUntilStable();
    f.writeLocal('report.txt', 'my local edit');
    await f.writeRemote('report.txt', 'their server edit');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.conflicts).toHaveLength(1);
    expect(f.readLocal('report.txt')).toBe('their server edit');
    const copy = run.conflicts[0]!.conflictCopy;
    expect(copy).toMatch(/^report \(conflicted copy \d{4}-\d\d-\d\d \d{6}\)\.txt$/);
    expect(f.readLocal(copy)).toBe('my local edit');
    expect(await f.readRemote(copy)).toBe('my local edit');
    expectInSync(f);
  }));

  it('both sides created the same bytes: no conflict copy', () => withFixture(async (f) => {
    f.writeLocal('same.txt', 'identical');
    await f.writeRemote('same.txt', 'identical');
    const run = await f.sync();
    expect(run.conflicts).toEqual([]);
    expect(f.localTree()).toEqual({ 'same.txt': expect.any(String) });
    expectInSync(f);
  }));

  it('a local delete deletes on the server; a server delete moves the local file to the trash', () => withFixture(async (f) => {
    for (const name of ['a', 'b', 'c', 'd']) f.writeLocal(`${name}.txt`, name);
    f.writeLocal('dir/inside.txt', 'inside');
    await f.syncUntilStable();
    rmSync(join(f.localDir, 'a.txt'));
    await f.remote.deleteFile('/b.txt');
    await f.remote.deleteFile('/dir');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.actions).toMatchObject({ deleteRemote: 1, deleteLocal: 2 });
    expect(await f.remote.exists('/a.txt')).toBe(false);
    expect(existsSync(join(f.localDir, 'b.txt'))).toBe(false);
    expect(f.trashed().sort()).toEqual(['b.txt', 'dir']);
    expect(readdirSync(join(f.trashHome, 'Trash', 'info')).sort()).toEqual(['b.txt.trashinfo', 'dir.trashinfo']);
    expectInSync(f);
  }));

  it('an edit beats a delete on the other side', () => withFixture(async (f) => {
    f.writeLocal('keep.txt', 'v1');
    f.writeLocal('keep2.txt', 'v1');
    await f.syncUntilStable();
    f.writeLocal('keep.txt', 'edited locally');
    await f.remote.deleteFile('/keep.txt');
    rmSync(join(f.localDir, 'keep2.txt'));
    await f.writeRemote('keep2.txt', 'edited on the server');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(await f.readRemote('keep.txt')).toBe('edited locally');
    expect(f.readLocal('keep2.txt')).toBe('edited on the server');
    expectInSync(f);
  }));

  it('a local move of a folder is one MOVE on the server, no re-upload', () => withFixture(async (f) => {
    f.writeLocal('old/a.txt', 'a');
    f.writeLocal('old/sub/b.txt', 'b');
    f.writeLocal('file.txt', 'f');
    await f.syncUntilStable();
    renameSync(join(f.localDir, 'old'), join(f.localDir, 'new'));
    renameSync(join(f.localDir, 'file.txt'), join(f.localDir, 'new/renamed.txt'));
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.actions).toEqual({ moveRemote: 2 });
    expect(await f.readRemote('new/sub/b.txt')).toBe('b');
    expectInSync(f);
    expect((await f.syncUntilStable()).some((r) => r.actions.upload || r.actions.download)).toBe(false);
  }));

  it('a server-side move arrives locally (a local move where the server gives file ids)', () => withFixture(async (f) => {
    f.writeLocal('folder/a.txt', 'a');
    f.writeLocal('folder/b.txt', 'b');
    await f.syncUntilStable();
    await f.remote.moveFile('/folder', '/moved');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(f.readLocal('moved/a.txt')).toBe('a');
    expect(existsSync(join(f.localDir, 'folder'))).toBe(false);
    if (server.capabilities.nextcloudProps) expect(run.actions).toEqual({ moveLocal: 1 });
    expectInSync(f);
  }));

  it('names with spaces, Unicode, #, % and ? round-trip both ways', () => withFixture(async (f) => {
    const names = ['with space.txt', 'café ünïcödé.txt', 'hash#tag.txt', '100%.txt', 'why?.txt', 'emoji 😀.txt', 'map met spatie/ß.txt'];
    for (const n of names) f.writeLocal(`up/${n}`, `up ${n}`);
    for (const n of names) await f.writeRemote(`down/${n}`, `down ${n}`);
    // NFD on disk must still match its NFC twin on the server, not make a second file.
    f.writeLocal('nfd-e\u0301.txt', 'decomposed');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    for (const n of names) {
      expect(await f.readRemote(`up/${n}`)).toBe(`up ${n}`);
      expect(f.readLocal(`down/${n}`)).toBe(`down ${n}`);
    }
    expectInSync(f);
    const again = await f.syncUntilStable();
    expect(again.at(-1)!.actions).toEqual({});
  }));

  it('symlinks, ignored files and names the server cannot store are reported, not synced, not lost', () => withFixture(async (f) => {
    f.writeLocal('real.txt', 'real');
    symlinkSync(join(f.localDir, 'real.txt'), join(f.localDir, 'link.txt'));
    f.writeLocal('.~lock.report.odt#', 'lock');
    f.writeLocal('back\\slash.txt', 'bs');
    const run = await f.sync();
    expect(run.issues.map((i) => [i.path, i.kind]).sort()).toEqual([['back\\slash.txt', 'invalid-name-local'], ['link.txt', 'symlink']]);
    expect(await f.remote.exists('/link.txt')).toBe(false);
    expect(await f.remote.exists('/.~lock.report.odt#')).toBe(false);
    expect(f.readLocal('back\\slash.txt')).toBe('bs');
    expect(await f.readRemote('real.txt')).toBe('real');
  }));

  it('mass-delete guard: too many deletions are held and asked about, the rest flows; "no" brings them back, "yes" deletes', () => withFixture(async (f) => {
    for (let i = 0; i < 12; i++) f.writeLocal(`many/f${i}.txt`, `file ${i}`);
    await f.syncUntilStable();
    for (let i = 0; i < 9; i++) rmSync(join(f.localDir, `many/f${i}.txt`));
    // Changes beside the held deletions keep flowing in both directions.
    f.writeLocal('mine.txt', 'new here');
    await f.writeRemote('theirs.txt', 'new there');
    const asked = await f.sync();
    expect(asked.outcome).toBe('needs-confirmation');
    expect(asked.confirmation).toMatchObject({ kind: 'mass-delete', localDeletes: 0, remoteDeletes: 9 });
    expect(asked.confirmation!.held.map((h) => [h.path, h.side]).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`many/f${i}.txt`, 'server']));
    expect(asked.actions).toMatchObject({ upload: 1, download: 1 });
    expect(await f.readRemote('mine.txt')).toBe('new here');
    expect(f.readLocal('theirs.txt')).toBe('new there');
    expect(Object.keys(f.remoteTree())).toHaveLength(15);
    // Held across a restart; a file that is back is no longer held.
    await f.restart();
    f.writeLocal('many/f0.txt', 'file 0');
    const again = await f.sync();
    expect(again.outcome).toBe('needs-confirmation');
    expect(again.confirmation!.held.map((h) => h.path).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `many/f${i}.txt`));
    const restored = await f.engine.confirmDeletes(false);
    expect(restored.errors).toEqual([]);
    expect(f.readLocal('many/f0.txt')).toBe('file 0');
    expectInSync(f);
    for (let i = 0; i < 9; i++) rmSync(join(f.localDir, `many/f${i}.txt`));
    expect((await f.sync()).outcome).toBe('needs-confirmation');
    const accepted = await f.engine.confirmDeletes(true);
    expect(accepted.actions.deleteRemote).toBe(9);
    expectInSync(f);
  }));

  it('a server listing that is suddenly empty deletes nothing locally and asks', () => withFixture(async (f) => {
    f.writeLocal('one.txt', '1');
    f.writeLocal('two.txt', '2');
    await f.syncUntilStable();
    await f.remote.deleteFile('/one.txt');
    await f.remote.deleteFile('/two.txt');
    const run = await f.sync();
    expect(run.outcome).toBe('needs-confirmation');
    expect(run.confirmation?.kind).toBe('remote-empty');
    expect(f.readLocal('one.txt')).toBe('1');
  }));

  // webdav-server (npm) and rclone ignore If-Match / If-None-Match (measured): on them this race
  // cannot be closed by the client. Nextcloud (SabreDAV) and Apache honour them.
  const conditional = starter.name === 'sabredav' || starter.name === 'apache-mod_dav';
  it.runIf(conditional)('changes made on the server while our upload is under way are never overwritten', async () => {
    const proxy = await startFaultProxy(server.url);
    const f = await SyncFixture.start({ ...server, url: proxy.url });
    try {
      f.writeLocal('new.txt', 'ours');
      f.writeLocal('edit.txt', 'v1');
      await f.syncUntilStable();
      f.writeLocal('edit.txt', 'our edit');
      f.writeLocal('fresh.txt', 'ours too');
      // Each PUT is held back a moment while "another client" writes the same file on the server.
      for (const [name, text] of [['edit.txt', 'their edit, first'], ['fresh.txt', 'theirs, first']] as const) {
        proxy.addRule({ method: 'PUT', path: `${new URL(server.url).pathname}${name}`, times: 1, fault: { type: 'delay', ms: 300 },
          match: () => (writeFileSync(join(server.dataDir, name), text), true) });
      }
      const run = await f.sync();
      expect(run.errors).toEqual([]);
      expect(f.readLocal('edit.txt')).toBe('their edit, first');
      expect(f.readLocal('fresh.txt')).toBe('theirs, first');
      expect(run.conflicts.map((c) => f.readLocal(c.conflictCopy)).sort()).toEqual(['our edit', 'ours too']);
      expect(f.remoteTree()).toEqual(f.localTree());
    } finally {
      await f.close();
      await proxy.stop();
      const items = (await f.remote.getDirectoryContents('/').catch(() => [])) as { filename: string }[];
      for (const item of items) await f.remote.deleteFile(item.filename);
    }
  });

  it.runIf(starter.name === 'sabredav')('a read-only share: local changes are reported and kept, never uploaded; a local delete is undone', () => withFixture(async (f) => {
    await f.writeRemote('share/doc.txt', 'from the owner');
    await f.writeRemote('share/other.txt', 'also theirs');
    await server.setReadOnly!(['share']);
    try {
      await f.syncUntilStable();
      expect(f.readLocal('share/doc.txt')).toBe('from the owner');
      f.writeLocal('share/doc.txt', 'my edit to a read-only file');
      f.writeLocal('share/mine.txt', 'a new file in a read-only folder');
      rmSync(join(f.localDir, 'share/other.txt'));
      const run = await f.sync();
      expect(run.errors).toEqual([]);
      expect(run.issues.map((i) => [i.path, i.kind]).sort()).toEqual([['share/doc.txt', 'read-only'], ['share/mine.txt', 'read-only']]);
      expect(await f.readRemote('share/doc.txt')).toBe('from the owner');
      expect(await f.remote.exists('/share/mine.txt')).toBe(false);
      expect(f.readLocal('share/doc.txt')).toBe('my edit to a read-only file');
      expect(f.readLocal('share/other.txt')).toBe('also theirs');
    } finally {
      await server.setReadOnly!([]);
    }
  }));

  it.runIf(starter.name === 'sabredav')('a server restored from a backup (new data fingerprint): nothing deleted, differing files kept both ways', () => withFixture(async (f) => {
    await server.setDataFingerprint!('before-restore');
    f.writeLocal('keep/same.txt', 'same');
    f.writeLocal('keep/older-there.txt', 'newer, here');
    f.writeLocal('not-in-backup.txt', 'made after the backup');
    f.writeLocal('edited.txt', 'v1');
    expect((await f.syncUntilStable()).at(-1)!.actions).toEqual({});
    // The administrator restores last week's backup: one file is missing there, one is older,
    // and Nextcloud announces a new data fingerprint. Meanwhile the user edited a file here.
    await f.remote.deleteFile('/not-in-backup.txt');
    await f.writeRemote('keep/older-there.txt', 'older, from the backup');
    await server.setDataFingerprint!('after-restore');
    f.writeLocal('edited.txt', 'v2, edited here');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.issues.map((i) => i.kind)).toContain('server-restored');
    expect(run.actions.deleteLocal ?? 0).toBe(0);
    expect(run.actions.deleteRemote ?? 0).toBe(0);
    // Made after the backup: kept here and sent back, not deleted as "gone on the server".
    expect(f.readLocal('not-in-backup.txt')).toBe('made after the backup');
    expect(await f.readRemote('not-in-backup.txt')).toBe('made after the backup');
    // Different on the two sides: the server's keeps the name, ours is kept as a conflict copy.
    expect(f.readLocal('keep/older-there.txt')).toBe('older, from the backup');
    expect(run.conflicts.map((c) => c.path).sort()).toEqual(['edited.txt', 'keep/older-there.txt']);
    const copies = run.conflicts.map((c) => f.readLocal(c.conflictCopy)).sort();
    expect(copies).toEqual(['newer, here', 'v2, edited here']);
    expect(f.readLocal('keep/same.txt')).toBe('same');
    expectInSync(f);
    const after = await f.syncUntilStable();
    expect(after.at(-1)!.actions).toEqual({});
    expect(after.flatMap((r) => r.issues.map((i) => i.kind))).not.toContain('server-restored');
  }));

  it.runIf(starter.name === 'sabredav')('an unchanged tree costs one request on a server with Nextcloud folder ETags', () => withFixture(async (f) => {
    for (let i = 0; i < 5; i++) f.writeLocal(`d${i}/e/f.txt`, `f${i}`);
    await f.syncUntilStable();
    const run = await f.sync();
    expect(run.actions).toEqual({});
    expect(run.requests).toBe(1);
    await f.writeRemote('d3/e/f.txt', 'changed on the server');
    const changed = await f.sync();
    expect(changed.actions).toEqual({ download: 1 });
    expect(f.readLocal('d3/e/f.txt')).toBe('changed on the server');
  }));

  it.runIf(starter.name === 'sabredav')('the run right after an upload costs one request too; a colleague’s file that lands while the run learns ETags is still fetched', () => withFixture(async (f) => {
    for (let i = 0; i < 5; i++) f.writeLocal(`u${i}/deep/g.txt`, `g${i}`);
    const upload = await f.sync();
    expect(upload.actions).toMatchObject({ upload: 5 });
    const next = await f.sync();
    expect(next.actions).toEqual({});
    expect(next.requests).toBe(1);

    // Now the race: a colleague's file arrives after our uploads, just before we list the folders
    // we changed to learn their new ETags. That folder must not be taken as settled.
    for (let i = 0; i < 5; i++) f.writeLocal(`u${i}/deep/h.txt`, `h${i}`);
    const dav = Reflect.get(f.engine, 'dav') as { list: (name: string, signal?: AbortSignal) => Promise<unknown> };
    const list = dav.list.bind(dav);
    let uploads = 0;
    let colleagueWrote = false;
    const off = f.engine.events.on('item', ({ action }) => void (action.kind === 'upload' && uploads++));
    dav.list = async (name, signal) => {
      if (uploads === 5 && !colleagueWrote && name.startsWith('u2/deep')) {
        colleagueWrote = true;
        await f.writeRemote('u2/deep/colleague.txt', 'from a colleague');
      }
      return list(name, signal);
    };
    const second = await f.sync();
    off();
    dav.list = list;
    expect(second.actions).toMatchObject({ upload: 5 });
    expect(colleagueWrote).toBe(true);
    const after = await f.sync();
    expect(after.actions).toEqual({ download: 1 });
    expect(f.readLocal('u2/deep/colleague.txt')).toBe('from a colleague');
    // Only the root and the unsettled folders were listed: u2 and u2/deep, not the other four.
    expect(after.requests).toBeLessThanOrEqual(4);
    const quiet = await f.sync();
    expect(quiet.requests).toBe(1);
  }));
});
