// A mixed sync scenario with work pending in both directions (new, edited, deleted, moved files,
// a new folder, big files on each side), and the oracle for "nothing lost": every piece of user
// data that should survive is somewhere (local, server or trash) after a faulty run, and after
// the sync converges both sides hold exactly the expected tree, with no temp files and no
// duplicates (conflict copies) where nothing conflicted.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SyncFixture } from '../sync/sync-fixture.ts';

const sha = (data: string | Buffer): string => createHash('sha1').update(data).digest('hex');

export type Expected = Record<string, string | Buffer | 'dir'>;

export const bigLocal = Buffer.alloc(400_000, 'L');
export const bigRemote = Buffer.alloc(400_000, 'R');

/** Syncs a base tree, then makes changes on both sides; returns the tree both sides must end with. */
export async function prepareScenario(f: SyncFixture): Promise<Expected> {
  f.writeLocal('keep.txt', 'keep');
  f.writeLocal('D/d1.txt', 'd1');
  f.writeLocal('edit-local.txt', 'local v0');
  f.writeLocal('edit-remote.txt', 'remote v0');
  f.writeLocal('del-local.txt', 'delete me locally');
  f.writeLocal('del-remote.txt', 'delete me on the server');
  f.writeLocal('move-me.txt', 'move me');
  const base = await f.syncUntilStable();
  expect(base.at(-1)?.outcome).toBe('ok');
  expect(f.remoteTree()).toEqual(f.localTree());

  f.writeLocal('new-local.txt', 'new here');
  f.writeLocal('edit-local.txt', 'local v1');
  rmSync(join(f.localDir, 'del-local.txt'));
  renameSync(join(f.localDir, 'move-me.txt'), join(f.localDir, 'moved.txt'));
  f.writeLocal('NewL/inner.txt', 'inner');
  f.writeLocal('big-local.bin', bigLocal);
  await f.writeRemote('new-remote.txt', 'new there');
  await f.writeRemote('edit-remote.txt', 'remote v1');
  await f.remote.deleteFile('/del-remote.txt');
  await f.writeRemote('big-remote.bin', bigRemote);
  return {
    'keep.txt': 'keep', D: 'dir', 'D/d1.txt': 'd1', 'edit-local.txt': 'local v1', 'edit-remote.txt': 'remote v1',
    'new-local.txt': 'new here', 'new-remote.txt': 'new there', 'moved.txt': 'move me', NewL: 'dir', 'NewL/inner.txt': 'inner',
    'big-local.bin': bigLocal, 'big-remote.bin': bigRemote,
  };
}

function allContents(dir: string, out = new Set<string>()): Set<string> {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) allContents(full, out);
    else out.add(sha(readFileSync(full)));
  }
  return out;
}

/** Every expected piece of content exists somewhere: local folder, server, or the trash. */
export function assertNothingLost(f: SyncFixture, expected: Expected): void {
  const everywhere = allContents(f.localDir);
  allContents(f.server.dataDir, everywhere);
  allContents(f.trashHome, everywhere);
  for (const [path, content] of Object.entries(expected)) {
    if (content === 'dir') continue;
    expect(everywhere.has(sha(content)), `content of ${path} is gone`).toBe(true);
  }
}

/** Both sides equal the expected tree; no temp files; no conflict copies. */
export function assertConverged(f: SyncFixture, expected: Expected): void {
  const want: Record<string, string> = {};
  for (const [path, content] of Object.entries(expected)) want[path] = content === 'dir' ? 'dir' : sha(content).slice(0, 12);
  expect(f.localTree()).toEqual(want);
  expect(f.remoteTree()).toEqual(want);
  expect(leftovers(f.localDir)).toEqual([]);
  expect(leftovers(f.server.dataDir)).toEqual([]);
}

/** Engine temp files (and server part files) anywhere below `dir`. */
export function leftovers(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, rel))) {
    const path = rel ? `${rel}/${name}` : name;
    if (name.startsWith('.werkplek-tmp-') || name.startsWith('.~werkplek-part-') || / \(conflicted copy /.test(name)) out.push(path);
    if (statSync(join(dir, path)).isDirectory() && !name.startsWith('.werkplek-')) out.push(...leftovers(dir, path));
  }
  return out;
}
