// Issue 16 item 6: a folder (or file) renamed on the server arrives here as a rename, on every
// server. Nextcloud-shaped servers (SabreDAV here) say so by oc:fileid; plain WebDAV servers
// (npm webdav-server, Apache mod_dav, rclone) keep a file's ETag, size and modification time across
// MOVE, and reconcile infers the move from that (electron/core/sync/README.md, "Moves on servers
// without file ids"). Where a server keeps neither, a case asserts today's safe behaviour
// instead (downloads at the new place, nothing lost), and says so.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { RunSummary } from '../../../electron/core/sync/engine.ts';
import { describeEachServer } from './each-server.ts';
import type { SyncFixture } from './sync-fixture.ts';

const FILES = 150;

describeEachServer('server-side renames against %s', ({ server, withFixture }) => {
  const ino = (f: SyncFixture, path: string): number => statSync(join(f.localDir, path)).ino;
  /** What the server shows of an item: the evidence a move is inferred from. */
  const evidence = async (f: SyncFixture, path: string): Promise<string> => {
    const st = (await f.remote.stat(`/${path}`)) as { etag: string | null; size: number; lastmod: string };
    return JSON.stringify([st.etag, st.size, st.lastmod]);
  };

  /**
   * Syncs `files` up, renames `from` to `to` on the server (WebDAV MOVE), syncs once more and
   * returns that run; `probe` (a file below or at `from`) says whether this server keeps the
   * evidence. Every inode below `from` must survive at the new place when it does.
   */
  const renameThere = async (f: SyncFixture, files: Record<string, string>, from: string, to: string, probe: string): Promise<{ run: RunSummary; recognisable: boolean }> => {
    for (const [path, content] of Object.entries(files)) f.writeLocal(path, content);
    const setup = await f.syncUntilStable();
    expect(setup.flatMap((r) => r.errors)).toEqual([]);
    expect(setup.at(-1)!.actions).toEqual({});
    const moved = (p: string): string => to + p.slice(from.length);
    const inodes = new Map(Object.keys(f.localTree()).filter((p) => p === from || p.startsWith(`${from}/`)).map((p) => [p, ino(f, p)]));
    const before = await evidence(f, probe);
    await f.remote.moveFile(`/${from}`, `/${to}`);
    const recognisable = server().capabilities.nextcloudProps || before === (await evidence(f, moved(probe)));

    const run = await f.sync();
    expect(run.errors).toEqual([]);
    if (recognisable) {
      expect(run.outcome).toBe('ok');
      expect(run.confirmation).toBeNull();
      expect(run.actions.moveLocal).toBe(1);
      for (const kind of ['download', 'deleteLocal', 'mkdirLocal'] as const) expect(run.actions[kind], kind).toBeUndefined();
      for (const [p, inode] of inodes) expect(ino(f, moved(p)), p).toBe(inode);
      expect(f.trashed()).toEqual([]);
      expect(f.localTree()).toEqual(f.remoteTree());
      const next = await f.syncUntilStable();
      expect(next.at(-1)!.actions).toEqual({});
    } else {
      // This server keeps no evidence across MOVE: today's safe behaviour (downloads at the new
      // place; the old place deleted, or held for the person's word if many), nothing lost.
      console.warn(`[remote-moves] ${server().name} keeps neither file ids nor ETag/size/mtime across MOVE: delete + download`);
      expect(run.actions.moveLocal).toBeUndefined();
      expect(run.actions.download).toBeGreaterThan(0);
    }
    for (const [path, content] of Object.entries(files)) if (path.startsWith(`${from}/`) || path === from) expect(f.readLocal(moved(path))).toBe(content);
    return { run, recognisable };
  };

  it(`a folder of ${FILES} files renamed on the server → renamed here: same inodes, no downloads, no deletes, no question`, () => withFixture(async (f) => {
    const files: Record<string, string> = { 'Other/keep.txt': 'unrelated' };
    for (let i = 0; i < FILES; i++) files[`Project/${i < 100 ? 'a' : 'b/deep'}/file-${i}.txt`] = `content of file ${i}`;
    await renameThere(f, files, 'Project', 'Renamed', 'Project/a/file-7.txt');
  }), 120_000);

  it('a file renamed on the server → renamed here (same inode, no download)', () => withFixture(async (f) => {
    await renameThere(f, { 'notes.txt': 'my notes', 'docs/other.txt': 'other text' }, 'notes.txt', 'docs/notes-2026.txt', 'notes.txt');
  }), 60_000);
});
