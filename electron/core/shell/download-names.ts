// Where a download lands: the suggested name is reduced to one safe, visible file name (no path,
// no control, format or bidi characters, no runs of spaces, no leading dots, never a desktop
// launcher's ending, at most 255 bytes) and placed inside the downloads folder without overwriting
// anything that is already there.
import { createHash } from 'node:crypto';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { isDesktopEntryName, launchKindOfName } from './launchers.ts';

const maxBytes = 255;
// Nothing a person can see: controls (Cc), format characters (Cf: zero-width, bidi embeddings,
// overrides, isolates and marks, soft hyphen, BOM, Arabic letter mark, Mongolian vowel separator,
// tags, …), lone surrogates, and the fillers that render as blank (combining grapheme joiner, Hangul).
const invisible = /[\p{Cc}\p{Cf}\p{Cs}\u034f\u115f\u1160\u3164\uffa0]/gu;
const spaces = /[\s\p{Z}]+/gu;
const reservedOnWindowsShares = /[<>:"|?*]/g;
// An extension this short is kept whole when a name is shortened.
const maxExtensionLength = 16;

function truncateUtf8(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    used += Buffer.byteLength(char, 'utf8');
    if (used > bytes) break;
    out += char;
  }
  return out;
}

function splitExtension(name: string): [stem: string, extension: string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= maxExtensionLength ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/**
 * `stem + suffix + extension` in at most 255 bytes: only the stem is shortened (never inside a
 * character), and a shortened stem neither ends in a dot or space nor becomes the name's ending
 * when that would be a launcher's (`…long name.desktop` → `…long name_desktop`).
 */
function fitName(stem: string, suffix: string, extension: string): string {
  const budget = maxBytes - Buffer.byteLength(suffix + extension, 'utf8');
  if (Buffer.byteLength(stem, 'utf8') <= budget) return stem + suffix + extension;
  let cut = truncateUtf8(stem, budget).replace(/[. ]+$/, '');
  if (suffix + extension === '' && launchKindOfName(cut)) cut = cut.replace(/\.(?=[^.]*$)/, '_');
  return cut + suffix + extension;
}

/** One safe file name from whatever the server or page suggested. */
export function sanitizeDownloadName(suggested: string): string {
  const lastPart = suggested.split(/[/\\]/).pop() ?? '';
  let name = lastPart.replace(invisible, '').normalize('NFC').replace(reservedOnWindowsShares, '_').replace(spaces, ' ');
  name = name.replace(/^[. ]+/, '').replace(/[. ]+$/, '');
  if (name === '') return 'download';
  // A launcher saved as text: it opens in an editor instead of running.
  if (isDesktopEntryName(name)) name += '.txt';
  const [stem, extension] = splitExtension(name);
  return fitName(stem, '', extension);
}

/**
 * `report.pdf`, then `report (1).pdf`, `report (2).pdf`, … whichever does not exist yet; a long
 * name's stem is shortened so that the number fits in 255 bytes and the extension stays.
 */
export function uniqueDownloadPath(dir: string, name: string, exists: (path: string) => boolean): string {
  const safe = sanitizeDownloadName(name);
  const [stem, extension] = splitExtension(safe);
  for (let n = 0; n < 10_000; n++) {
    const full = join(dir, n === 0 ? safe : fitName(stem.replace(/ +$/, ''), ` (${n})`, extension));
    if (!exists(full)) return full;
  }
  throw new Error(`too many files named like "${name}" in ${dir}`);
}

/**
 * Where a download is written until it is complete: `<name>.part`, or for a name too long for
 * that, its shortened start and a hash of the whole name (distinct names, distinct partial files).
 */
export function partialDownloadPath(path: string): string {
  const name = basename(path);
  if (Buffer.byteLength(`${name}.part`, 'utf8') <= maxBytes) return `${path}.part`;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 16);
  return join(dirname(path), `${truncateUtf8(name, maxBytes - hash.length - 6)}~${hash}.part`);
}

/** The downloads folder: the setting (policy may set it; `~` expands) or the system's. Must be absolute. */
export function resolveDownloadsDir(setting: string, systemDownloads: string, home: string): string {
  const raw = setting.trim();
  if (raw === '') return systemDownloads;
  const expanded = raw === '~' ? home : raw.startsWith('~/') ? join(home, raw.slice(2)) : raw;
  if (!isAbsolute(expanded)) throw new Error(`shell.downloadsDir must be an absolute folder (or start with ~/), got "${setting}"`);
  return resolve(expanded);
}

/** True when `path` is inside `dir` (after resolving `..`). */
export function isInside(dir: string, path: string): boolean {
  const root = resolve(dir);
  const full = resolve(path);
  return full.startsWith(root + sep);
}
