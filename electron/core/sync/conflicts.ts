// Conflicts waiting for the person: one record per conflict copy the engine made, kept in the
// journal's meta table so the list survives restarts. The copy holds the person's own edit
// ("mine"); the original name holds the server's version ("theirs"). A record whose copy or
// original is no longer a file here (resolved by hand, moved) is dropped when the list is read.
// Resolving only changes the sync folder, through local-fs.ts, and moves the discarded version to
// the trash; the next run carries the change to the server like any other edit.
import { lstatSync } from 'node:fs';
import { link, unlink } from 'node:fs/promises';
import type { Journal } from './journal.ts';
import type { LocalFolder } from './local-fs.ts';
import type { SyncPath } from './model.ts';
import { relativePathProblem } from './relative-path.ts';

const PREFIX = 'conflict:';

export interface ConflictRecord {
  /** The original's key (NFC): it holds the server's version. */
  path: SyncPath;
  /** The copy's key (NFC): it holds the local edit. */
  conflictCopy: SyncPath;
  at: string;
  /** The real local spellings (they may differ from the NFC keys). */
  name: string;
  copyName: string;
}

export type ConflictChoice = 'mine' | 'theirs' | 'both';

/** The person asked about a conflict that is not (or no longer) listed. */
export class UnknownConflict extends Error {
  constructor(path: string, why: string) {
    super(`${JSON.stringify(path)}: ${why}`);
    this.name = 'UnknownConflict';
  }
}

export function recordConflict(journal: Journal, record: ConflictRecord): void {
  journal.setMeta(PREFIX + record.conflictCopy, JSON.stringify(record));
}

const isFile = (folder: LocalFolder, name: string): boolean => lstatSync(folder.abs(name), { throwIfNoEntry: false })?.isFile() === true;

/** The conflicts still standing, newest first; stale records are forgotten. */
export function listConflicts(journal: Journal, folder: LocalFolder): ConflictRecord[] {
  const out: ConflictRecord[] = [];
  for (const { key, value } of journal.metaWithPrefix(PREFIX)) {
    const record = JSON.parse(value) as ConflictRecord;
    if (isFile(folder, record.copyName) && isFile(folder, record.name)) out.push(record);
    else journal.deleteMeta(key);
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * Carries out the person's choice in the sync folder. `copy` comes from the renderer: it must be
 * a listed conflict copy's key, never a path of its own making.
 */
export async function resolveConflict(journal: Journal, folder: LocalFolder, trash: (absolute: string) => Promise<unknown>, copy: string, choice: ConflictChoice, now: Date): Promise<void> {
  const problem = relativePathProblem(copy);
  if (problem) throw new UnknownConflict(copy, problem);
  const stored = journal.getMeta(PREFIX + copy);
  if (!stored) throw new UnknownConflict(copy, 'not a conflict Werkplek knows of');
  const record = JSON.parse(stored) as ConflictRecord;
  if (choice !== 'both') {
    if (!isFile(folder, record.copyName) || !isFile(folder, record.name)) {
      journal.deleteMeta(PREFIX + copy);
      throw new UnknownConflict(copy, 'one of the two versions is no longer in the sync folder');
    }
    if (choice === 'theirs') await trash(folder.checked(record.copyName));
    else await keepMine(journal, folder, trash, record, now);
  }
  journal.deleteMeta(PREFIX + copy);
}

/** The server's version to the trash, the local edit takes its name (and is uploaded next run). */
async function keepMine(journal: Journal, folder: LocalFolder, trash: (absolute: string) => Promise<unknown>, record: ConflictRecord, now: Date): Promise<void> {
  const trashed = await trash(folder.checked(record.name));
  try {
    await folder.rename(record.copyName, record.name);
  } catch (error) {
    // The copy vanished or changed in the meantime: put the server's version back under its name,
    // so the next run does not read its absence as a deletion to carry to the server. A link, not
    // a rename, so a file made there meanwhile is never replaced (the trash is on the same disk).
    if (typeof trashed === 'string') await putBack(trashed, folder.checked(record.name));
    throw error;
  }
  // The run compares size and modification time with the journal: make sure it sees an edit.
  const known = journal.get(record.path);
  const st = lstatSync(folder.abs(record.name));
  if (known && st.size === known.localSize && Math.floor(st.mtimeMs) === known.localMtimeMs) await folder.setMtime(record.name, now);
}

/** Back from the trash to where it was; left in the trash when that place is taken. */
async function putBack(trashed: string, original: string): Promise<void> {
  try {
    await link(trashed, original);
    await unlink(trashed);
  } catch {
    // Still in the trash, where the person can find it.
  }
}
