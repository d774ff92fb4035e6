// Opening a file of the sync folder from the Files panel (the activity list, a conflict): the
// renderer names it by a relative path, which must stay a plain path inside the folder; the real
// path must be inside the real sync folder too (a symbolic link can point anywhere), as for
// werkplek://file links (linked-files.ts). A file that would start a program is never opened from
// here, only shown in its folder. The desktop does the rest (ShellHost: Electron's shell).
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkLinkedFile } from '../shell/linked-files.ts';
import { DesktopOnly, type ShellHost } from '../shell/shell-host.ts';
import { relativePathProblem } from './relative-path.ts';

export type OpenItemResult = { refused: null | 'missing' | 'refused' | 'runs-program' | 'unavailable' | 'failed'; detail: string | null };

export async function openSyncItem(host: ShellHost, localDir: string | null, path: string, action: 'open' | 'show'): Promise<OpenItemResult> {
  if (!localDir) return { refused: 'missing', detail: 'there is no sync folder yet' };
  const problem = relativePathProblem(path);
  if (problem) return { refused: 'refused', detail: `${JSON.stringify(path)} is ${problem}` };
  const full = join(localDir, path);
  if (!(await lstat(full).catch(() => null))) return { refused: 'missing', detail: `${path} is no longer in the sync folder` };
  const verdict = await checkLinkedFile(full, localDir);
  if (verdict.action === 'refuse') return { refused: 'refused', detail: verdict.reason };
  try {
    if (action === 'show') host.showInFolder(verdict.path);
    else if (verdict.action === 'confirm') return { refused: 'runs-program', detail: `${path} is ${verdict.kind}` };
    else await host.openPath(verdict.path);
  } catch (error) {
    return { refused: error instanceof DesktopOnly ? 'unavailable' : 'failed', detail: (error as Error).message };
  }
  return { refused: null, detail: null };
}

/** The desktop's folder dialog for the local folder; the preview host has none. */
export async function chooseLocalFolder(host: ShellHost, current: string): Promise<string | null> {
  if (!host.chooseFolder) throw new DesktopOnly('Choosing a folder in a dialog');
  return host.chooseFolder(current);
}
