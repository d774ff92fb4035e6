// Self-update of the AppImage with electron-updater, from the https: server the policy names
// (updates.url; off with updates.enabled=false). deb/rpm installs never self-update: apt does it.
// main.ts calls startUpdater(settings) once after the window is up.
import { app } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from '../core/context.ts';
import { consoleLog } from '../core/context.ts';
import { decideUpdates, type UpdateDecision, type UpdateSettings } from './update-policy.ts';

export interface UpdaterOptions {
  log?: Log;
  /** How often to look for a new version after the first check. */
  intervalMs?: number;
  /** Called when a new version is downloaded; it is installed when the app quits. */
  onUpdateDownloaded?: (version: string) => void;
}

export interface UpdaterHandle {
  decision: UpdateDecision;
  /** Quit and install the downloaded update now, then start the new version. Only on the person's request. */
  restartNow(): void;
  stop(): void;
}

function packageType(): string | null {
  const file = join(process.resourcesPath, 'package-type');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
}

export async function startUpdater(settings: UpdateSettings, options: UpdaterOptions = {}): Promise<UpdaterHandle> {
  const log = options.log ?? consoleLog;
  const decision = decideUpdates(settings, { appImage: process.env.APPIMAGE, appDir: process.env.APPDIR, execPath: process.execPath, packageType: packageType(), isPackaged: app.isPackaged });
  if (decision.mode === 'off') {
    log.info(`updates: off (${decision.reason})`);
    return { decision, restartNow: () => {}, stop: () => {} };
  }
  // Loaded only when updating is on, so deb installs never load the updater at all.
  const { AppImageUpdater } = await import('electron-updater');
  const updater = new AppImageUpdater({ provider: 'generic', url: decision.url });
  updater.logger = { info: (m: unknown) => log.info(`updates: ${String(m)}`), warn: (m: unknown) => log.warn(`updates: ${String(m)}`), error: (m: unknown) => log.error(`updates: ${String(m)}`) };
  updater.autoDownload = true;
  // Never a restart on its own: a downloaded update installs on the next normal quit, or when the person asks.
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.on('update-downloaded', (info: { version: string }) => options.onUpdateDownloaded?.(info.version));
  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => log.warn(`updates: check against ${decision.url} failed`, error instanceof Error ? error.message : error));
  };
  check();
  const timer = setInterval(check, options.intervalMs ?? 4 * 60 * 60 * 1000);
  timer.unref();
  log.info(`updates: AppImage updates from ${decision.url}`);
  return { decision, restartNow: () => updater.quitAndInstall(), stop: () => clearInterval(timer) };
}
