// Matrix notifier: sign-in, the notification centre, do-not-disturb, unread counts.
import { z } from 'zod';
import { command, noInput } from './define.ts';

export const matrixStatusSchema = z.object({
  state: z.enum(['not-configured', 'signed-out', 'connecting', 'syncing', 'offline', 'needs-sign-in', 'error']),
  userId: z.string().nullable(),
  homeserver: z.string().nullable(),
  message: z.string().nullable(),
  unreadRooms: z.number().int(),
  highlightCount: z.number().int(),
});
export type MatrixStatus = z.infer<typeof matrixStatusSchema>;

export const matrixCommands = {
  'matrix.status': command(noInput, matrixStatusSchema),
} as const;

export const matrixEvents = {
  'matrix.status': matrixStatusSchema,
} as const;
