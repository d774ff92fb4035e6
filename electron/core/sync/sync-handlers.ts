// Bridge handlers for file sync: a thin layer over SyncService. In the Electron app the main
// process installs a utilityProcess launcher first (setSyncWorkerLauncher), so the engine runs in
// its own process; without one (preview host, tests) it runs in this process.
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { syncCommands } from '../bridge/contract-sync.ts';
import type { syncAccountCommands } from '../bridge/contract-sync-accounts.ts';
import { SyncAccounts } from './sync-accounts.ts';
import { InProcessHost, WorkerHost, type WorkerLauncher } from './engine-host.ts';
import { SyncService } from './sync-service.ts';
import { chooseLocalFolder, openSyncItem } from './sync-items.ts';
import { homedir } from 'node:os';
import { AccountProblem, inLanguage } from './account-texts.ts';

type SyncHandlers = Pick<CommandHandlers, keyof typeof syncCommands | keyof typeof syncAccountCommands>;

let launcher: WorkerLauncher | null = null;
const services = new WeakMap<CoreContext, { first: SyncService; added: SyncAccounts }>();

/** Main process: run the engine in a utilityProcess. Call before createCoreServices. */
export function setSyncWorkerLauncher(launch: WorkerLauncher | null): void {
  launcher = launch;
}

/** Stops the engine (and its process) of this core; call on quit. */
export async function stopSync(ctx: CoreContext): Promise<void> {
  const running = services.get(ctx);
  services.delete(ctx);
  await Promise.all([running?.first.close(), running?.added.close()]);
}

export function createSyncHandlers(ctx: CoreContext): SyncHandlers {
  // One engine host (in the app: one process) per account.
  const newHost = () => (launcher ? new WorkerHost(launcher, (level, message) => ctx.log[level](message)) : new InProcessHost());
  const service = new SyncService(ctx, newHost());
  const added = new SyncAccounts(ctx, newHost);
  services.set(ctx, { first: service, added });
  /** The first account's service, or an added account's. */
  const of = (account: string | undefined): SyncService => (account === undefined ? service : added.service(account));
  /** Problems with a typed address or a sign-in answer reach the person in their language. */
  const said = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw inLanguage(error, ctx.settings.language());
    }
  };
  const ready = service.apply().catch((error: unknown) => {
    ctx.log.error(`sync could not start: ${(error as Error).message}`);
    return service.state();
  });
  return {
    'sync.state': async () => (await ready, service.state()),
    'sync.pause': async ({ account }) => of(account).pause(),
    'sync.resume': async ({ account }) => (await of(account).apply(), of(account).resume()),
    'sync.now': async ({ account }) => (await of(account).apply(), of(account).syncNow()),
    'sync.confirmDeletes': async ({ accept, account }) => of(account).confirmDeletes(accept),
    'sync.openFolder': async ({ account }) => said(async () => {
      const dir = of(account).state().localDir;
      if (!dir) throw new AccountProblem('noSyncFolder');
      await ctx.shell.host.openPath(dir);
      return { ok: true };
    }),
    'sync.resolveConflict': async ({ conflictCopy, choice, account }) => of(account).resolveConflict(conflictCopy, choice),
    'sync.openItem': async ({ path, action, account }) => openSyncItem(ctx.shell.host, of(account).state().localDir, path, action),
    'sync.chooseLocalFolder': async () => ({ path: await chooseLocalFolder(ctx.shell.host, service.state().localDir ?? homedir()) }),
    'sync.startLogin': async ({ server, account }) => said(() => of(account).startLogin(server)),
    'sync.cancelLogin': async ({ account }) => of(account).cancelLogin(),
    'sync.signIn': async ({ server, user, appPassword, account }) => said(() => of(account).signIn(server, user, appPassword)),
    'sync.signOut': async ({ account }) => of(account).signOut(),
    'sync.serverFolders': async ({ path }) => ({ folders: await service.serverFolders(path) }),
    'sync.ignorePatterns': async () => ({ text: await service.ignorePatterns() }),
    'sync.setIgnorePatterns': async ({ text }) => service.setIgnorePatterns(text),
    'sync.accounts': async () => added.view(),
    'sync.addAccount': async (input) => said(() => added.add(input)),
    'sync.removeAccount': async ({ account }) => added.remove(account),
  };
}
