// What the Files settings let a person choose beyond plain values: the server's folders (to pick
// the synced folder and which subfolders sync, with their sizes where the server tells them) and
// the ignore patterns (the exclude file the engine reads at every run, one glob a line).
import { readFile, rename, writeFile } from 'node:fs/promises';
import { DavClient, type DavOptions } from './dav-client.ts';
import { syncNameProblem } from './names.ts';

export interface ServerFolder {
  /** From the account's root, without leading or trailing slash. */
  path: string;
  name: string;
  /** Bytes in it, where the server says (Nextcloud's oc:size); null where it does not. */
  size: number | null;
}

/** The folders directly in `path` (from the account's root), sorted by name; files are left out. */
export async function listServerFolders(server: DavOptions, path: string, signal?: AbortSignal): Promise<ServerFolder[]> {
  const clean = path.split('/').filter(Boolean);
  if (clean.some((segment) => segment === '.' || segment === '..')) throw new Error(`not a server folder: ${path}`);
  const dav = new DavClient({ ...server, remoteDir: '/' });
  try {
    const listing = await dav.list(clean.join('/'), signal);
    return listing.children
      .filter((child) => child.type === 'dir' && syncNameProblem(child.name.split('/').at(-1)!) === null)
      .map((child) => ({ path: child.name, name: child.name.split('/').at(-1)!, size: listing.nextcloud ? child.size : null }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    dav.close();
  }
}

/** Larger than any list of patterns a person types; a bound so the file stays a small file. */
export const MAX_IGNORE_BYTES = 64 * 1024;

export async function readIgnorePatterns(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
}

/** Written whole (a temp file renamed over it), so the engine never reads half a list. */
export async function writeIgnorePatterns(file: string, text: string): Promise<void> {
  if (Buffer.byteLength(text) > MAX_IGNORE_BYTES) throw new Error(`the list of ignored files is larger than ${MAX_IGNORE_BYTES / 1024} KiB`);
  const normalised = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd()).join('\n').trim();
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, normalised ? `${normalised}\n` : '', { mode: 0o600 });
  await rename(temp, file);
}
