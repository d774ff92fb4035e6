// File names: the ignore list (defaults + the user's exclude file), names one side cannot store,
// and conflict-copy names. Comparison keys are NFC so a name typed as NFD on one side matches.
import { readFileSync } from 'node:fs';

/** Our own temporary files: never synced, cleaned up on start. */
export const TEMP_PREFIX = '.werkplek-tmp-';

/** Office lock files, editor swap/backup files, OS clutter, partial downloads of other tools. */
export const DEFAULT_IGNORES = [
  `${TEMP_PREFIX}*`,
  '.werkplek-journal*',
  '.~lock.*#',
  '~$*',
  '.~*',
  '*~',
  '.*.sw?',
  '*.part',
  '*.crdownload',
  '*.filepart',
  '.DS_Store',
  'Thumbs.db',
  'desktop.ini',
  '.Trash-*',
  '.directory',
  '.sync_*.db*',
  '._sync_*.db*',
];

/** Turns a glob (`*`, `?`, `[…]`) into RegExp source over one name or, if it has a '/', a whole path. */
function globToSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += glob[i + 1] === '*' ? (i++, '.*') : '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}

/** One RegExp for a list of globs (null for none): a name is tested once, not once per glob (a scan tests every name). */
const anyOf = (sources: string[]): RegExp | null => (sources.length ? new RegExp(`^(?:${sources.join('|')})$`, 'u') : null);

export class IgnoreList {
  private readonly byName: RegExp | null;
  private readonly byPath: RegExp | null;

  constructor(patterns: string[]) {
    const names: string[] = [];
    const paths: string[] = [];
    for (const raw of patterns) {
      const pattern = raw.trim().replace(/\/+$/, '');
      if (!pattern || pattern.startsWith('#')) continue;
      const source = globToSource(pattern.replace(/^\/+/, ''));
      try {
        new RegExp(source, 'u');
      } catch {
        throw new Error(`the exclude pattern "${raw.trim()}" cannot be read (a character range like [z-a]?): correct or remove that line`);
      }
      (pattern.includes('/') ? paths : names).push(source);
    }
    this.byName = anyOf(names);
    this.byPath = anyOf(paths);
  }

  /** Defaults plus the lines of a user exclude file (gitignore-like globs; '#' comments). */
  static load(excludeFile?: string | null, extra: string[] = []): IgnoreList {
    let user: string[] = [];
    if (excludeFile) {
      try {
        user = readFileSync(excludeFile, 'utf8').split(/\r?\n/);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return new IgnoreList([...DEFAULT_IGNORES, ...user, ...extra]);
  }

  isIgnored(path: string): boolean {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return (this.byName?.test(name) ?? false) || (this.byPath?.test(path) ?? false);
  }
}

export const toKey = (name: string): string => name.normalize('NFC');

/** Why a name coming from the server cannot be a local file name here, or null. */
export function localNameProblem(name: string): string | null {
  if (name === '' || name === '.' || name === '..') return `"${name}" is not a valid file name`;
  if (name.includes('/') || name.includes('\0')) return 'the name contains "/" or a NUL character';
  if (Buffer.byteLength(name) > 255) return 'the name is longer than 255 bytes';
  return null;
}

/** Why the server will not take this local name, or null (Nextcloud's rules; plain WebDAV is laxer). */
export function remoteNameProblem(name: string): string | null {
  if (name.includes('\\')) return 'the server does not allow "\\" in names';
  if (/[\u0000-\u001f\u007f]/u.test(name)) return 'the server does not allow control characters (such as a newline) in names';
  if (name !== name.trim()) return 'the server does not allow names starting or ending with a space';
  if (name === '.htaccess' || name === '.htaccess'.toUpperCase()) return 'the server does not allow this name';
  if (Buffer.byteLength(name) > 250) return 'the name is too long for the server';
  return null;
}

/**
 * Why a name is synced in neither direction, or null. One rule for both sides: a name the server
 * will not take is not downloaded either, and a name this disk cannot hold is not uploaded, so a
 * name skipped on one side is never read there as deleted (which would delete it on the other).
 */
export const syncNameProblem = (name: string): string | null => localNameProblem(name) ?? remoteNameProblem(name);

/**
 * Longest relative path synced, in bytes: Linux paths end at 4,096 bytes (PATH_MAX), and the sync
 * folder's own path needs room. Deeper, a server could lead the engine down an endless tree.
 */
export const MAX_SYNC_PATH_BYTES = 3072;

/** Why a whole relative path is synced in neither direction (its names may each be fine), or null. */
export const syncPathProblem = (path: string): string | null =>
  path.length * 3 > MAX_SYNC_PATH_BYTES && Buffer.byteLength(path) > MAX_SYNC_PATH_BYTES ? `the path is longer than ${MAX_SYNC_PATH_BYTES} bytes` : null;

/**
 * Whether every name along a path is synced (not ignored, storable on both sides, not too long):
 * journal entries outside are left alone. The returned check remembers its folders' answers, so a
 * pass over a whole journal tests each folder once, not once per file in it.
 */
export function scopeCheck(ignore: IgnoreList): (path: string) => boolean {
  const folders = new Map<string, boolean>();
  const inScope = (path: string): boolean => {
    if (path === '') return true;
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? '' : path.slice(0, slash);
    let parentOk = folders.get(parent);
    if (parentOk === undefined) {
      parentOk = inScope(parent);
      folders.set(parent, parentOk);
    }
    return parentOk && syncPathProblem(path) === null && !ignore.isIgnored(path) && syncNameProblem(path.slice(slash + 1)) === null;
  };
  return inScope;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `report (conflicted copy 2026-11-23 141502).pdf`; `.bashrc (conflicted copy …)` for dotfiles. */
export function conflictName(name: string, at: Date, attempt = 1): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const suffix = ` (conflicted copy ${stamp}${attempt > 1 ? ` ${attempt}` : ''})`;
  const slash = name.lastIndexOf('/');
  const dir = name.slice(0, slash + 1);
  const base = name.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return `${dir}${base}${suffix}`;
  return `${dir}${base.slice(0, dot)}${suffix}${base.slice(dot)}`;
}

export const isConflictCopy = (name: string): boolean => / \(conflicted copy \d{4}-\d\d-\d\d \d{6}( \d+)?\)/.test(name);
