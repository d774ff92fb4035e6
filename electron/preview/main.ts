// The preview host (`npm run preview`): the very same core services as the app, with the renderer
// served to any browser and the bridge over a WebSocket. Hosted apps show in iframes.
import { createServer } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createCoreServices } from '../core/services.ts';
import { JsonFileSettingsStore } from '../core/config/settings-store.ts';
import { MemoryKeyring } from '../core/secrets/keyring.ts';
import { createWebSocketBridge } from '../core/bridge/websocket-transport.ts';
import { consoleLog } from '../core/context.ts';
import { createStaticHandler } from './static-files.ts';
import { previewCsp } from './preview-csp.ts';
import { installTestTabViews } from './test-tab-views.ts';

const rendererDir = resolve(import.meta.dirname, '../../dist/renderer');
const port = Number(process.env.WERKPLEK_PREVIEW_PORT ?? process.env.PORT ?? 5190);
const dataDir = resolve(process.env.WERKPLEK_DATA_DIR ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local/share'), 'werkplek-preview'));

if (!existsSync(join(rendererDir, 'index.html'))) {
  console.error(`The renderer is not built yet (${rendererDir}). Run: npm run build`);
  process.exit(1);
}
mkdirSync(dataDir, { recursive: true });

const openExternal = async (url: string) => {
  consoleLog.info(`preview: opening outside Werkplek: ${url}`);
  spawn('xdg-open', [url], { detached: true, stdio: 'ignore' }).on('error', () => consoleLog.warn('preview: xdg-open is not available'));
};

// For tests only: WERKPLEK_TEST_TAB_VIEWS=1 lays the renderer out as in the desktop app (tab toolbar,
// find bar; no frames) with stand-ins for its tab views (test-tab-views.ts).
const testTabViews = process.env.WERKPLEK_TEST_TAB_VIEWS === '1';

const core = await createCoreServices({
  host: testTabViews ? 'electron' : 'preview',
  dataDir,
  store: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
  keyring: new MemoryKeyring(),
  locale: process.env.WERKPLEK_LOCALE ?? Intl.DateTimeFormat().resolvedOptions().locale ?? process.env.LANG ?? 'en',
  openExternal,
  // For tests only: the Cookie header the portal's app list is read with (the Electron host takes
  // it from the apps' shared session; a preview's iframes keep their cookies to themselves).
  ...(process.env.WERKPLEK_TEST_CATALOG_COOKIE ? { sessionCookies: async () => process.env.WERKPLEK_TEST_CATALOG_COOKIE ?? null } : {}),
});

// For tests only: WERKPLEK_TEST_UPDATE_READY=<version> pretends that an AppImage update has been
// downloaded, so the e2e tests can see the "Restart to update" notice. A preview never updates
// itself (its status is 'none'); here "restart" only writes a line to the log.
const testUpdateVersion = process.env.WERKPLEK_TEST_UPDATE_READY?.trim();
if (testUpdateVersion) {
  core.ctx.updates.start('appimage', () => consoleLog.info(`preview (test only): restart to update ${testUpdateVersion} asked`));
  core.ctx.updates.downloaded(testUpdateVersion);
}

// For tests only: WERKPLEK_TEST_SIGN_IN_WINDOW=1 gives the preview the in-app sign-in window the
// desktop app has. The preview has no windows of its own: it prints the page to open, and the e2e
// test opens it in the same browser context as the apps (the shared partition). Without it, the
// preview signs in through the system browser, as a host without windows does.
if (process.env.WERKPLEK_TEST_SIGN_IN_WINDOW === '1') {
  core.ctx.shell.host.signInWindow = (request) => {
    console.log(`preview: sign-in window (${request.partition}): ${request.url}`);
    return { close: () => console.log(`preview: sign-in window closed: ${request.url}`) };
  };
}

if (testTabViews) installTestTabViews(core.ctx, { failures: process.env.WERKPLEK_TEST_LOAD_FAILURES, denied: process.env.WERKPLEK_TEST_PERMISSION_DENIED, loaded: process.env.WERKPLEK_TEST_LOADED });

let origin = '';
const serveStatic = createStaticHandler(rendererDir, previewCsp);
const server = createServer((request, response) => void serveStatic(request, response));
const bridge = createWebSocketBridge({ dispatch: core.dispatch, hub: core.hub, allowedOrigin: () => origin, log: consoleLog });
server.on('upgrade', (request, socket, head) => {
  if (request.url !== '/bridge') {
    socket.destroy();
    return;
  }
  bridge.server.handleUpgrade(request, socket, head, (ws) => bridge.server.emit('connection', ws, request));
});
await new Promise<void>((resolveListen, reject) => {
  server.once('error', reject);
  server.listen(port, '127.0.0.1', resolveListen);
});
origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
console.log(`Werkplek preview: ${origin}/  (data: ${dataDir})`);
if (core.ctx.demo) console.log(`Demo files server (WebDAV): ${core.ctx.demo.webdav.url}  user "${core.ctx.demo.webdav.user}"`);

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await bridge.close();
  server.closeAllConnections();
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
