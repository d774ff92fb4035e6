// Bridge handlers for the Matrix notifier.
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import { matrixCommands } from '../bridge/contract-matrix.ts';

type MatrixHandlers = Pick<CommandHandlers, keyof typeof matrixCommands>;

export function createMatrixHandlers(ctx: CoreContext): MatrixHandlers {
  return {
    'matrix.status': async () => ({
      state: ctx.settings.get('matrix.homeserver') ? 'signed-out' : 'not-configured',
      userId: null,
      homeserver: ctx.settings.get('matrix.homeserver') || null,
      message: null,
      unreadRooms: 0,
      highlightCount: 0,
    }),
  };
}
