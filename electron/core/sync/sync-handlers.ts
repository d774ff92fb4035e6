// Bridge handlers for file sync.
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { SyncState } from '../bridge/contract-sync.ts';
import type { syncCommands } from '../bridge/contract-sync.ts';

type SyncHandlers = Pick<CommandHandlers, keyof typeof syncCommands>;

export function createSyncHandlers(ctx: CoreContext): SyncHandlers {
  const state = (): SyncState => ({
    state: 'not-configured',
    message: null,
    lastSyncAt: null,
    localDir: null,
    serverUrl: ctx.settings.get('sync.serverUrl') || null,
    progress: { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, etaSeconds: null },
    transfers: [],
    conflicts: [],
    errors: [],
  });
  return {
    'sync.state': async () => state(),
    'sync.pause': async () => state(),
    'sync.resume': async () => state(),
    'sync.now': async () => state(),
  };
}
