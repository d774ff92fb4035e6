// What a werkplek://file link may do with the path parseDeepLink gave it. The name alone proves
// nothing (a symlink inside the sync folder can point anywhere), so the real path of the file and of
// the sync folder are compared; only a regular file or a folder inside the real sync folder is
// opened. A file that would start something (launchers.ts: by its ending, +x mode or first bytes)
// is opened only after the person says so, in a question that names the file type; showing it in
// its folder needs no question. The Electron side (electron/main/linked-files.ts) only carries it out.
import { open, realpath, stat } from 'node:fs/promises';
import { basename, sep } from 'node:path';
import { launchKindOfContent, launchKindOfName, type LaunchKind } from './launchers.ts';
import type { MainTexts } from './main-texts.ts';

export type LinkedFile = { action: 'open'; path: string } | { action: 'confirm'; path: string; kind: LaunchKind } | { action: 'refuse'; reason: string };

/** As many first bytes as the content checks need. */
const headBytes = 4096;

async function readHead(path: string): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(headBytes);
      const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return new Uint8Array(); // unreadable: judged by name and mode alone
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? String(error);
}

/** The verdict on `path` (absolute, from parseDeepLink) against the sync folder `syncRoot`. */
export async function checkLinkedFile(path: string, syncRoot: string): Promise<LinkedFile> {
  let root: string;
  let real: string;
  try {
    root = await realpath(syncRoot);
  } catch (error) {
    return { action: 'refuse', reason: `the sync folder ${syncRoot} cannot be read (${errorCode(error)})` };
  }
  try {
    real = await realpath(path);
  } catch (error) {
    const code = errorCode(error);
    return { action: 'refuse', reason: code === 'ENOENT' ? `${path} is not in the sync folder (yet)` : `${path} cannot be read (${code})` };
  }
  if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep)) return { action: 'refuse', reason: `${path} leads outside the sync folder (to ${real})` };
  const info = await stat(real);
  if (info.isDirectory()) return { action: 'open', path: real };
  if (!info.isFile()) return { action: 'refuse', reason: `${path} is not a regular file` };
  const kind = launchKindOfName(basename(path)) ?? launchKindOfName(basename(real)) ?? launchKindOfContent(await readHead(real)) ?? ((info.mode & 0o111) !== 0 ? 'program' : null);
  return kind ? { action: 'confirm', path: real, kind } : { action: 'open', path: real };
}

export type LinkedFileChoice = 'show' | 'open' | 'cancel';

/** The question before a launching file is opened: options for a message box, and what each button means. */
export function linkedFileQuestion(texts: MainTexts, verdict: { path: string; kind: LaunchKind }) {
  const choices: readonly LinkedFileChoice[] = ['show', 'open', 'cancel'];
  return {
    options: {
      type: 'warning' as const,
      title: texts.linkedFileTitle,
      message: texts.linkedFileMessage.replace('{name}', basename(verdict.path)).replace('{kind}', texts.launchKinds[verdict.kind]),
      detail: texts.linkedFileDetail,
      buttons: [texts.linkedFileShow, texts.linkedFileOpen, texts.cancel],
      // Enter and Escape never open it.
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    },
    choice: (response: number): LinkedFileChoice => choices[response] ?? 'cancel',
  };
}
