// Whether a policy file may be believed: it and every folder above it belong to root (or, for a
// development override, to the user running the app) and nobody else can change them. Otherwise a
// user could write their own "policy" and lift every lock. The file is read through the very
// descriptor that was checked, so it cannot be swapped in between.
import { closeSync, fstatSync, openSync, readFileSync, realpathSync, statSync, constants } from 'node:fs';
import { dirname } from 'node:path';

export type PolicyFileRead =
  | { kind: 'missing' }
  | { kind: 'text'; text: string }
  | { kind: 'refused'; message: string; nl: string }
  | { kind: 'unreadable'; message: string; nl: string };

/** Root only; a development override also trusts the user running the app. */
export function trustedOwners(development: boolean): number[] {
  const self = process.getuid?.();
  return development && self !== undefined && self !== 0 ? [0, self] : [0];
}

/** A policy is a few kilobytes; a far larger file is not read at all. */
export const MAX_FILE_BYTES = 1024 * 1024;

const mode = (m: number): string => (m & 0o7777).toString(8).padStart(4, '0');
const fix = 'chown root:root, chmod 644 (folders 755)';

/** Why a file or folder with this owner and mode cannot be trusted; null when it can. */
function distrust(what: 'file' | 'folder', path: string, uid: number, m: number, owners: number[]): { message: string; nl: string } | null {
  const writableByOthers = (m & 0o022) !== 0;
  // A sticky folder (/tmp) lets others add entries but not replace or remove ours.
  const sticky = what === 'folder' && (m & 0o1000) !== 0;
  if (owners.includes(uid) && (!writableByOthers || sticky)) return null;
  const nlWhat = what === 'file' ? 'het bestand' : 'de map';
  const where = what === 'file' ? '' : ` (${path})`;
  return {
    message: `refused: the ${what}${where} can be changed by users other than root (owner uid ${uid}, mode ${mode(m)}); make it root's and writable by root only: ${fix}`,
    nl: `geweigerd: ${nlWhat}${where} kan worden gewijzigd door andere gebruikers dan root (eigenaar uid ${uid}, modus ${mode(m)}); maak root de eigenaar en laat alleen root schrijven: ${fix}`,
  };
}

/** Every folder from the file's own up to /, each trusted. */
export function checkFolders(realFile: string, owners: number[]): { message: string; nl: string } | null {
  for (let dir = dirname(realFile); ; dir = dirname(dir)) {
    const st = statSync(dir);
    const verdict = distrust('folder', dir, st.uid, st.mode, owners);
    if (verdict) return verdict;
    if (dir === dirname(dir)) return null;
  }
}

const unreadable = (code: string): PolicyFileRead => ({ kind: 'unreadable', message: `cannot read the file (${code})`, nl: `kan het bestand niet lezen (${code})` });

export function readPolicyFile(path: string, owners: number[]): PolicyFileRead {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return code === 'ENOENT' ? { kind: 'missing' } : unreadable(code);
  }
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return unreadable((error as NodeJS.ErrnoException).code ?? String(error));
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return unreadable(st.isDirectory() ? 'EISDIR: a folder, not a file' : 'not a regular file');
    if (st.size > MAX_FILE_BYTES) return unreadable(`larger than ${MAX_FILE_BYTES} bytes: not a policy`);
    const refused = distrust('file', real, st.uid, st.mode, owners) ?? checkFolders(real, owners);
    if (refused) return { kind: 'refused', ...refused };
    return { kind: 'text', text: readFileSync(fd, 'utf8') };
  } catch (error) {
    return unreadable((error as NodeJS.ErrnoException).code ?? String(error));
  } finally {
    closeSync(fd);
  }
}
