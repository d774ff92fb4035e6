// Safety nets around the journal and the sync folder (RELIABILITY.md sync faults 4, 34 and the
// selective-sync and exclude rules): nothing is deleted because state went missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { SyncFixture } from './sync-fixture.ts';
import { Journal } from '../../../electron/core/sync/journal.ts';

describe('sync safety nets', () => {
  let server: WebdavServerHandle;
  let f: SyncFixture;
  beforeAll(async () => {
    server = await npmWebdavServer.start();
  });
  afterAll(async () => server?.stop());
  afterEach(async () => {
    await f?.close();
    const items = (await f.remote.getDirectoryContents('/').catch(() => [])) as { filename: string }[];
    for (const item of items) await f.remote.deleteFile(item.filename);
  });

  it('a corrupt journal is set aside and rebuilt as a first sync: union of both sides, nothing deleted, differences kept as conflicts', async () => {
    f = await SyncFixture.start(server);
    f.writeLocal('same.txt', 'same');
    f.writeLocal('gone-remotely.txt', 'keep me');
    f.writeLocal('differs.txt', 'v1');
    await f.syncUntilStable();
    await f.remote.deleteFile('/gone-remotely.txt');
    await f.writeRemote('differs.txt', 'server version, longer');
    f.writeLocal('differs.txt', 'local v2');
    await f.engine.close();
    writeFileSync(join(f.stateDir, 'journal.sqlite'), 'this is not a database at all, just garbage bytes '.repeat(100));
    rmSync(join(f.stateDir, 'journal.sqlite-wal'), { force: true });
    rmSync(join(f.stateDir, 'journal.sqlite-shm'), { force: true });
    await f.restart();
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.actions.deleteLocal ?? 0).toBe(0);
    expect(run.actions.deleteRemote ?? 0).toBe(0);
    expect(f.readLocal('gone-remotely.txt')).toBe('keep me');
    expect(await f.readRemote('gone-remotely.txt')).toBe('keep me');
    expect(f.readLocal('differs.txt')).toBe('server version, longer');
    expect(run.conflicts.map((c) => f.readLocal(c.conflictCopy))).toEqual(['local v2']);
    expect(readdirSync(f.stateDir).some((n) => n.startsWith('journal.sqlite.corrupt-'))).toBe(true);
    expect(f.remoteTree()).toEqual(f.localTree());
  });

  it('a missing sync folder (unmounted disk) stops the run; nothing is deleted on the server', async () => {
    f = await SyncFixture.start(server);
    f.writeLocal('a.txt', 'a');
    f.writeLocal('b.txt', 'b');
    await f.syncUntilStable();
    renameSync(f.localDir, `${f.localDir}-away`);
    const run = await f.sync();
    expect(run.outcome).toBe('failed');
    expect(run.message).toMatch(/is missing/);
    expect(await f.remote.exists('/a.txt')).toBe(true);
    renameSync(`${f.localDir}-away`, f.localDir);
  });

  it('an emptied sync folder (mount point without its disk) asks before deleting on the server', async () => {
    f = await SyncFixture.start(server);
    f.writeLocal('a.txt', 'a');
    f.writeLocal('b.txt', 'b');
    await f.syncUntilStable();
    rmSync(join(f.localDir, 'a.txt'));
    rmSync(join(f.localDir, 'b.txt'));
    const run = await f.sync();
    expect(run.outcome).toBe('needs-confirmation');
    expect(run.confirmation?.kind).toBe('local-empty');
    expect(await f.remote.exists('/a.txt')).toBe(true);
  });

  it('selective sync and the user exclude file: excluded items are neither sent nor fetched nor deleted', async () => {
    const excludeFile = join(server.dataDir, '..', 'exclude.lst');
    writeFileSync(excludeFile, '# mine\n*.log\nbuild/\n');
    f = await SyncFixture.start(server, { excluded: ['/Big archive/'], excludeFile });
    await f.writeRemote('Big archive/huge.bin', 'not wanted here');
    await f.writeRemote('wanted.txt', 'yes');
    f.writeLocal('debug.log', 'noise');
    mkdirSync(join(f.localDir, 'build'));
    f.writeLocal('build/out.o', 'obj');
    f.writeLocal('Big archive/local-only.txt', 'stays local');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(f.readLocal('wanted.txt')).toBe('yes');
    expect(existsSync(join(f.localDir, 'Big archive', 'huge.bin'))).toBe(false);
    expect(await f.remote.exists('/debug.log')).toBe(false);
    expect(await f.remote.exists('/build')).toBe(false);
    expect(await f.remote.exists('/Big archive/local-only.txt')).toBe(false);
    expect(await f.readRemote('Big archive/huge.bin')).toBe('not wanted here');
  });

  it('a file swapped for a symlink or a fifo after the scan is not sent, not followed and does not hang the run', async () => {
    f = await SyncFixture.start(server);
    writeFileSync(join(f.stateDir, 'secret.txt'), 'outside the sync folder');
    // Old, so no wait for a file still being written re-checks the name (the open itself must not follow).
    const old = new Date(Date.now() - 3600_000);
    utimesSync(join(f.stateDir, 'secret.txt'), old, old);
    f.writeLocal('link.txt', 'a plain file at scan time');
    f.writeLocal('pipe.txt', 'a plain file at scan time');
    f.writeLocal('plain.txt', 'stays plain');
    // Between the plan and the uploads (runStart is emitted right before them), the names change.
    const off = f.engine.events.on('runStart', () => {
      rmSync(join(f.localDir, 'link.txt'));
      symlinkSync(join(f.stateDir, 'secret.txt'), join(f.localDir, 'link.txt'));
      rmSync(join(f.localDir, 'pipe.txt'));
      execFileSync('mkfifo', [join(f.localDir, 'pipe.txt')]);
    });
    const run = await f.sync();
    off();
    expect(run.errors).toEqual([]);
    expect(run.actions.upload).toBe(1);
    expect(await f.readRemote('plain.txt')).toBe('stays plain');
    const names = ((await f.remote.getDirectoryContents('/')) as { basename: string }[]).map((e) => e.basename).sort();
    expect(names).toEqual(['plain.txt']);
    // The next run sees them for what they are: a symlink reported, a fifo skipped, nothing sent.
    const next = await f.sync();
    expect(next.actions.upload ?? 0).toBe(0);
    expect(next.issues.map((i) => `${i.path}: ${i.kind}`)).toContain('link.txt: symlink');
  });

  it('temp files left by a crashed download are removed at the next start, never synced', async () => {
    f = await SyncFixture.start(server);
    f.writeLocal('real.txt', 'real');
    await f.sync();
    // Our temp names carry the journal's token (a user's file that merely starts alike is kept: confinement.test.ts).
    const journal = new Journal(join(f.stateDir, 'journal.sqlite'));
    const temp = `.werkplek-tmp-${journal.getMeta('temp-token')}-deadbeef0000`;
    journal.close();
    mkdirSync(join(f.localDir, 'sub'));
    writeFileSync(join(f.localDir, 'sub', temp), 'half a download');
    await f.restart();
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(readdirSync(join(f.localDir, 'sub'))).toEqual([]);
    expect(await f.remote.exists(`/sub/${temp}`)).toBe(false);
  });

  it('a first sync into a server folder that does not exist yet creates it; once synced, a vanished one is an error, not a delete', async () => {
    f = await SyncFixture.start({ ...server }, { server: { url: server.url, user: server.user, password: server.password, remoteDir: '/Team/Shared docs' } });
    f.writeLocal('plan.txt', 'plan');
    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(await f.readRemote('Team/Shared docs/plan.txt')).toBe('plan');
    await f.remote.deleteFile('/Team');
    const after = await f.sync();
    expect(after.outcome).toBe('failed');
    expect(f.readLocal('plan.txt')).toBe('plan');
  });
});
