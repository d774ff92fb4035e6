// The wire format shared by both transports. Every incoming message is validated: a message that
// is malformed or names an unknown command gets an error reply, never an exception.
import { z } from 'zod';

export const callMessageSchema = z
  .object({ kind: z.literal('call'), id: z.number().int().nonnegative(), name: z.string().max(100), input: z.unknown() })
  .strict();
export type CallMessage = z.infer<typeof callMessageSchema>;

export type BridgeErrorCode = 'bad-message' | 'unknown-command' | 'bad-input' | 'failed' | 'bad-output';
export interface BridgeError {
  code: BridgeErrorCode;
  message: string;
}

export type ReplyMessage =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: BridgeError };

export interface EventMessage {
  kind: 'event';
  name: string;
  payload: unknown;
}

export type ServerMessage = ReplyMessage | EventMessage;

/** Thrown on the calling side when a command fails; carries the code from the other side. */
export class BridgeCallError extends Error {
  readonly code: BridgeErrorCode;
  constructor(error: BridgeError) {
    super(error.message);
    this.name = 'BridgeCallError';
    this.code = error.code;
  }
}
