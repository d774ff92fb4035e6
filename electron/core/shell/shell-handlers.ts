// Bridge handlers for the shell's app-independent state: the active app and badge counts.
// In Electron the main process also listens to `shell.activate` to show that app's view.
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { shellCommands } from '../bridge/contract-shell.ts';
import { badgeFromTitle } from './badges.ts';

type ShellHandlers = Pick<CommandHandlers, keyof typeof shellCommands>;

export function createShellHandlers(ctx: CoreContext): ShellHandlers {
  const badges: Record<string, number> = {};
  const setBadge = (appId: string, count: number) => {
    if (badges[appId] === count) return;
    badges[appId] = count;
    ctx.hub.emit('shell.badges', { ...badges });
  };
  ctx.shell.setBadge = setBadge;
  return {
    'shell.activate': async ({ appId }) => {
      if (!ctx.catalog.find(appId)) throw new Error(`no app with id "${appId}"`);
      ctx.shell.activeAppId = appId;
      ctx.hub.emit('shell.activate', { appId });
      return { appId };
    },
    'shell.badges': async () => ({ ...badges }),
    'shell.setPanel': async ({ panel }) => {
      ctx.shell.panel = panel;
      ctx.hub.emit('shell.panel', { panel });
      return { panel };
    },
    'shell.reportTitle': async ({ appId, title }) => {
      const entry = ctx.catalog.find(appId);
      if (!entry) throw new Error(`no app with id "${appId}"`);
      setBadge(appId, badgeFromTitle(entry.app.badge, title));
      return { ...badges };
    },
  };
}
