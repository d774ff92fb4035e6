// What every core service gets: settings, catalog, the event hub, a log, the keyring and the
// host's few side effects (opening a URL outside). Built once by services.ts.
import type { SettingsService } from './config/settings-service.ts';
import type { CatalogService } from './config/catalog.ts';
import type { EventHub } from './bridge/event-hub.ts';
import type { Keyring } from './secrets/keyring.ts';
import type { DemoServices } from './demo/demo-services.ts';
import type { ShellState } from './shell/shell-state.ts';
import type { UpdateNotice } from './updates/update-notice.ts';

export interface Log {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export interface CoreContext {
  version: string;
  host: 'electron' | 'preview';
  locale: string;
  /** Where Werkplek keeps its own state (journals, caches); not the user's synced folder. */
  dataDir: string;
  settings: SettingsService;
  catalog: CatalogService;
  hub: EventHub;
  log: Log;
  keyring: Keyring;
  demo: DemoServices | null;
  openExternal(url: string): Promise<void>;
  /** Mutable shell state shared between handlers. */
  shell: ShellState;
  /** Self-updates as the person sees them ('none' unless the Electron host starts AppImage updates). */
  updates: UpdateNotice;
}

export const consoleLog: Log = {
  info: (message, detail) => console.log(message, ...(detail === undefined ? [] : [detail])),
  warn: (message, detail) => console.warn(message, ...(detail === undefined ? [] : [detail])),
  error: (message, detail) => console.error(message, ...(detail === undefined ? [] : [detail])),
};
