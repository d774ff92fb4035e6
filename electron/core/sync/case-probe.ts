// Does the disk under the sync folder ignore letter case (exFAT, FAT, NTFS, SMB, APFS by
// default)? Then the server's `a.txt` and `A.txt` cannot both live here (RELIABILITY #19).
// Asked of the disk itself: a probe file in lower case, looked up in upper case.
import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEMP_PREFIX } from './names.ts';

/** False when the probe cannot be written (a read-only disk): the run reports that problem itself. */
export function foldsCase(root: string): boolean {
  const name = `${TEMP_PREFIX}case-${randomBytes(4).toString('hex')}`;
  const probe = join(root, name);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch {
    return false;
  }
  try {
    return lstatSync(join(root, name.toUpperCase()), { throwIfNoEntry: false }) !== undefined;
  } finally {
    rmSync(probe, { force: true });
  }
}
