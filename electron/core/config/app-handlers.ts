// Bridge handlers for settings, policy and the catalog.
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { appCommands } from '../bridge/contract-app.ts';
import { join } from 'node:path';
import { safeExternalUrl } from '../shell/external-url.ts';
import { FaviconCache } from '../shell/favicons.ts';
import { nodeProxyEnvForSetting } from '../shell/proxy.ts';
import { discoverOrganisation, settingsFrom } from './organisation-config.ts';
import type { SettingKey } from './settings-schema.ts';

type AppHandlers = Pick<CommandHandlers, keyof typeof appCommands>;

export function createAppHandlers(ctx: CoreContext): AppHandlers {
  const { settings, catalog, hub } = ctx;
  const catalogChanged = () => {
    const list = catalog.list();
    hub.emit('catalog.changed', list);
    return list;
  };
  settings.onChange((view) => hub.emit('settings.changed', view));
  const proxyEnv = () => nodeProxyEnvForSetting(settings.get('shell.proxy'), process.env).env;
  const favicons = new FaviconCache({ file: join(ctx.dataDir, 'favicons.json'), proxyEnv });
  const appsForIcons = () => catalog.list().map((entry) => entry.app);
  return {
    'app.info': async () => ({
      version: ctx.version,
      host: ctx.host,
      locale: ctx.locale,
      demo: ctx.demo !== null,
      organisation: settings.policy.policy.organisation ?? null,
      theme: settings.policy.policy.theme ?? null,
    }),
    'catalog.favicons': async () => {
      // Answers with what is kept now; icons still missing arrive later as an event.
      void favicons.refresh(appsForIcons()).then((changed) => {
        if (changed) hub.emit('catalog.favicons', favicons.icons(appsForIcons()));
      });
      return favicons.icons(appsForIcons());
    },
    'settings.get': async () => settings.view(),
    'settings.set': async ({ key, value }) => {
      const view = settings.set(key, value);
      if (key.startsWith('apps.')) catalogChanged();
      return view;
    },
    'settings.reset': async ({ key }) => settings.reset(key),
    'catalog.list': async () => catalog.list(),
    'catalog.add': async ({ app }) => (catalog.add(app), catalogChanged()),
    'catalog.remove': async ({ id }) => (catalog.remove(id), catalogChanged()),
    'catalog.move': async ({ id, toIndex }) => (catalog.move(id, toIndex), catalogChanged()),
    'catalog.setEnabled': async ({ id, enabled }) => (catalog.setEnabled(id, enabled), catalogChanged()),
    'organisation.discover': async ({ address }) => {
      const found = await discoverOrganisation(address, { proxyEnv: proxyEnv() });
      if (!found.ok) return { ok: false, problem: found.problem, ...(found.detail ? { detail: found.detail } : {}) };
      const c = found.config;
      return { ok: true, url: found.url, organisation: c.organisation, ...(c.portal ? { portal: c.portal } : {}), ...(c.files ? { filesServer: c.files.server } : {}), ...(c.chat ? { chatHomeserver: c.chat.homeserver } : {}) };
    },
    'organisation.apply': async ({ address }) => {
      const found = await discoverOrganisation(address, { proxyEnv: proxyEnv() });
      if (!found.ok) throw new Error(`no configuration of the organisation at that address (${found.problem}${found.detail ? `: ${found.detail}` : ''})`);
      const applied: string[] = [];
      const locked: string[] = [];
      for (const [key, value] of Object.entries(settingsFrom(found.config, settings.get('apps.custom')))) {
        if (settings.isLocked(key as SettingKey)) {
          locked.push(key);
          continue;
        }
        settings.set(key as SettingKey, value);
        applied.push(key);
      }
      if (applied.includes('apps.custom')) catalogChanged();
      return { applied, locked };
    },
    'app.openExternal': async ({ url }) => {
      const safe = safeExternalUrl(url);
      if (!safe) throw new Error('only http, https and mailto links can be opened outside Werkplek');
      await ctx.openExternal(safe);
      return { ok: true as const };
    },
  };
}
