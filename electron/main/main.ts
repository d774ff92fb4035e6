// Composition root of the Electron main process: hardening switches, single instance, the shell
// window, the tab views of the hosted apps, tray, menu and desktop integration, and the core
// services bound to it all through the bridge. Decisions live in electron/core.
import { app, dialog, Menu, powerMonitor, session, shell, webContents, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCoreServices, type CoreServices } from '../core/services.ts';
import { consoleLog } from '../core/context.ts';
import { safeExternalUrl } from '../core/shell/external-url.ts';
import { deepLinkFromArgv, parseDeepLink } from '../core/shell/deep-link.ts';
import { localFoldersOf } from '../core/sync/local-dirs.ts';
import { trayCount } from '../core/shell/badges.ts';
import { traySyncState } from '../core/shell/tray-sync-state.ts';
import type { SyncAccountsView } from '../core/bridge/contract-sync-accounts.ts';
import { mainTexts } from '../core/shell/main-texts.ts';
import { isDndActive } from '../core/matrix/notification-policy.ts';
import { registerAppSchemePrivileges, serveShellUi } from './app-protocol.ts';
import { createElectronSettingsStore } from './electron-store-settings.ts';
import { SafeStorageKeyring } from './safe-storage-keyring.ts';
import { bindBridge } from './ipc/bind-bridge.ts';
import { createShellWindow } from './shell-window.ts';
import { TabViews } from './tab-views.ts';
import { applyIntegratedAuth, applyProxy, applySpellcheck, sessionPreparer } from './app-sessions.ts';
import { handleHttpAuth } from './http-auth.ts';
import { bindRemoteApps } from './remote-apps.ts';
import { handleClientCertificates } from './client-certificates.ts';
import { WerkplekTray } from './tray.ts';
import { buildAppMenu } from './app-menu.ts';
import { applyStartAtLogin, registerUrlScheme } from './desktop-integration.ts';
import { openLinkedFile } from './linked-files.ts';
import { hardenAllWebContents } from './web-contents-guard.ts';
import { startUpdater } from './updater.ts';
import { utilityProcessLauncher } from './sync-worker.ts';
import { attachContextMenu } from './view-context-menu.ts';
import { bindMatrixNotifications } from './matrix/bind-matrix-notifications.ts';
import { setSyncWorkerLauncher } from '../core/sync/sync-handlers.ts';
import { setMatrixWorkerLauncher } from '../core/matrix/matrix-handlers.ts';
import { matrixUtilityProcessLauncher } from './matrix/matrix-worker.ts';
import { childProcessProxyEnv } from '../core/shell/proxy.ts';
import { installProcessErrorLog, logFailure } from './process-errors.ts';
import { handleScreenShare } from './screen-share.ts';
import { openSignInWindow } from './sign-in-window.ts';
import { statusNotifierHost } from './tray-support.ts';
import { closeAction } from '../core/shell/close-action.ts';
import { refreshCatalogOnSignIn, sharedPartition, sharedSessionCookies } from './catalog-source-cookies.ts';

app.enableSandbox();
registerAppSchemePrivileges();
hardenAllWebContents(app);

const log = consoleLog;
installProcessErrorLog(log);
const startHidden = process.argv.includes('--hidden');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let handleLink: (raw: string) => void = () => {};
  const pendingLinks: string[] = [];
  const initialLink = deepLinkFromArgv(process.argv);
  if (initialLink) pendingLinks.push(initialLink);

  const showWindow = () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  app.on('second-instance', (_event, argv) => {
    showWindow();
    const link = deepLinkFromArgv(argv);
    if (link) handleLink(link);
  });

  void app.whenReady().then(async () => {
    const distDir = join(import.meta.dirname, '..');
    serveShellUi(join(distDir, 'renderer'));
    // The sync engine in its own process when the build has its worker; else in this one.
    const syncWorker = join(distDir, 'worker/sync-worker.js');
    if (existsSync(syncWorker)) setSyncWorkerLauncher(utilityProcessLauncher(syncWorker));
    else log.warn(`sync: ${syncWorker} not built; the engine runs in the main process`);
    // The Matrix notifier likewise (the keyring and the browser stay in this process).
    const matrixWorker = join(distDir, 'worker/matrix-worker.js');
    // Its HTTP (matrix-js-sdk's fetch) follows the same proxy setting as the web apps.
    let proxySetting = (): string => 'system';
    if (existsSync(matrixWorker)) setMatrixWorkerLauncher(matrixUtilityProcessLauncher(matrixWorker, () => childProcessProxyEnv(proxySetting(), process.env)));
    else log.warn(`matrix: ${matrixWorker} not built; the notifier runs in the main process`);
    const core: CoreServices = await createCoreServices({
      host: 'electron',
      dataDir: app.getPath('userData'),
      store: createElectronSettingsStore(),
      keyring: new SafeStorageKeyring(),
      locale: app.getLocale(),
      log,
      systemDownloads: app.getPath('downloads'),
      // The portal's app list is read with the person's sign-in in the apps' shared session.
      sessionCookies: sharedSessionCookies(session.fromPartition(sharedPartition)),
      // Rejects when the desktop has no handler for the URL: callers log it (openOutside below).
      openExternal: async (url) => {
        const safe = safeExternalUrl(url);
        if (safe) await shell.openExternal(safe);
      },
    });
    const { ctx, hub } = core;
    const stopCatalogSignIn = refreshCatalogOnSignIn(session.fromPartition(sharedPartition), () => ctx.settings.get('catalog.source')?.url ?? null, core.handlers);
    const openOutside = (url: string) => void ctx.openExternal(url).catch(logFailure(log, `opening ${url.slice(0, 200)} outside Werkplek`));
    proxySetting = () => ctx.settings.get('shell.proxy');
    const texts = () => mainTexts(ctx.settings.get('general.locale'), app.getLocale());
    // Web apps' notifications follow the same do-not-disturb as chat: the switch or the schedule.
    const doNotDisturb = () => isDndActive(ctx.settings.get('matrix.doNotDisturb'), ctx.settings.get('matrix.dndSchedule'), new Date());

    // The shell UI's own session asks for nothing and downloads nothing.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.setDevicePermissionHandler(() => false);
    session.defaultSession.on('will-download', (event) => event.preventDefault());

    window = createShellWindow(join(distDir, 'preload/preload.cjs'), { show: !startHidden });
    const shellWindow = window;
    const activate = (appId: string, url?: string) => {
      void core.handlers['shell.activate'](url === undefined ? { appId } : { appId, url }).catch((error: unknown) => log.warn(`cannot open ${appId}`, error instanceof Error ? error.message : error));
    };
    const owners = {
      appFor: (contents: Electron.WebContents | null | undefined) => tabs.appFor(contents),
      appIdFor: (contents: Electron.WebContents | null | undefined) => tabs.appIdFor(contents),
      noteCall: (contents: Electron.WebContents) => tabs.noteCall(contents),
      noteGranted: (contents: Electron.WebContents, permission: string) => tabs.noteGranted(contents, permission),
    };
    let matrixSignedIn = false;
    // Screen sharing (getDisplayMedia): the app's allow-list, then the person's choice in a picker.
    const screenShare = (ses: Electron.Session) => handleScreenShare(ses, ctx, owners, (frame) => webContents.fromFrame(frame) ?? null, { window: () => window, texts, onShare: (contents) => tabs.noteCall(contents) });
    const sessions = sessionPreparer(ctx, owners, doNotDisturb, () => matrixSignedIn, screenShare);
    // HTTP sign-in (Basic, NTLM, Negotiate, proxies): the keyring's kept answer or the person's.
    handleHttpAuth(app, { ctx, owners, window: () => window, texts });
    // Remote apps (FreeRDP): their sign-in is asked once in a prompt window and kept in the keyring.
    bindRemoteApps({ ctx, window: () => window, texts });
    // Client certificates and smart cards: the catalog's rule, else the person's choice.
    handleClientCertificates(app, { ctx, window: () => window, texts });
    const tabs: TabViews = new TabViews({
      window: shellWindow,
      ctx,
      prepareSession: (partition) => sessions.ready(partition),
      activate,
      openExternal: openOutside,
      log,
      attachContextMenu: (contents) => attachContextMenu(contents, texts, openOutside),
      // The keys the window carries out; the rest of the keyboard map is the tabs' (tab-views.ts).
      shortcut: (action) => {
        if (action.kind === 'settings') openPanel('settings');
        else if (action.kind === 'fullscreen') shellWindow.setFullScreen(!shellWindow.isFullScreen());
        else if (action.kind === 'quit') app.quit();
        else return false;
        return true;
      },
      confirmLeave: (appName) => {
        const t = texts();
        const answer = dialog.showMessageBoxSync(shellWindow, { type: 'question', title: t.leaveTitle, message: t.leaveMessage.replace('{name}', appName), buttons: [t.stay, t.leave], defaultId: 0, cancelId: 0 });
        return answer === 1;
      },
    });
    const openPanel = (panel: 'settings' | 'downloads') => {
      showWindow();
      void core.handlers['shell.setPanel']({ panel }).catch(logFailure(log, `opening the ${panel} panel`));
    };
    ctx.shell.host = {
      layout: (rect) => tabs.layout(rect),
      navigate: (appId, action) => tabs.navigate(appId, action),
      zoom: (appId, step) => tabs.zoom(appId, step),
      find: (text, forward, findNext) => tabs.find(text, forward, findNext),
      stopFind: (closed) => tabs.stopFind(closed),
      online: (online) => tabs.online(online),
      retry: (appId) => tabs.retry(appId),
      // Downloads started from the UI go through the app's own view, so its sign-in cookies apply.
      download: (appId, url) => tabs.download(appId, url),
      openPath: async (path) => {
        const error = await shell.openPath(path);
        if (error) throw new Error(error);
      },
      showInFolder: (path) => shell.showItemInFolder(path),
      // The Files settings' "Choose…": the desktop's own folder dialog (the portal's on Flatpak/Wayland).
      chooseFolder: async (current) => {
        const t = texts();
        const answer = await dialog.showOpenDialog(shellWindow, { title: t.chooseSyncFolder, buttonLabel: t.chooseSyncFolderButton, defaultPath: current, properties: ['openDirectory', 'createDirectory'] });
        return answer.canceled ? null : (answer.filePaths[0] ?? null);
      },
      // Connecting Files and chat: an in-app window on the apps' shared partition (one sign-in).
      signInWindow: (request, closedByPerson) => openSignInWindow({ parent: () => window, prepareSession: (partition) => sessions.ready(partition), openExternal: openOutside, log }, request, closedByPerson),
    };

    // Tray: unread count, sync status and pause (over every account), do-not-disturb, quit.
    let quitting = false;
    let firstSyncState = 'not-configured';
    let addedSyncAccounts: Array<{ id: string; state: string }> = [];
    const updateTraySync = (): void => tray.update(traySyncState([firstSyncState, ...addedSyncAccounts.map((a) => a.state)]));
    const followSyncAccounts = (view: SyncAccountsView): void => {
      addedSyncAccounts = view.accounts.map((a) => ({ id: a.id, state: a.state.state }));
      updateTraySync();
    };
    const tray = new WerkplekTray(texts(), {
      open: showWindow,
      setSyncPaused: (paused) => {
        const method = paused ? 'sync.pause' : 'sync.resume';
        void core.handlers[method]({}).catch(() => {});
        for (const { id } of addedSyncAccounts) void core.handlers[method]({ account: id }).catch(() => {});
      },
      setDoNotDisturb: (on) => {
        try {
          ctx.settings.set('matrix.doNotDisturb', on);
        } catch (error) {
          log.warn('do-not-disturb is locked by policy', error instanceof Error ? error.message : error);
        }
      },
      restartToUpdate: () => void core.handlers['update.restart']({}).catch(logFailure(log, 'restarting to update')),
      quit: () => app.quit(),
    });
    const updateUnread = () => tray.update({ unread: trayCount(ctx.shell.badges, ctx.catalog.enabledApps().map((entry) => entry.id)) });

    const refreshMenu = () => {
      const apps = ctx.catalog.enabledApps();
      Menu.setApplicationMenu(
        buildAppMenu(texts(), {
          run: (action) => void tabs.runShortcut(action),
          openPanel,
          minimize: () => shellWindow.minimize(),
          closeWindow: () => shellWindow.close(),
          apps: apps.map((entry) => entry.name),
          allowDevTools: ctx.settings.get('shell.allowDevTools'),
          about: () => void dialog.showMessageBox(shellWindow, { type: 'info', title: 'Werkplek', message: `Werkplek ${ctx.version}`, detail: `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}` }).catch(logFailure(log, 'the About box')),
        }),
      );
    };

    // What the core says happened → what Electron shows.
    const unsubscribe = hub.subscribe((name, payload) => {
      switch (name) {
        case 'shell.activate': {
          const { appId, url } = payload as { appId: string; url?: string };
          tabs.show(appId, url);
          break;
        }
        case 'shell.panel':
          tabs.setPanelOpen((payload as { panel: string | null }).panel !== null);
          break;
        case 'shell.badges':
          updateUnread();
          break;
        case 'matrix.status':
          matrixSignedIn = ['syncing', 'connecting', 'offline'].includes((payload as { state: string }).state);
          updateUnread();
          break;
        case 'sync.state':
          firstSyncState = (payload as { state: string }).state;
          updateTraySync();
          break;
        case 'sync.accounts':
          followSyncAccounts(payload as SyncAccountsView);
          break;
        case 'catalog.changed':
          for (const ses of sessions.all()) applyIntegratedAuth(ses, ctx);
          tabs.syncCatalog();
          refreshMenu();
          updateUnread();
          break;
        case 'settings.changed':
          applySettings();
          break;
        case 'update.status': {
          const status = payload as { state: string; version?: string };
          tray.update({ updateVersion: status.state === 'ready' ? (status.version ?? null) : null });
          break;
        }
      }
    });

    let lastSettings = '';
    const applySettings = () => {
      const relevant = JSON.stringify([ctx.settings.get('shell.startAtLogin'), ctx.settings.get('shell.proxy'), ctx.settings.get('shell.spellcheckLanguages'), ctx.settings.get('shell.spellcheckDictionaryUrl'), ctx.settings.get('general.locale'), ctx.settings.get('shell.allowDevTools')]);
      tray.update({ doNotDisturb: ctx.settings.get('matrix.doNotDisturb') }, texts());
      if (relevant === lastSettings) return;
      lastSettings = relevant;
      applyStartAtLogin(ctx.settings.get('shell.startAtLogin'), log);
      for (const ses of sessions.all()) {
        applySpellcheck(ses, ctx);
        void applyProxy(ses, ctx).catch(logFailure(log, 'setting the proxy'));
      }
      refreshMenu();
    };
    applySettings();
    updateUnread();
    void core.handlers['matrix.status']({})
      .then((status) => {
        matrixSignedIn = ['syncing', 'connecting', 'offline'].includes(status.state);
        updateUnread();
      })
      .catch(() => {});
    void core.handlers['sync.state']({}).then((state) => { firstSyncState = state.state; updateTraySync(); }).catch(() => {});
    void core.handlers['sync.accounts']({}).then(followSyncAccounts).catch(() => {});

    // werkplek:// links: an app (optionally a URL inside it) or a file inside the sync folder
    // (its real path; a file that would start something only after a question: linked-files.ts).
    handleLink = (raw) => {
      const syncRoots = localFoldersOf(ctx.settings.get('sync.localDir'), ctx.settings.get('sync.accounts'));
      const link = parseDeepLink(raw, { apps: ctx.catalog.enabledApps(), syncRoots });
      if (link.kind === 'app') activate(link.appId, link.url ?? undefined);
      else if (link.kind === 'file') void openLinkedFile(link.path, link.root, { window, texts: texts(), log });
      else log.warn(`werkplek link refused: ${link.reason}`);
    };
    registerUrlScheme(log);
    for (const link of pendingLinks.splice(0)) handleLink(link);

    // Closing the window keeps Werkplek in the tray (setting), or quits: the shutdown below runs
    // first, while the window and its tabs still exist, and Electron closes the window last.
    let trayShown: boolean | null = null; // whether the desktop shows tray icons (below)
    shellWindow.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      const action = closeAction(ctx.settings.get('shell.closeToTray'), trayShown);
      if (action === 'hide') shellWindow.hide();
      else if (action === 'minimize') shellWindow.minimize();
      else app.quit();
    });
    // No tray icons on this desktop: a window started hidden must still be reachable.
    void statusNotifierHost().then((shown) => {
      trayShown = shown;
      if (shown !== false || shellWindow.isDestroyed()) return;
      log.warn('tray: this desktop shows no tray icons (no StatusNotifierWatcher); closing the window minimises it instead');
      if (!shellWindow.isVisible()) {
        shellWindow.showInactive();
        shellWindow.minimize();
      }
    });
    shellWindow.on('closed', () => {
      window = null;
    });
    powerMonitor.on('resume', () => tabs.online(true));
    ctx.shell.windowFocused = shellWindow.isFocused();
    shellWindow.on('focus', () => (ctx.shell.windowFocused = true));
    shellWindow.on('blur', () => (ctx.shell.windowFocused = false));

    const unbind = bindBridge({ dispatch: core.dispatch, hub, shellContents: () => window?.webContents ?? null, log });
    // Chat notifications: native notifications from the Matrix notifier; a click opens the room's tab.
    const unbindMatrix = bindMatrixNotifications({ ctx, hub, dispatch: core.dispatch, window: () => window, tabUrl: (appId) => ctx.shell.tabUrls[appId] ?? null });
    const updater = await startUpdater({ 'updates.enabled': ctx.settings.get('updates.enabled'), 'updates.url': ctx.settings.get('updates.url') }, { log, onUpdateDownloaded: (version) => ctx.updates.downloaded(version) }).catch((error: unknown) => {
      log.warn('updates: not started', error instanceof Error ? error.message : error);
      return null;
    });
    // A downloaded update shows in the status bar and the tray; it restarts only when the person asks.
    ctx.updates.start(updater?.decision.mode ?? 'off', updater ? () => updater.restartNow() : null);

    let closed = false;
    app.on('before-quit', (event) => {
      quitting = true;
      if (closed) return;
      event.preventDefault(); // finish the async shutdown first, then quit for real
      closed = true;
      unsubscribe();
      stopCatalogSignIn();
      unbindMatrix();
      unbind();
      updater?.stop();
      tabs.close();
      tray.destroy();
      void core
        .close()
        .catch((error: unknown) => log.error('shutdown', error))
        .finally(() => app.quit());
    });
  }).catch((error: unknown) => {
    // Startup itself failed (settings, core services): say so once, then quit.
    const detail = error instanceof Error ? error.message : String(error);
    log.error('startup failed', error instanceof Error ? (error.stack ?? detail) : detail);
    const t = mainTexts('auto', app.getLocale());
    dialog.showErrorBox(t.startFailedTitle, t.startFailed.replace('{error}', detail));
    app.quit();
  });

  // With close-to-tray the window only hides; without it, closing the window quits.
  app.on('window-all-closed', () => app.quit());
}
