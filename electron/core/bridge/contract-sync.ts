// File sync: state for the sync panel and status bar, and the user's controls.
import { z } from 'zod';
import { command, noInput } from './define.ts';

export const syncStateSchema = z.object({
  state: z.enum(['not-configured', 'idle', 'syncing', 'paused', 'offline', 'error', 'needs-confirmation', 'needs-sign-in']),
  message: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  localDir: z.string().nullable(),
  serverUrl: z.string().nullable(),
  progress: z.object({ filesDone: z.number(), filesTotal: z.number(), bytesDone: z.number(), bytesTotal: z.number(), etaSeconds: z.number().nullable() }),
  transfers: z.array(z.object({ path: z.string(), direction: z.enum(['up', 'down']), bytesDone: z.number(), bytesTotal: z.number() })),
  conflicts: z.array(z.object({ path: z.string(), conflictCopy: z.string(), at: z.string() })),
  errors: z.array(z.object({ path: z.string(), message: z.string(), action: z.string().nullable() })),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export const syncCommands = {
  'sync.state': command(noInput, syncStateSchema),
  'sync.pause': command(noInput, syncStateSchema),
  'sync.resume': command(noInput, syncStateSchema),
  'sync.now': command(noInput, syncStateSchema),
} as const;

export const syncEvents = {
  'sync.state': syncStateSchema,
} as const;
