// Deletes made by sync go to the freedesktop.org trash (Trash spec 1.0), never a plain unlink,
// so the user can restore them from the file manager. Home trash: $XDG_DATA_HOME/Trash; a file on
// another filesystem goes to $topdir/.Trash-$uid (the spec's fallback), never copied across disks.
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';

export function homeTrashDir(env: NodeJS.ProcessEnv = process.env): string {
  const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(dataHome, 'Trash');
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** DeletionDate in local time, YYYY-MM-DDThh:mm:ss, as the spec asks. */
const deletionDate = (d: Date): string =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
/** The Path key is URL-encoded (RFC 2396), keeping '/'. */
const encodePath = (p: string): string => p.split('/').map(encodeURIComponent).join('/');

/** The mount point holding `path`: walk up while the device stays the same. */
async function topDir(path: string): Promise<string> {
  const dev = (await lstat(path)).dev;
  let dir = dirname(path);
  while (dir !== '/') {
    const parent = dirname(dir);
    if ((await stat(parent)).dev !== dev) break;
    dir = parent;
  }
  return dir;
}

/**
 * A disk's $topdir/.Trash-$uid is used only if it is a real folder of ours (or can be made): on a
 * disk others can write to, a link or someone else's folder there would take our deleted files
 * (the Trash spec's checks for $topdir/.Trash, applied here too).
 */
async function ensureOwnTrash(trash: string): Promise<void> {
  await mkdir(trash, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  for (const dir of [trash, join(trash, 'files'), join(trash, 'info')]) {
    const st = await lstat(dir).catch(() => null);
    if (st && (!st.isDirectory() || st.uid !== (process.getuid?.() ?? st.uid))) {
      throw new Error(`${dir} is not a folder of yours (a link, or another user's): nothing is moved there; check that disk's trash folder`);
    }
  }
}

/** Reserve a unique name by creating its .trashinfo with O_EXCL (the spec's atomic claim). */
async function claimInfo(trash: string, name: string, originalPath: string, when: Date): Promise<{ info: string; target: string }> {
  await mkdir(join(trash, 'files'), { recursive: true, mode: 0o700 });
  await mkdir(join(trash, 'info'), { recursive: true, mode: 0o700 });
  const dot = name.lastIndexOf('.');
  for (let n = 1; n < 10_000; n++) {
    const candidate = n === 1 ? name : dot > 0 ? `${name.slice(0, dot)}.${n}${name.slice(dot)}` : `${name}.${n}`;
    const info = join(trash, 'info', `${candidate}.trashinfo`);
    try {
      const handle = await open(info, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      await handle.writeFile(`[Trash Info]\nPath=${encodePath(originalPath)}\nDeletionDate=${deletionDate(when)}\n`);
      await handle.sync();
      await handle.close();
      return { info, target: join(trash, 'files', candidate) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`no free name in the trash for ${name}`);
}

/** Moves a file or folder to the trash; returns where it went. */
export async function moveToTrash(path: string, options: { env?: NodeJS.ProcessEnv; now?: Date } = {}): Promise<string> {
  const when = options.now ?? new Date();
  const home = homeTrashDir(options.env);
  await mkdir(home, { recursive: true, mode: 0o700 });
  const homeDev = (await stat(home)).dev;
  const itemDev = (await lstat(path)).dev;
  let trash = home;
  let recorded = path;
  if (homeDev !== itemDev) {
    const top = await topDir(path);
    trash = join(top, `.Trash-${process.getuid?.() ?? 0}`);
    recorded = relative(top, path);
    await ensureOwnTrash(trash);
  }
  const { info, target } = await claimInfo(trash, basename(path), recorded, when);
  try {
    await rename(path, target);
  } catch (error) {
    await rm(info, { force: true });
    throw error;
  }
  return target;
}
