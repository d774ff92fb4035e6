// The Electron security lint rules (build/eslint-security.js) fire on each forbidden pattern,
// stay quiet on the hardened code we write, and honour their few per-file exceptions.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import security from '../../../build/eslint-security.js';

const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...security.slice(0, -1)],
});

async function problems(code: string, filePath = 'electron/main/example.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('Electron security lint rules', () => {
  it.each([
    ['nodeIntegration on', 'new Thing({ webPreferences: { nodeIntegration: true } });'],
    ['nodeIntegrationInSubFrames on', 'const p = { nodeIntegrationInSubFrames: true };'],
    ['webviewTag on', 'const p = { webviewTag: true };'],
    ['allowRunningInsecureContent on', 'const p = { allowRunningInsecureContent: true };'],
    ['experimentalFeatures on', 'const p = { experimentalFeatures: true };'],
    ['contextIsolation off', 'const p = { contextIsolation: false };'],
    ['sandbox off', 'const p = { sandbox: false };'],
    ['webSecurity off', 'const p = { webSecurity: false };'],
    ['enableBlinkFeatures', "const p = { enableBlinkFeatures: 'Foo' };"],
    ['a window outside the secure-view module', 'const w = new BrowserWindow({});'],
    ['a view via the electron namespace', 'const v = new electron.WebContentsView({});'],
    ['shell.openExternal outside the safe opener', 'await shell.openExternal(url);'],
    ['--no-sandbox', "app.commandLine.appendSwitch('no-sandbox');"],
    ['ignore-certificate-errors', "app.commandLine.appendSwitch('ignore-certificate-errors');"],
    ['remote debugging port', "app.commandLine.appendSwitch('remote-debugging-port', '9222');"],
    ['--no-sandbox as argument', "app.commandLine.appendArgument('--no-sandbox');"],
    ['setCertificateVerifyProc', 'session.defaultSession.setCertificateVerifyProc(() => 0);'],
    ['registerFileProtocol', 'protocol.registerFileProtocol("x", () => {});'],
    ['loadFile', "win.loadFile('index.html');"],
    ["on('certificate-error')", "app.on('certificate-error', (e) => e.preventDefault());"],
    ['ipcRenderer exposed as is', "contextBridge.exposeInMainWorld('ipc', ipcRenderer);"],
    ['ipcRenderer exposed in an object', "contextBridge.exposeInMainWorld('api', { ipcRenderer });"],
    ['ipcRenderer spread', "contextBridge.exposeInMainWorld('api', { ...ipcRenderer });"],
    ['loadURL over http', "win.loadURL('http://intranet.example/');"],
    ['loadURL over http in a template', 'win.loadURL(`http://${host}/`);'],
    ['ipcMain outside electron/main/ipc', "ipcMain.handle('x', () => 1);"],
  ])('flags %s', async (_name, code) => {
    const found = await problems(code);
    expect(found.length, found.join('\n')).toBeGreaterThan(0);
    expect(found.every((p) => p.startsWith('no-restricted-syntax'))).toBe(true);
  });

  it('accepts hardened code and the named-function preload pattern', async () => {
    const code = `
      const prefs = { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false };
      contextBridge.exposeInMainWorld('werkplek', { call: (name: string, input: unknown) => ipcRenderer.invoke('call', name, input) });
      await ctx.openExternal(url);
      win.loadURL('app://werkplek/index.html');
      win.loadURL('https://intranet.example/');
      app.commandLine.appendSwitch('enable-features', 'WaylandWindowDecorations');
    `;
    expect(await problems(code)).toEqual([]);
  });

  it('lets the secure-view module create windows, and only that rule is lifted there', async () => {
    expect(await problems('const w = new BrowserWindow({});', 'electron/main/web-preferences.ts')).toEqual([]);
    expect((await problems('const w = new BrowserWindow({ sandbox: false });', 'electron/main/web-preferences.ts')).length).toBe(1);
  });

  it('lets the IPC wrapper use ipcMain and the safe opener call shell.openExternal', async () => {
    expect(await problems("ipcMain.handle('x', () => 1);", 'electron/main/ipc/bind-bridge.ts')).toEqual([]);
    expect(await problems('await shell.openExternal(safe);', 'electron/main/open-external.ts')).toEqual([]);
    expect((await problems("ipcMain.handle('x', () => 1);", 'electron/main/open-external.ts')).length).toBe(1);
  });
});
