// A small modal window over the shell that asks the person something (which screen to share, a
// user name and password): a page main builds from data, shown with JavaScript off, no preload and
// an in-memory session of its own. The answer comes back as a navigation the page cannot make
// anywhere: an in-page link (`#…`) or a form sent to https://werkplek.invalid/…, which main reads
// and stops. Escape or closing the window is "no answer".
import type { BrowserWindow } from 'electron';
import { createPromptWindow } from './web-preferences.ts';

export interface PromptPage {
  title: string;
  html: string;
  width: number;
  height: number;
}

/** `read` turns a navigation into an answer, 'cancel', or null (not an answer: ignored). */
export function askInWindow<T>(parent: BrowserWindow, page: PromptPage, read: (url: string) => T | 'cancel' | null): Promise<T | null> {
  const prompt = createPromptWindow(parent, page.title, { width: page.width, height: page.height });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: T | null) => {
      if (settled) return;
      settled = true;
      resolve(answer);
      if (!prompt.isDestroyed()) prompt.close();
    };
    const answer = (url: string) => {
      const value = read(url);
      if (value !== null) finish(value === 'cancel' ? null : value);
    };
    prompt.on('closed', () => finish(null));
    prompt.webContents.on('will-navigate', (event) => {
      event.preventDefault(); // never leaves the page: a form's target is only read
      answer(event.url);
    });
    prompt.webContents.on('did-navigate-in-page', (_event, url) => answer(url));
    prompt.webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && input.key === 'Escape') {
        event.preventDefault();
        finish(null);
      }
    });
    prompt.once('ready-to-show', () => {
      if (!prompt.isDestroyed()) prompt.show();
    });
    prompt.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(page.html)}`).catch(() => finish(null));
  });
}
