// Self-updates as the person sees them: nothing, or a downloaded update that a restart installs.
// Only an AppImage updates itself; deb installs, policy off and the preview host always say 'none'.
import { z } from 'zod';
import { command, noInput } from './define.ts';

export const updateStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('none') }),
  /** Downloaded and waiting: installed at the next restart (now, if asked, or the next normal quit). */
  z.object({ state: z.literal('ready'), version: z.string() }),
]);
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const updateCommands = {
  'update.status': command(noInput, updateStatusSchema),
  /** The person chose "Restart to update": quit and install now. Only when an update is ready. */
  'update.restart': command(noInput, z.object({ restarting: z.boolean() })),
} as const;

export const updateEvents = {
  'update.status': updateStatusSchema,
} as const;
