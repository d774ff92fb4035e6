// The catalog source (the portal's app list) as the status bar shows it: nothing while it is fine,
// else why the last good list is what the sidebar shows (electron/core/config/catalog-source.ts).
import { z } from 'zod';
import { command, noInput } from './define.ts';

export const catalogSourceStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('loading') }),
  z.object({ state: z.literal('ok'), fetchedAt: z.string(), dropped: z.number().int() }),
  z.object({
    state: z.literal('stale'),
    problem: z.enum(['unreachable', 'signed-out', 'http', 'too-large', 'not-json', 'not-navigation', 'no-usable-entries', 'no-secret']),
    httpStatus: z.number().int().nullable(),
    fetchedAt: z.string().nullable(),
  }),
]);

export const catalogSourceCommands = {
  'catalogSource.status': command(noInput, catalogSourceStatusSchema),
  /** Ask the portal again now (the status bar's "Try again"); answers when that is done. */
  'catalogSource.refresh': command(noInput, catalogSourceStatusSchema),
  /** The portal's shared secret (`auth: "secret"`), as IT hands it out: kept in the keyring, then the portal is asked again. */
  'catalogSource.setSecret': command(z.object({ secret: z.string().trim().min(1).max(1000) }).strict(), catalogSourceStatusSchema),
} as const;

export const catalogSourceEvents = {
  'catalogSource.status': catalogSourceStatusSchema,
} as const;
