// Building blocks of the bridge contract: a command is a request/response pair of schemas,
// an event is one payload schema. Capability files (contract-*.ts) declare theirs with these.
import { z } from 'zod';

export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CommandSpec<I, O> {
  return { input, output };
}

/** Commands that take no arguments still get an (empty, strict) object, so every call has one shape. */
export const noInput = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof ok>;
