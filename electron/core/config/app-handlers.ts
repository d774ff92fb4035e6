// Bridge handlers for settings, policy and the catalog.
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { appCommands } from '../bridge/contract-app.ts';
import { join } from 'node:path';
import { safeExternalUrl } from '../shell/external-url.ts';
import { FaviconCache } from '../shell/favicons.ts';
import { nodeProxyEnvForSetting } from '../shell/proxy.ts';

type AppHandlers = Pick<CommandHandlers, keyof typeof appCommands>;

export function createAppHandlers(ctx: CoreContext): AppHandlers {
  const { settings, catalog, hub } = ctx;
  const catalogChanged = () => {
    const list = catalog.list();
    hub.emit('catalog.changed', list);
    return list;
  };
  settings.onChange((view) => hub.emit('settings.changed', view));
  const favicons = new FaviconCache({ file: join(ctx.dataDir, 'favicons.json'), proxyEnv: () => nodeProxyEnvForSetting(settings.get('shell.proxy'), process.env).env });
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
    'app.openExternal': async ({ url }) => {
      const safe = safeExternalUrl(url);
      if (!safe) throw new Error('only http, https and mailto links can be opened outside Werkplek');
      await ctx.openExternal(safe);
      return { ok: true as const };
    },
  };
}
