// Bridge handlers for the shell: the active app, badges, tab layout and navigation, load states,
// permission notes and downloads. In Electron the main process also listens to `shell.activate`
// to show that app's view, and installs its tab manager as `ctx.shell.host`.
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { shellCommands } from '../bridge/contract-shell.ts';
import { badgeFromTitle } from './badges.ts';
import { DownloadsService } from './downloads.ts';
import { isAllowedNavigation } from './origins.ts';
import { isRemoteApp } from '../remote-apps/rdp-rules.ts';

type ShellHandlers = Pick<CommandHandlers, keyof typeof shellCommands>;

const maxNotes = 20;

export function createShellHandlers(ctx: CoreContext, options: { systemDownloads?: string } = {}): ShellHandlers {
  const shell = ctx.shell;
  shell.setBadge = (appId, count) => {
    if (shell.badges[appId] === count) return;
    shell.badges[appId] = count;
    ctx.hub.emit('shell.badges', { ...shell.badges });
  };
  shell.setLoadState = (state) => {
    shell.loadStates[state.appId] = state;
    ctx.hub.emit('shell.load', state);
  };
  shell.notePermission = (note) => {
    shell.permissionNotes = [note, ...shell.permissionNotes].slice(0, maxNotes);
    ctx.hub.emit('shell.permission', note);
  };
  const downloads = new DownloadsService({ settings: ctx.settings, hub: ctx.hub, log: ctx.log, ...(options.systemDownloads ? { systemDownloads: options.systemDownloads } : {}) });
  shell.downloads = downloads;
  const requireApp = (appId: string) => {
    const entry = ctx.catalog.find(appId);
    if (!entry) throw new Error(`no app with id "${appId}"`);
    return entry.app;
  };
  const ok = { ok: true as const };

  return {
    'shell.activate': async ({ appId, url, keepPanel }) => {
      const app = requireApp(appId);
      // A remote app has no tab: it runs in FreeRDP's window (remote.start), never in a web view.
      if (isRemoteApp(app)) throw new Error(`${app.name} is a remote app: it is started, not shown in a tab`);
      if (url !== undefined && !isAllowedNavigation(app, url, ctx.settings.get('shell.ssoOrigins'))) throw new Error(`${url} does not belong to ${app.name}`);
      shell.activeAppId = appId;
      // Showing an app closes an open panel (the renderer does the same on its side).
      if (shell.panel !== null && keepPanel !== true) {
        shell.panel = null;
        ctx.hub.emit('shell.panel', { panel: null });
      }
      ctx.hub.emit('shell.activate', url === undefined ? { appId } : { appId, url });
      return { appId };
    },
    'shell.badges': async () => ({ ...shell.badges }),
    'shell.setPanel': async ({ panel }) => {
      shell.panel = panel;
      ctx.hub.emit('shell.panel', { panel });
      return { panel };
    },
    'shell.reportTitle': async ({ appId, title }) => {
      const app = requireApp(appId);
      if (!shell.serviceCountedApps.has(appId)) shell.setBadge(appId, badgeFromTitle(app.badge, title));
      return { ...shell.badges };
    },
    'shell.layout': async (rect) => (shell.host.layout(rect), ok),
    'shell.navigate': async ({ appId, action }) => (requireApp(appId), shell.host.navigate(appId, action), ok),
    'shell.zoom': async ({ appId, step }) => (requireApp(appId), { level: shell.host.zoom(appId, step) }),
    'shell.find': async ({ text, forward, findNext }) => (shell.host.find(text, forward, findNext), ok),
    'shell.stopFind': async ({ closed }) => (shell.host.stopFind(closed), ok),
    'shell.loadStates': async () => ({ ...shell.loadStates }),
    'shell.online': async ({ online }) => (shell.host.online(online), ok),
    'shell.retry': async ({ appId }) => (requireApp(appId), shell.host.retry(appId), ok),
    'shell.downloads': async () => downloads.list(),
    'shell.download': async ({ appId, url }) => {
      const app = requireApp(appId);
      const allowed = (candidate: string) => isAllowedNavigation(app, candidate, ctx.settings.get('shell.ssoOrigins'));
      if (!allowed(url)) throw new Error(`${url} does not belong to ${app.name}; Werkplek only downloads from the app's own site`);
      if (shell.host.download) {
        shell.host.download(appId, url);
        return { id: '', appId, url, fileName: '', path: '', receivedBytes: 0, totalBytes: 0, state: 'progressing' as const, error: null, startedAt: Date.now() };
      }
      return downloads.fetchInto(appId, url, allowed);
    },
    'shell.downloadAction': async ({ id, action }) => {
      const entry = downloads.require(id);
      if (action === 'cancel') downloads.cancel(id);
      else if (action === 'remove') downloads.remove(id);
      else {
        if (entry.state !== 'completed') throw new Error('the download has not finished');
        if (action === 'open') await shell.host.openPath(entry.path);
        else shell.host.showInFolder(entry.path);
      }
      return downloads.list();
    },
    'shell.permissionNotes': async () => [...shell.permissionNotes],
  };
}
