// Local sync folders of several accounts: `~` expanded, and whether two of them overlap (the same
// folder, or one inside the other). Two engines in one folder would each take the other's files
// for the person's own and upload them to the wrong server.
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';

export const expandHome = (p: string): string => (p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : resolve(p));

/** Every account's local folder, `~` expanded: the first account's (sync.localDir), then each added account's. */
export function localFoldersOf(first: string | null | undefined, added: readonly { localDir: string }[]): string[] {
  return [...(first ? [first] : []), ...added.map((a) => a.localDir)].map(expandHome);
}

/** The real path as far as the folder exists (a link to another folder counts as that folder), the rest as written. */
function realAsFarAsExists(dir: string): string {
  const rest: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return resolve(dir);
      rest.push(basename(at));
      at = up;
    }
  }
}

const inside = (child: string, parent: string): boolean => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

/** True when `a` and `b` (as configured, `~` allowed) are the same folder or one holds the other. */
export function foldersOverlap(a: string, b: string): boolean {
  const x = realAsFarAsExists(expandHome(a));
  const y = realAsFarAsExists(expandHome(b));
  return inside(x, y) || inside(y, x);
}
