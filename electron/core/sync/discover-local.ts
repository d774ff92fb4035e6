// Local discovery: a walk of the sync folder with lstat (inode, size, mtime), compared later with
// the journal by reconcile. Symlinks and special files are reported and "unavailable", as is a
// folder that cannot be read: left alone on both sides, never read as deleted.
import { lstatSync, readdirSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { join } from 'node:path';
import type { LocalEntry, Snapshot, SyncIssue, SyncPath } from './model.ts';
import type { IgnoreList } from './names.ts';
import { syncNameProblem, syncPathProblem, TEMP_PREFIX } from './names.ts';
import { isUnder, joinPath } from './paths.ts';

const YIELD_MS = 10;

export interface LocalDiscovery {
  entries: Snapshot<LocalEntry>;
  issues: SyncIssue[];
  unavailable: SyncPath[];
  /** Our temp files met on the way (relative names): unfinished downloads of a process that died. */
  temps: string[];
}

export async function discoverLocal(root: string, options: { ignore: IgnoreList; excluded: SyncPath[] }): Promise<LocalDiscovery> {
  const entries: Snapshot<LocalEntry> = new Map();
  const issues: SyncIssue[] = [];
  const unavailable: SyncPath[] = [];
  const temps: string[] = [];

  // Reads and lstats synchronously, with a turn of the event loop every YIELD_MS: a thread-pool
  // round trip per folder left the walk mostly waiting (bench a: 100 folders, ~20 ms idle of
  // ~35), while other work (the remote listing beside it, a status request) still gets its turn.
  let lastYield = performance.now();
  const walk = async (dirName: string): Promise<void> => {
    if (performance.now() - lastYield > YIELD_MS) {
      await yieldToLoop();
      lastYield = performance.now();
    }
    let names: string[];
    const dirPath = join(root, dirName);
    try {
      names = readdirSync(dirPath);
    } catch (error) {
      if (dirName === '') throw error;
      unavailable.push(dirName.normalize('NFC'));
      issues.push({ path: dirName.normalize('NFC'), kind: 'unreadable', message: `folder cannot be read: ${(error as Error).message}` });
      return;
    }
    const dirs: string[] = [];
    for (const base of names) {
      const name = joinPath(dirName, base);
      if (base.startsWith(TEMP_PREFIX)) {
        temps.push(name); // the engine decides whether it is stale (one walk, not a second one for these)
        continue;
      }
      const key = name.normalize('NFC');
      if (options.ignore.isIgnored(key) || (options.excluded.length > 0 && options.excluded.some((x) => isUnder(key, x)))) continue;
      let st;
      try {
        st = lstatSync(`${dirPath}/${base}`); // readdir's names need no path.join normalising
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // vanished during the walk
        unavailable.push(key);
        issues.push({ path: key, kind: 'unreadable', message: (error as Error).message });
        continue;
      }
      // A link or a special file: its path is left alone on both sides (unavailable), so the
      // engine never writes through the link nor reads its absence as a deletion.
      if (st.isSymbolicLink()) {
        unavailable.push(key);
        issues.push({ path: key, kind: 'symlink', message: 'a symbolic link: not synced in either direction; what the server has under this name is left alone' });
        continue;
      }
      if (!st.isFile() && !st.isDirectory()) {
        unavailable.push(key);
        issues.push({ path: key, kind: 'special-file', message: 'not a file or folder (a socket, pipe or device): not synced in either direction' });
        continue;
      }
      const problem = syncNameProblem(base) ?? syncPathProblem(key);
      if (problem) {
        issues.push({ path: key, kind: 'invalid-name-local', message: `not synced: ${problem}` });
        continue;
      }
      if (entries.has(key)) {
        issues.push({ path: key, kind: 'case-clash', message: 'two local names differ only in Unicode form: one is not synced' });
        continue;
      }
      const type = st.isDirectory() ? 'dir' : 'file';
      entries.set(key, { path: key, name, type, inode: st.ino, size: type === 'file' ? st.size : 0, mtimeMs: type === 'file' ? Math.floor(st.mtimeMs) : 0 });
      if (type === 'dir') dirs.push(name);
    }
    for (const dir of dirs) await walk(dir);
  };
  await walk('');
  return { entries, issues, unavailable, temps };
}
