// Remote apps (Windows applications over RDP, in FreeRDP's own window): start or reconnect one, and
// whether its session is starting, running or ended (and why). See core/remote-apps/.
import { z } from 'zod';
import { command, noInput } from './define.ts';

export const remoteSessionSchema = z.object({
  appId: z.string(),
  state: z.enum(['starting', 'running', 'ended']),
  reason: z.enum(['closed', 'auth-failed', 'password-expired', 'account', 'connect-failed', 'failed', 'no-client', 'cancelled', 'refused', 'unsupported', 'stopped']).nullable(),
  detail: z.string().nullable(),
  at: z.number(),
});
export type RemoteSession = z.infer<typeof remoteSessionSchema>;

export const remoteCommands = {
  'remote.sessions': command(noInput, z.record(z.string(), remoteSessionSchema)),
  /** Start the app's session (or reconnect an ended one); a starting or running one is left as it is. */
  'remote.start': command(z.object({ appId: z.string() }).strict(), remoteSessionSchema),
} as const;

export const remoteEvents = {
  'remote.session': remoteSessionSchema,
} as const;
