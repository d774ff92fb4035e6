// Conflicts as the Files panel lists them, against real WebDAV servers (SabreDAV and Apache
// mod_dav, where installed): a real conflict (both sides edited), the list kept across a restart,
// then each choice — keep mine, keep theirs, keep both — with both sides checked afterwards and the
// discarded version found in the trash. Paths the renderer could send that are not a listed
// conflict copy (.., absolute, through a symbolic link) are refused and change nothing.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { apacheWebdavServer } from '../../fixtures/servers/apache.ts';
import { sabreDavServer } from '../../fixtures/servers/sabredav.ts';
import type { SyncFixture } from './sync-fixture.ts';
import { describeEachServer } from './each-server.ts';
import { ActivityLog } from '../../../electron/core/sync/activity-log.ts';
import { SyncEngine } from '../../../electron/core/sync/engine.ts';
import { moveToTrash } from '../../../electron/core/sync/trash.ts';

describeEachServer('conflict choices against %s', ({ withFixture }) => {
  /** report.txt edited on both sides: the server's edit keeps the name, ours becomes the copy. */
  const makeConflict = async (f: SyncFixture, name = 'report.txt'): Promise<string> => {
    f.writeLocal(name, 'original');
    await f.syncUntilStable();
    f.writeLocal(name, 'my local edit');
    await f.writeRemote(name, 'their server edit');
    const run = await f.sync();
    expect(run.conflicts).toHaveLength(1);
    await f.syncUntilStable();
    return run.conflicts[0]!.conflictCopy;
  };

  const trashedContent = (f: SyncFixture, name: string): string => readFileSync(join(f.trashHome, 'Trash', 'files', name), 'utf8');

  it('a conflict is listed until decided, also after a restart', () => withFixture(async (f) => {
    const copy = await makeConflict(f);
    expect(f.engine.conflicts()).toEqual([expect.objectContaining({ path: 'report.txt', conflictCopy: copy })]);
    await f.restart();
    expect(f.engine.conflicts()).toEqual([expect.objectContaining({ path: 'report.txt', conflictCopy: copy })]);
  }));

  it('keep mine: my edit takes the name on both sides, the server version goes to the trash', () => withFixture(async (f) => {
    const copy = await makeConflict(f);
    await f.restart();
    const activity = new ActivityLog(join(f.stateDir, 'activity.json'));
    const stop = activity.follow(f.engine);
    await f.engine.resolveConflict(copy, 'mine');
    expect(f.engine.conflicts()).toEqual([]);
    await f.syncUntilStable();
    expect(f.readLocal('report.txt')).toBe('my local edit');
    expect(await f.readRemote('report.txt')).toBe('my local edit');
    expect(existsSync(join(f.localDir, copy))).toBe(false);
    expect(await f.remote.exists(`/${copy}`)).toBe(false);
    expect(f.trashed()).toEqual(['report.txt']);
    expect(trashedContent(f, 'report.txt')).toBe('their server edit');
    expect(f.remoteTree()).toEqual(f.localTree());
    // The activity list tells it, newest first: the choice, then what the run carried over.
    stop();
    expect(new ActivityLog(join(f.stateDir, 'activity.json')).list().map((a) => `${a.kind} ${a.path}`).reverse()).toEqual(['keptMine report.txt', 'uploaded report.txt', `deletedOnServer ${copy}`]);
  }));

  it('keep theirs: the server version stays, my edit goes to the trash and the copy leaves the server', () => withFixture(async (f) => {
    const copy = await makeConflict(f);
    await f.engine.resolveConflict(copy, 'theirs');
    await f.syncUntilStable();
    expect(f.readLocal('report.txt')).toBe('their server edit');
    expect(await f.readRemote('report.txt')).toBe('their server edit');
    expect(existsSync(join(f.localDir, copy))).toBe(false);
    expect(await f.remote.exists(`/${copy}`)).toBe(false);
    expect(f.trashed()).toEqual([copy]);
    expect(trashedContent(f, copy)).toBe('my local edit');
    expect(f.engine.conflicts()).toEqual([]);
    expect(f.remoteTree()).toEqual(f.localTree());
  }));

  it('keep both: both files stay on both sides, the conflict is no longer listed, nothing is trashed', () => withFixture(async (f) => {
    const copy = await makeConflict(f, 'docs/plan.odt');
    await f.engine.resolveConflict(copy, 'both');
    await f.syncUntilStable();
    expect(f.readLocal('docs/plan.odt')).toBe('their server edit');
    expect(f.readLocal(copy)).toBe('my local edit');
    expect(await f.readRemote(copy)).toBe('my local edit');
    expect(f.trashed()).toEqual([]);
    await f.restart();
    expect(f.engine.conflicts()).toEqual([]);
    expect(f.remoteTree()).toEqual(f.localTree());
  }));

  it('keep mine, when the copy vanishes at that moment: the server version is put back, nothing is deleted on the server', () => withFixture(async (f) => {
    const copy = await makeConflict(f);
    await f.engine.close();
    // The person removes the copy just as the server's version reaches the trash.
    f.engine = new SyncEngine({
      localDir: f.localDir,
      server: { url: f.server.url, user: f.server.user, password: f.server.password },
      journalFile: join(f.stateDir, 'journal.sqlite'),
      trash: async (path) => {
        const trashed = await moveToTrash(path, { env: { XDG_DATA_HOME: f.trashHome } });
        rmSync(join(f.localDir, copy));
        return trashed;
      },
    });
    await expect(f.engine.resolveConflict(copy, 'mine')).rejects.toThrow();
    expect(f.readLocal('report.txt')).toBe('their server edit');
    expect(f.trashed()).toEqual([]);
    await f.syncUntilStable();
    expect(await f.readRemote('report.txt')).toBe('their server edit');
  }));

  it('a copy deleted by hand is no longer listed', () => withFixture(async (f) => {
    const copy = await makeConflict(f);
    renameSync(join(f.localDir, copy), join(f.localDir, 'mine.txt'));
    expect(f.engine.conflicts()).toEqual([]);
    await expect(f.engine.resolveConflict(copy, 'theirs')).rejects.toThrow(/not a conflict/);
  }));

  it('refuses paths that are not a listed conflict copy, and changes nothing', () => withFixture(async (f) => {
    const copy = await makeConflict(f, 'docs/plan.txt');
    const outside = join(f.localDir, '..', 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'not yours');
    for (const hostile of ['../outside/secret.txt', `${outside}/secret.txt`, '/etc/passwd', 'docs/../report.txt', 'docs/plan.txt', '', `docs//${copy.slice(5)}`]) {
      await expect(f.engine.resolveConflict(hostile, 'theirs'), hostile).rejects.toThrow();
      await expect(f.engine.resolveConflict(hostile, 'mine'), hostile).rejects.toThrow();
    }
    // The folder holding the conflict replaced by a link to a folder outside: nothing is done there.
    renameSync(join(f.localDir, 'docs'), join(f.localDir, '..', 'docs-moved'));
    mkdirSync(join(outside, 'docs'));
    writeFileSync(join(outside, 'docs', 'plan.txt'), 'outside original');
    writeFileSync(join(outside, copy), 'outside copy');
    symlinkSync(join(outside, 'docs'), join(f.localDir, 'docs'));
    await expect(f.engine.resolveConflict(copy, 'mine')).rejects.toThrow();
    expect(readFileSync(join(outside, 'docs', 'plan.txt'), 'utf8')).toBe('outside original');
    expect(readFileSync(join(outside, copy), 'utf8')).toBe('outside copy');
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('not yours');
    expect(f.trashed()).toEqual([]);
  }));
}, [sabreDavServer, apacheWebdavServer]);
