// The user's settings in the app: electron-store (a JSON file in the user data folder), behind the
// same SettingsStore interface the preview host and CLI use with a plain file.
import Store from 'electron-store';
import type { SettingsStore } from '../core/config/settings-store.ts';

export function createElectronSettingsStore(): SettingsStore {
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false });
  return {
    read: () => ({ ...store.store }),
    write: (values) => {
      store.store = values;
    },
  };
}

export function createWindowStateStore(): Store<Record<string, unknown>> {
  return new Store<Record<string, unknown>>({ name: 'window-state' });
}
