// Builds every core service from config. The one composition root shared by the Electron main
// process and the preview host, so both run the very same code.
import { readFileSync } from 'node:fs';
import { EventHub } from './bridge/event-hub.ts';
import type { CommandHandlers } from './bridge/contract.ts';
import { createDispatcher, type Dispatch } from './bridge/dispatcher.ts';
import { CatalogService } from './config/catalog.ts';
import { loadPolicy, formatProblem } from './config/policy-load.ts';
import { SettingsService } from './config/settings-service.ts';
import type { SettingsStore } from './config/settings-store.ts';
import { createAppHandlers } from './config/app-handlers.ts';
import { createShellHandlers } from './shell/shell-handlers.ts';
import { createShellState } from './shell/shell-state.ts';
import { UpdateNotice } from './updates/update-notice.ts';
import { createUpdateHandlers } from './updates/update-handlers.ts';
import { createRemoteHandlers, remoteSessionsOf } from './remote-apps/remote-handlers.ts';
import { createSyncHandlers, stopSync } from './sync/sync-handlers.ts';
import { createMatrixHandlers, matrixServiceOf } from './matrix/matrix-handlers.ts';
import { startDemoServices, type DemoServices } from './demo/demo-services.ts';
import { consoleLog, type CoreContext, type Log } from './context.ts';
import { createSignInOfferHandlers } from './shell/sign-in-offers.ts';
import type { Keyring } from './secrets/keyring.ts';
import { createCatalogSource, createCatalogSourceHandlers } from './config/catalog-source-handlers.ts';
import { trustSystemCertificates } from './shell/system-certificates.ts';

export interface CoreOptions {
  host: CoreContext['host'];
  dataDir: string;
  store: SettingsStore;
  keyring: Keyring;
  locale: string;
  policyFile?: string;
  log?: Log;
  openExternal(url: string): Promise<void>;
  /** The system's downloads folder (Electron knows it; elsewhere ~/Downloads). */
  systemDownloads?: string;
  /** Start the embedded demo services when no organisation is configured (default true). */
  demo?: boolean;
  /** The Cookie header of the apps' shared session for a URL, for the catalog source (Electron only). */
  sessionCookies?: (url: string) => Promise<string | null>;
}

export interface CoreServices {
  ctx: CoreContext;
  hub: EventHub;
  handlers: CommandHandlers;
  dispatch: Dispatch;
  close(): Promise<void>;
}

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** No organisation configured: no apps in the policy and no sync server anywhere. */
export function needsDemo(settings: SettingsService): boolean {
  return !settings.policy.policy.apps?.length && !settings.get('sync.serverUrl') && !settings.get('catalog.source');
}

export async function createCoreServices(options: CoreOptions): Promise<CoreServices> {
  const log = options.log ?? consoleLog;
  // The core's own requests (portal list, icons, account look-ups) trust what the laptop trusts.
  trustSystemCertificates((message) => log.warn(message));
  // The last good policy is kept beside the app's other data (a broken file later keeps it).
  const policy = loadPolicy(options.policyFile, { stateDir: options.dataDir });
  for (const problem of policy.problems) log.warn(`policy ignored: ${formatProblem(problem)}`);
  const settings = new SettingsService(options.store, policy, (message) => log.warn(message), options.locale);
  const demo: DemoServices | null = options.demo !== false && needsDemo(settings) ? await startDemoServices(options.dataDir, log) : null;
  // The portal's app list: the last good one from disk now, refreshed once the hub exists.
  const catalogSource = createCatalogSource({ dataDir: options.dataDir, settings, locale: options.locale, keyring: options.keyring, log, sessionCookies: options.sessionCookies });
  const catalog = new CatalogService(
    settings,
    () => (policy.policy.apps?.length ? { apps: policy.policy.apps, source: 'policy' } : { apps: demo?.apps ?? [], source: 'demo' }),
    () => catalogSource.source.apps(),
  );
  const hub = new EventHub();
  catalogSource.connect(hub, catalog);
  const ctx: CoreContext = {
    version: packageVersion,
    host: options.host,
    locale: options.locale,
    dataDir: options.dataDir,
    settings,
    catalog,
    hub,
    log,
    keyring: options.keyring,
    demo,
    openExternal: options.openExternal,
    shell: createShellState(),
    updates: new UpdateNotice({ onChange: (status) => hub.emit('update.status', status) }),
  };
  const handlers: CommandHandlers = {
    ...createAppHandlers(ctx),
    ...createShellHandlers(ctx, options.systemDownloads ? { systemDownloads: options.systemDownloads } : {}),
    ...createSyncHandlers(ctx),
    ...createMatrixHandlers(ctx),
    ...createUpdateHandlers(ctx),
    ...createCatalogSourceHandlers(catalogSource.source, { settings, keyring: options.keyring }),
    ...createRemoteHandlers(ctx),
    ...createSignInOfferHandlers(ctx, () => handlers),
  };
  return {
    ctx,
    hub,
    handlers,
    dispatch: createDispatcher(handlers, log),
    close: async () => {
      ctx.shell.downloads?.close();
      remoteSessionsOf(ctx)?.stopAll();
      catalogSource.source.stop();
      await Promise.all([stopSync(ctx), matrixServiceOf(ctx)?.dispose()]);
      await demo?.close();
    },
  };
}
