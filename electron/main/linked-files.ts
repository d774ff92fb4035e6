// Opening the file a werkplek://file link names: the decision is core/shell/linked-files.ts (real
// path inside the real sync folder; a launching file only after the question); this carries it out.
import { dialog, shell, type BrowserWindow } from 'electron';
import { checkLinkedFile, linkedFileQuestion, type LinkedFileChoice } from '../core/shell/linked-files.ts';
import type { MainTexts } from '../core/shell/main-texts.ts';
import type { Log } from '../core/context.ts';

type Deps = { window: BrowserWindow | null; texts: MainTexts; log: Log };

export async function openLinkedFile(path: string, syncRoot: string, deps: Deps): Promise<void> {
  try {
    await carryOut(path, syncRoot, deps);
  } catch (error) {
    deps.log.warn(`werkplek link: cannot open ${path}`, error instanceof Error ? error.message : error);
  }
}

async function carryOut(path: string, syncRoot: string, deps: Deps): Promise<void> {
  const verdict = await checkLinkedFile(path, syncRoot);
  if (verdict.action === 'refuse') {
    deps.log.warn(`werkplek link refused: ${verdict.reason}`);
    return;
  }
  let choice: LinkedFileChoice = 'open';
  if (verdict.action === 'confirm') {
    const question = linkedFileQuestion(deps.texts, verdict);
    const answer = deps.window ? await dialog.showMessageBox(deps.window, question.options) : await dialog.showMessageBox(question.options);
    choice = question.choice(answer.response);
  }
  if (choice === 'show') shell.showItemInFolder(verdict.path);
  else if (choice === 'open') {
    const error = await shell.openPath(verdict.path);
    if (error) deps.log.warn(`werkplek link: cannot open ${verdict.path}: ${error}`);
  }
}
