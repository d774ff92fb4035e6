// Starting Werkplek under real Electron for a spec: its own user data, HOME and policy, and a few
// looks into the main process (which view is shown, running a script in it, sending it keys).
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronBinary } from './electron-binary.ts';

export const root = resolve(import.meta.dirname, '../..');

export interface Launched {
  app: ElectronApplication;
  window: Page;
  userData: string;
}

export async function launchWerkplek(policy: object, args: string[] = []): Promise<Launched> {
  const binary = electronBinary();
  if ('missing' in binary) throw new Error(binary.missing);
  const userData = mkdtempSync(join(tmpdir(), 'werkplek-electron-'));
  const policyFile = join(userData, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(policy));
  const app = await electron.launch({
    executablePath: binary.path,
    args: [root, `--user-data-dir=${userData}`, ...args],
    env: { ...process.env, WERKPLEK_POLICY: policyFile, HOME: userData, XDG_CONFIG_HOME: join(userData, 'config') },
  });
  return { app, window: await app.firstWindow(), userData };
}

/** The visible app view's URL, or null. */
export function visibleViewUrl(app: ElectronApplication): Promise<string | null> {
  return app.evaluate(({ BrowserWindow }) => {
    const view = BrowserWindow.getAllWindows()[0]?.contentView.children.find((child) => child.getVisible() && 'webContents' in child) as Electron.WebContentsView | undefined;
    return view ? view.webContents.getURL() : null;
  });
}

/** Runs a script in the visible app view (as a user gesture). */
export function inVisibleView<T>(app: ElectronApplication, script: string): Promise<T> {
  return app.evaluate(({ BrowserWindow }, code) => {
    const view = BrowserWindow.getAllWindows()[0]!.contentView.children.find((child) => child.getVisible() && 'webContents' in child) as Electron.WebContentsView;
    return view.webContents.executeJavaScript(code, true) as Promise<T>;
  }, script);
}

/** A key typed inside the visible app view (it reaches main's before-input-event first). */
export function keyInView(app: ElectronApplication, keyCode: string, modifiers: Array<'control' | 'shift' | 'alt'> = []): Promise<void> {
  return app.evaluate(({ BrowserWindow }, key) => {
    const view = BrowserWindow.getAllWindows()[0]!.contentView.children.find((child) => child.getVisible() && 'webContents' in child) as Electron.WebContentsView;
    view.webContents.focus();
    view.webContents.sendInputEvent({ type: 'keyDown', keyCode: key.keyCode, modifiers: key.modifiers });
    view.webContents.sendInputEvent({ type: 'keyUp', keyCode: key.keyCode, modifiers: key.modifiers });
  }, { keyCode, modifiers });
}

/** Whether the visible app view has the keyboard focus. */
export function viewFocused(app: ElectronApplication): Promise<boolean> {
  return app.evaluate(({ BrowserWindow }) => {
    const view = BrowserWindow.getAllWindows()[0]!.contentView.children.find((child) => child.getVisible() && 'webContents' in child) as Electron.WebContentsView | undefined;
    return view?.webContents.isFocused() ?? false;
  });
}
