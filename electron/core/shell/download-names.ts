// Where a download lands: the suggested name is reduced to one safe file name (no path, no
// control or bidi characters, no leading dots, at most 255 bytes) and placed inside the
// downloads folder without overwriting anything that is already there.
import { isAbsolute, join, resolve, sep } from 'node:path';

const maxBytes = 255;
// C0/C1 controls, DEL, bidi overrides/isolates (U+202A–U+202E, U+2066–U+2069), zero-width and BOM.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const reservedOnWindowsShares = /[<>:"|?*]/g;

function truncateUtf8(text: string, bytes: number): string {
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char, 'utf8') > bytes) break;
    out += char;
  }
  return out;
}

/** One safe file name from whatever the server or page suggested. */
export function sanitizeDownloadName(suggested: string): string {
  const lastPart = suggested.split(/[/\\]/).pop() ?? '';
  let name = lastPart.normalize('NFC').replace(unsafe, '').replace(reservedOnWindowsShares, '_').trim();
  name = name.replace(/^\.+/, '').replace(/[. ]+$/, '');
  if (name === '') return 'download';
  if (Buffer.byteLength(name, 'utf8') <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return truncateUtf8(name.slice(0, name.length - extension.length), maxBytes - Buffer.byteLength(extension, 'utf8')) + extension;
}

/** `report.pdf`, then `report (1).pdf`, `report (2).pdf`, … whichever does not exist yet. */
export function uniqueDownloadPath(dir: string, name: string, exists: (path: string) => boolean): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 0; n < 10_000; n++) {
    const candidate = n === 0 ? name : sanitizeDownloadName(`${stem} (${n})${extension}`);
    const full = join(dir, candidate);
    if (!exists(full)) return full;
  }
  throw new Error(`too many files named like "${name}" in ${dir}`);
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
