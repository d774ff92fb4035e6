// Builds the catalog source for the core services and its bridge commands: the list feeds the
// catalog, a change of list or status reaches the shell UI, and a change of the setting or the
// language asks the portal again.
import type { CommandHandlers } from '../bridge/contract.ts';
import type { catalogSourceCommands } from '../bridge/contract-catalog-source.ts';
import type { EventHub } from '../bridge/event-hub.ts';
import type { Log } from '../context.ts';
import type { Keyring } from '../secrets/keyring.ts';
import type { CatalogService } from './catalog.ts';
import { CatalogSource } from './catalog-source.ts';
import { catalogSecretName } from './catalog-source-settings.ts';
import type { SettingsService } from './settings-service.ts';
import type { UiLanguage } from './ui-language.ts';
import { nodeProxyEnvForSetting } from '../shell/proxy.ts';

type CatalogSourceHandlers = Pick<CommandHandlers, keyof typeof catalogSourceCommands>;

/** The language the shell UI speaks (renderer/src/i18n pickLanguage): the setting, else the desktop's locale. */
export function sourceLanguage(setting: 'auto' | 'nl' | 'en', locale: string): UiLanguage {
  if (setting !== 'auto') return setting;
  return locale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

export function createCatalogSource(options: { dataDir: string; settings: SettingsService; locale: string; keyring: Keyring; log: Log; sessionCookies?: ((url: string) => Promise<string | null>) | undefined }): { source: CatalogSource; connect(hub: EventHub, catalog: CatalogService): void } {
  const { settings } = options;
  let onChange = () => {};
  const source = new CatalogSource({
    dataDir: options.dataDir,
    setting: () => settings.get('catalog.source'),
    language: () => sourceLanguage(settings.get('general.locale'), options.locale),
    keyring: options.keyring,
    sessionCookies: options.sessionCookies,
    // The same proxy as the web apps (HTTP proxies; a PAC script means the session's variables).
    proxyEnv: () => nodeProxyEnvForSetting(settings.get('shell.proxy'), process.env).env,
    log: options.log,
    onChange: () => onChange(),
  });
  return {
    source,
    /** Where a change goes once the hub and the catalog exist; starts the first refresh. */
    connect(hub, catalog) {
      onChange = () => {
        hub.emit('catalog.changed', catalog.list());
        hub.emit('catalogSource.status', source.status());
      };
      settings.onChange(() => source.settingsChanged());
      source.start();
    },
  };
}

export function createCatalogSourceHandlers(source: CatalogSource, options: { settings: SettingsService; keyring: Keyring }): CatalogSourceHandlers {
  return {
    'catalogSource.status': async () => source.status(),
    'catalogSource.refresh': async () => (await source.refresh(), source.status()),
    'catalogSource.setSecret': async ({ secret }) => {
      // Only for a source that asks for one: a secret is never kept (or sent) for nothing.
      if (options.settings.get('catalog.source')?.auth !== 'secret') {
        throw new Error(options.settings.language() === 'nl' ? 'de lijst met apps van het portaal gebruikt geen gedeeld geheim' : "the portal's app list does not use a shared secret");
      }
      await options.keyring.set(catalogSecretName, secret);
      await source.refresh();
      return source.status();
    },
  };
}
