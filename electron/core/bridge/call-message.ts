// Validation of an incoming call: a message that is malformed gets an error reply, never an exception.
import { z } from 'zod';

export const callMessageSchema = z
  .object({ kind: z.literal('call'), id: z.number().int().nonnegative(), name: z.string().max(100), input: z.unknown() })
  .strict();
