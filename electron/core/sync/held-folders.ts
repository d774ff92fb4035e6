// Folders of the sync folder confirmed once and held open for a run (local-fs.ts hold()), so that
// checking again where a folder really is costs two system calls instead of a realpath, which
// reads every component of the path (a readlink each; four checks per downloaded file, bench g).
// The check answers the same question as realpath(name) === expected: the name leads to the held
// folder (same device and inode), and the kernel says that folder is at the expected real path
// now (/proc/self/fd). A folder moved away, deleted, or reached through a link since shows up
// either as another inode or as another real path, and is then looked at afresh.
import { closeSync, constants, fstatSync, openSync, readlinkSync, statSync } from 'node:fs';

interface Held {
  fd: number;
  dev: bigint;
  ino: bigint;
}

/** How many folders stay open: a run works through the tree in path order, so few are in use at once. */
const LIMIT = 64;
const OPEN_DIR = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NONBLOCK;

export class HeldFolders {
  /** By expected real path, least recently used first. */
  private readonly held = new Map<string, Held>();
  /** No /proc here (a container without it): every check is left to realpath. */
  private off = false;

  /**
   * Whether the folder `path` names is the one at `real`: true or false, or undefined when this
   * cannot tell (no /proc, a folder that cannot be opened): then the caller asks realpath.
   * The descriptors never leave this class, so closing one can never hit an operation using it.
   */
  check(path: string, real: string): boolean | undefined {
    if (this.off) return undefined;
    const known = this.held.get(real);
    if (known) {
      this.held.delete(real);
      const st = statSync(path, { bigint: true, throwIfNoEntry: false });
      if (st && st.ino === known.ino && st.dev === known.dev && this.placeOf(known.fd) === real) {
        this.held.set(real, known); // most recently used
        return true;
      }
      closeSync(known.fd);
    }
    let fd: number;
    try {
      fd = openSync(path, OPEN_DIR);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return false;
      return undefined;
    }
    // Whatever the name led to, its real place is what counts.
    const at = this.placeOf(fd);
    if (at !== real) {
      closeSync(fd);
      return at === undefined ? undefined : false;
    }
    const st = fstatSync(fd, { bigint: true });
    this.held.set(real, { fd, dev: st.dev, ino: st.ino });
    if (this.held.size > LIMIT) {
      const [oldest, entry] = this.held.entries().next().value!;
      this.held.delete(oldest);
      closeSync(entry.fd);
    }
    return true;
  }

  /** Closes every held folder. */
  close(): void {
    for (const { fd } of this.held.values()) closeSync(fd);
    this.held.clear();
  }

  private placeOf(fd: number): string | undefined {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      this.off = true;
      return undefined;
    }
  }
}
