// Composition root of the Electron main process: hardening switches, single instance, the shell
// window, and the core services bound to it through the bridge. Decisions live in electron/core.
import type { BrowserWindow} from 'electron';
import { app, shell, session } from 'electron';
import { join } from 'node:path';
import { createCoreServices } from '../core/services.ts';
import { consoleLog } from '../core/context.ts';
import { registerAppSchemePrivileges, serveShellUi } from './app-protocol.ts';
import { createElectronSettingsStore } from './electron-store-settings.ts';
import { SafeStorageKeyring } from './safe-storage-keyring.ts';
import { bindBridge } from './ipc/bind-bridge.ts';
import { createShellWindow } from './shell-window.ts';
import { safeExternalUrl } from '../core/shell/external-url.ts';

app.enableSandbox();
registerAppSchemePrivileges();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  void app.whenReady().then(async () => {
    const distDir = join(import.meta.dirname, '..');
    serveShellUi(join(distDir, 'renderer'));
    const core = await createCoreServices({
      host: 'electron',
      dataDir: app.getPath('userData'),
      store: createElectronSettingsStore(),
      keyring: new SafeStorageKeyring(),
      locale: app.getLocale(),
      log: consoleLog,
      openExternal: async (url) => {
        const safe = safeExternalUrl(url);
        if (safe) await shell.openExternal(safe);
      },
    });
    // The shell UI's own session asks for nothing.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    window = createShellWindow(join(distDir, 'preload/preload.cjs'));
    const unbind = bindBridge({ dispatch: core.dispatch, hub: core.hub, shellContents: () => window?.webContents ?? null, log: consoleLog });
    app.on('before-quit', () => {
      unbind();
      void core.close();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
