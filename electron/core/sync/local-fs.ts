// The sync folder on disk, confined: every write, rename and delete of the engine goes through
// here, and each one first checks, at that moment, that the folder it acts in really is inside the
// sync folder (its real path is the sync folder's real path plus the expected names: no symbolic
// link, no folder swapped for one since the scan). Final components are never followed: renames
// and deletes act on a link itself, new files are created with O_EXCL and opened with O_NOFOLLOW.
// What remains is the window between a check and its operation (Node has no openat): a link made
// in those microseconds by another program; the next operation's check sees it. During a run
// (hold()) the folders checked are kept open, and checking one again is cheaper (held-folders.ts).
import { constants, lstatSync, mkdirSync, openSync, realpathSync, renameSync } from 'node:fs';
import { lutimes, rm } from 'node:fs/promises';
import { HeldFolders } from './held-folders.ts';

/** A folder in the path is a symbolic link (or was replaced since the scan): nothing is done there. */
export class OutsideSyncFolder extends Error {
  readonly stopsRun = false;
  readonly relative: string;
  constructor(relative: string) {
    super(`${relative}: a folder in its path is a symbolic link or was replaced: not synced in either direction`);
    this.name = 'OutsideSyncFolder';
    this.relative = relative;
  }
}

const parentRel = (rel: string): string => {
  const slash = rel.lastIndexOf('/');
  return slash < 0 ? '' : rel.slice(0, slash);
};

export class LocalFolder {
  readonly root: string;
  private readonly realRoot: string;
  private held: HeldFolders | null = null;

  constructor(root: string) {
    this.root = root;
    // The sync folder itself may be reached through a link (~/Werkplek → /data/werkplek): that is the user's choice.
    this.realRoot = realpathSync.native(root);
  }

  /** Absolute path of a relative name (the real local spelling), unchecked: for reads by lstat. */
  abs(rel: string): string {
    return rel === '' ? this.root : `${this.root}/${rel}`;
  }

  /**
   * The absolute path of `rel` after checking that its folder is the real one inside the sync
   * folder. Throws OutsideSyncFolder when a link or a replaced folder is in the way.
   */
  checked(rel: string): string {
    const dir = parentRel(rel);
    const expected = dir === '' ? this.realRoot : `${this.realRoot}/${dir}`;
    const held = this.held?.check(this.abs(dir), expected);
    if (held === true) return this.abs(rel);
    if (held === false) throw new OutsideSyncFolder(rel);
    let real: string;
    try {
      real = realpathSync.native(this.abs(dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new OutsideSyncFolder(rel);
      throw error;
    }
    if (real !== expected) throw new OutsideSyncFolder(rel);
    return this.abs(rel);
  }

  /**
   * Keeps the folders checked from now on open, so that checking one again is two system calls
   * instead of a realpath (held-folders.ts). Returns the function that closes them (end of a run).
   */
  hold(): () => void {
    if (this.held) return () => {};
    const held = (this.held = new HeldFolders());
    return () => {
      held.close();
      if (this.held === held) this.held = null;
    };
  }

  /** Creates `rel` and any missing folders above it, one level at a time, never through a link. */
  mkdirs(rel: string): void {
    if (rel === '') return;
    let at = '';
    for (const part of rel.split('/')) {
      at = at === '' ? part : `${at}/${part}`;
      const st = lstatSync(this.abs(at), { throwIfNoEntry: false });
      if (st?.isDirectory()) continue;
      if (st) throw new OutsideSyncFolder(at); // a link, or a file where a folder should be
      try {
        mkdirSync(this.checked(at));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !lstatSync(this.abs(at)).isDirectory()) throw error;
      }
    }
  }

  /** Makes the folder that will hold `rel`. */
  mkdirsFor(rel: string): void {
    this.mkdirs(parentRel(rel));
  }

  /**
   * rename(2) of names inside the sync folder; links are moved as links, never followed.
   * Synchronous: the check and the rename happen in the same tick (no wait in the thread pool in
   * between), and a rename takes microseconds, less than a thread-pool round trip (bench g).
   */
  async rename(fromRel: string, toRel: string): Promise<void> {
    // Within one folder (a temp file into place) one check covers both names.
    const to = parentRel(fromRel) === parentRel(toRel) ? this.abs(toRel) : undefined;
    renameSync(this.checked(fromRel), to ?? this.checked(toRel));
  }

  /** Removes a file of ours (a temp file), not following a link. */
  async remove(rel: string): Promise<void> {
    await rm(this.checked(rel), { force: true });
  }

  /** Removes a temp file of ours, unless its folder became a link since: then nothing there is touched. */
  async removeTemp(rel: string): Promise<void> {
    await this.remove(rel).catch((error: unknown) => {
      if (!(error instanceof OutsideSyncFolder)) throw error;
    });
  }

  /** Sets the modification time of a file of ours, never of a link's target. */
  async setMtime(rel: string, mtime: Date): Promise<void> {
    await lutimes(this.checked(rel), new Date(), mtime);
  }

  /** Opens a file to read without following a final link; O_NONBLOCK so a fifo cannot hang the open. */
  openToRead(rel: string): number {
    return openSync(this.checked(rel), constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  }
}
