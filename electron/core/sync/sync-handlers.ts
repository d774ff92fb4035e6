// Bridge handlers for file sync: a thin layer over SyncService. In the Electron app the main
// process installs a utilityProcess launcher first (setSyncWorkerLauncher), so the engine runs in
// its own process; without one (preview host, tests) it runs in this process.
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { syncCommands } from '../bridge/contract-sync.ts';
import { InProcessHost, WorkerHost, type WorkerLauncher } from './engine-host.ts';
import { SyncService } from './sync-service.ts';
import { chooseLocalFolder, openSyncItem } from './sync-items.ts';
import { homedir } from 'node:os';

type SyncHandlers = Pick<CommandHandlers, keyof typeof syncCommands>;

let launcher: WorkerLauncher | null = null;
const services = new WeakMap<CoreContext, SyncService>();

/** Main process: run the engine in a utilityProcess. Call before createCoreServices. */
export function setSyncWorkerLauncher(launch: WorkerLauncher | null): void {
  launcher = launch;
}

/** Stops the engine (and its process) of this core; call on quit. */
export async function stopSync(ctx: CoreContext): Promise<void> {
  await services.get(ctx)?.close();
  services.delete(ctx);
}

export function createSyncHandlers(ctx: CoreContext): SyncHandlers {
  const host = launcher ? new WorkerHost(launcher, (level, message) => ctx.log[level](message)) : new InProcessHost();
  const service = new SyncService(ctx, host);
  services.set(ctx, service);
  const ready = service.apply().catch((error: unknown) => {
    ctx.log.error(`sync could not start: ${(error as Error).message}`);
    return service.state();
  });
  return {
    'sync.state': async () => (await ready, service.state()),
    'sync.pause': async () => service.pause(),
    'sync.resume': async () => (await service.apply(), service.resume()),
    'sync.now': async () => (await service.apply(), service.syncNow()),
    'sync.confirmDeletes': async ({ accept }) => service.confirmDeletes(accept),
    'sync.openFolder': async () => {
      const dir = service.state().localDir;
      if (!dir) throw new Error('there is no sync folder yet: sign in first');
      await ctx.shell.host.openPath(dir);
      return { ok: true };
    },
    'sync.resolveConflict': async ({ conflictCopy, choice }) => service.resolveConflict(conflictCopy, choice),
    'sync.openItem': async ({ path, action }) => openSyncItem(ctx.shell.host, service.state().localDir, path, action),
    'sync.chooseLocalFolder': async () => ({ path: await chooseLocalFolder(ctx.shell.host, service.state().localDir ?? homedir()) }),
    'sync.startLogin': async ({ server }) => service.startLogin(server),
    'sync.cancelLogin': async () => service.cancelLogin(),
    'sync.signIn': async ({ server, user, appPassword }) => service.signIn(server, user, appPassword),
    'sync.signOut': async () => service.signOut(),
    'sync.serverFolders': async ({ path }) => ({ folders: await service.serverFolders(path) }),
    'sync.ignorePatterns': async () => ({ text: await service.ignorePatterns() }),
    'sync.setIgnorePatterns': async ({ text }) => service.setIgnorePatterns(text),
  };
}
