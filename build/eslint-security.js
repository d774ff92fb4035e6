// Electron security rules for ESLint (RELIABILITY.md "Tools that run here"): what the type checker
// and Electronegativity miss, with a non-zero exit. eslint.config.js spreads this array last.
// Each selector carries the checklist item it enforces; exceptions are per file and few.

/** Modules allowed to create windows and views: they apply the hardened web-preferences.ts. */
export const secureViewModules = ['electron/main/web-preferences.ts', 'electron/main/shell-window.ts'];
/** The safe opener: shell.openExternal only after safeExternalUrl() (checklist #15). */
export const safeOpenerModules = ['electron/main/main.ts', 'electron/main/open-external.ts'];
/** The one IPC wrapper that checks the sender and parses arguments (checklist #17). */
export const ipcModules = ['electron/main/ipc/**'];

const rule = (id, selector, message) => ({ id, selector, message });

export const restrictions = [
  rule('node-integration', "Property[key.name=/^(nodeIntegration|nodeIntegrationInSubFrames|nodeIntegrationInWorker|webviewTag|allowRunningInsecureContent|experimentalFeatures)$/][value.value=true]", 'Electron checklist #2/#8/#9/#11: never turn this on.'),
  rule('isolation-off', "Property[key.name=/^(contextIsolation|sandbox|webSecurity)$/][value.value=false]", 'Electron checklist #3/#4/#6: contextIsolation, sandbox and webSecurity stay true.'),
  rule('blink-features', "Property[key.name='enableBlinkFeatures']", 'Electron checklist #10: no enableBlinkFeatures.'),
  rule('new-view', "NewExpression[callee.name=/^(BrowserWindow|WebContentsView|BrowserView)$/], NewExpression[callee.property.name=/^(BrowserWindow|WebContentsView|BrowserView)$/]", `Windows and views are created only in ${secureViewModules.join(' or ')}, with web-preferences.ts.`),
  rule('open-external', "CallExpression[callee.property.name='openExternal'][callee.object.name='shell'], CallExpression[callee.property.name='openExternal'][callee.object.property.name='shell']", 'Electron checklist #15: shell.openExternal only in the safe opener, after safeExternalUrl().'),
  rule('dangerous-switch', "CallExpression[callee.property.name=/^(appendSwitch|appendArgument)$/][arguments.0.value=/^(--)?(no-sandbox|ignore-certificate-errors|disable-web-security|remote-debugging-port|allow-insecure-localhost)/]", 'Electron checklist #4: never weaken the sandbox, certificate checks or web security, nor open a debugging port.'),
  rule('certificate-override', "CallExpression[callee.property.name=/^(setCertificateVerifyProc|registerFileProtocol|loadFile)$/]", 'No certificate override, no file:// protocol, no loadFile: the shell UI is served from app:// (checklist #18).'),
  rule('certificate-error', "CallExpression[callee.property.name=/^(on|once|addListener|prependListener)$/][arguments.0.value='certificate-error']", "Never handle 'certificate-error': Chromium's verdict stands."),
  rule('expose-ipc', "CallExpression[callee.property.name='exposeInMainWorld'] > Identifier[name='ipcRenderer'], CallExpression[callee.property.name='exposeInMainWorld'] Property[value.name='ipcRenderer'], CallExpression[callee.property.name='exposeInMainWorld'] SpreadElement[argument.name='ipcRenderer']", 'Electron checklist #20: expose named functions, never ipcRenderer itself.'),
  rule('insecure-load', "CallExpression[callee.property.name='loadURL'][arguments.0.value=/^(http|ws|file):/], CallExpression[callee.property.name='loadURL'] > TemplateLiteral.arguments:first-child > TemplateElement:first-child[value.raw=/^(http|ws|file):/]", 'Electron checklist #1: load only https: (web apps) or app:// (shell UI).'),
  rule('ipc-main', "MemberExpression[object.name='ipcMain']", 'Electron checklist #17: ipcMain only in electron/main/ipc/, which validates every sender.'),
];

const noRestrictedSyntax = (except = []) => ['error', ...restrictions.filter((r) => !except.includes(r.id)).map(({ selector, message }) => ({ selector, message }))];

export default [
  { files: ['**/*.{ts,tsx,js,mjs,cjs}'], rules: { 'no-restricted-syntax': noRestrictedSyntax() } },
  { files: secureViewModules, rules: { 'no-restricted-syntax': noRestrictedSyntax(['new-view']) } },
  { files: safeOpenerModules, rules: { 'no-restricted-syntax': noRestrictedSyntax(['open-external']) } },
  { files: ipcModules, rules: { 'no-restricted-syntax': noRestrictedSyntax(['ipc-main']) } },
  // This file and its test spell out the forbidden patterns on purpose.
  { files: ['build/eslint-security.js', 'test/unit/security/**'], rules: { 'no-restricted-syntax': 'off' } },
];
