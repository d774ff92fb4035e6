// The user's settings in the app: electron-store (a JSON file in the user data folder), behind the
// same SettingsStore interface the preview host and CLI use with a plain file.
import Store from 'electron-store';
import { app } from 'electron';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsStore } from '../core/config/settings-store.ts';

/**
 * Opens a store; a file that is not valid JSON (a crash mid-write by another tool, a bad hand
 * edit) is kept aside as `NAME.json.broken-TIMESTAMP` and the store starts empty, instead of the
 * app failing to start. Nothing is deleted.
 */
function openStore(name: string, warn: (message: string) => void): Store<Record<string, unknown>> {
  try {
    return new Store<Record<string, unknown>>({ name, clearInvalidConfig: false });
  } catch (error) {
    const file = join(app.getPath('userData'), `${name}.json`);
    if (!existsSync(file)) throw error;
    const aside = `${file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    warn(`settings: ${file} could not be read (${error instanceof Error ? error.message : String(error)}); kept it as ${aside} and started with defaults`);
    return new Store<Record<string, unknown>>({ name, clearInvalidConfig: false });
  }
}

export function createElectronSettingsStore(warn: (message: string) => void = console.warn): SettingsStore {
  const store = openStore('settings', warn);
  return {
    read: () => ({ ...store.store }),
    write: (values) => {
      store.store = values;
    },
  };
}

export function createWindowStateStore(warn: (message: string) => void = console.warn): Store<Record<string, unknown>> {
  return openStore('window-state', warn);
}
