// The only place that states webPreferences (Electron checklist #2–#4, #6, #8–#11) and the only
// place that constructs views and windows for web content (the ESLint rule points here). The
// shell UI gets the bridge preload; hosted web apps get none and live in their own partition.
import { BrowserWindow, WebContentsView, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';

const hardened = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  disableBlinkFeatures: 'Auxclick',
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;

export function shellWebPreferences(preloadPath: string): WebPreferences {
  return { ...hardened, preload: preloadPath };
}

/** Hosted apps: no preload, spell checking on, their own session partition. */
export function appViewWebPreferences(partition: string): WebPreferences {
  return { ...hardened, partition, spellcheck: true };
}

/** A pop-up of an app (window.open on its own or the identity provider's origin), sized as core decided. */
export function childWindowOptions(partition: string, size: { width: number; height: number } = { width: 520, height: 680 }): BrowserWindowConstructorOptions {
  return { ...size, autoHideMenuBar: true, webPreferences: appViewWebPreferences(partition) };
}

export function createAppView(partition: string): WebContentsView {
  return new WebContentsView({ webPreferences: appViewWebPreferences(partition) });
}

export function createHardenedWindow(options: BrowserWindowConstructorOptions & { preload: string }): BrowserWindow {
  const { preload, ...rest } = options;
  return new BrowserWindow({ ...rest, webPreferences: shellWebPreferences(preload) });
}

/**
 * A prompt (screen-share picker, sign-in): a small modal window over the shell, showing a page main
 * builds from data (prompt-window.ts). No preload, no JavaScript at all, and a session of its own
 * in memory: it never sees an app's cookies.
 */
export function createPromptWindow(parent: BrowserWindow, title: string, size: { width: number; height: number }): BrowserWindow {
  return new BrowserWindow({
    parent,
    modal: true,
    ...size,
    title,
    show: false,
    autoHideMenuBar: true,
    webPreferences: promptWebPreferences(),
  });
}

/**
 * The in-app sign-in window (sign-in-window.ts: connecting Files or chat): a hosted app's hardened
 * set on the apps' shared partition, where the identity provider's session lives; no preload.
 */
export function createSignInWindow(parent: BrowserWindow | null, partition: string, title: string): BrowserWindow {
  return new BrowserWindow({ ...childWindowOptions(partition), ...(parent ? { parent } : {}), title, show: false });
}

/** The hardened set for a prompt: no JavaScript, an in-memory session of its own. */
export function promptWebPreferences(): WebPreferences {
  return { ...hardened, javascript: false, partition: 'werkplek-picker' };
}
