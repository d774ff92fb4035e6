// Bridge handlers for self-updates: the status the status bar shows and the person's "restart now".
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { updateCommands } from '../bridge/contract-updates.ts';

type UpdateHandlers = Pick<CommandHandlers, keyof typeof updateCommands>;

export function createUpdateHandlers(ctx: CoreContext): UpdateHandlers {
  return {
    'update.status': async () => ctx.updates.status(),
    'update.restart': async () => ({ restarting: ctx.updates.restartNow() }),
  };
}
