// What the shell commands need from the host that shows the apps. The Electron main process
// installs its tab manager here; the preview host keeps the defaults (its apps are iframes the
// renderer handles itself, so there is nothing to lay out, zoom or search from the Node side).
import type { Rect } from '../bridge/contract-shell.ts';
import type { SignInWindowHandle, SignInWindowRequest } from './sign-in-page.ts';

export interface ShellHost {
  layout(rect: Rect): void;
  navigate(appId: string, action: 'back' | 'forward' | 'reload' | 'home'): void;
  zoom(appId: string, step: 1 | -1 | 0): number;
  find(text: string, forward: boolean, findNext: boolean): void;
  /** `closed`: the bar was closed (the tab takes the keyboard back), not only its text emptied. */
  stopFind(closed: boolean): void;
  online(online: boolean): void;
  retry(appId: string): void;
  /** Start a download with the app's own session (cookies); null = let core fetch it (preview). */
  download: ((appId: string, url: string) => void) | null;
  openPath(path: string): Promise<void>;
  showInFolder(path: string): void;
  /** The desktop's folder dialog starting at `current`; null when cancelled. Absent: no native dialog (preview). */
  chooseFolder?: (current: string) => Promise<string | null>;
  /** An in-app sign-in window on a session partition (sign-in-page.ts); absent: the system browser. */
  signInWindow?: (request: SignInWindowRequest, closedByPerson: () => void) => SignInWindowHandle;
}

/** What only the desktop app can do (open a file with its app, show it in the file manager…). */
export class DesktopOnly extends Error {
  constructor(what: string) {
    super(`${what} is available in the desktop app; the preview shows apps in frames`);
    this.name = 'DesktopOnly';
  }
}

const desktopOnly = (what: string) => () => {
  throw new DesktopOnly(what);
};

export function previewShellHost(): ShellHost {
  return {
    layout: () => {},
    navigate: desktopOnly('Back, forward and reload'),
    zoom: desktopOnly('Zoom per app'),
    find: desktopOnly('Find in page'),
    stopFind: () => {},
    online: () => {},
    retry: () => {},
    download: null,
    openPath: async () => desktopOnly('Opening a downloaded file')(),
    showInFolder: desktopOnly('Show in folder'),
  };
}
