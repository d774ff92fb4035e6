// The generic server side of the bridge: validates a call against the contract, runs its handler,
// validates the result. Used by the Electron IPC binding and the preview host's WebSocket alike.
import { z } from 'zod';
import { commands, type CommandHandlers, type CommandName } from './contract.ts';
import type { ReplyMessage } from './protocol.ts';
import { callMessageSchema } from './call-message.ts';

export interface DispatchLog {
  warn(message: string, detail?: unknown): void;
}

export type Dispatch = (raw: unknown) => Promise<ReplyMessage>;

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ');
}

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

export function createDispatcher(handlers: CommandHandlers, log: DispatchLog): Dispatch {
  return async (raw) => {
    const envelope = callMessageSchema.safeParse(raw);
    if (!envelope.success) {
      const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : -1;
      log.warn('bridge: malformed message rejected', describe(envelope.error));
      return { kind: 'reply', id, ok: false, error: { code: 'bad-message', message: describe(envelope.error) } };
    }
    const { id, name, input } = envelope.data;
    if (!isCommandName(name)) {
      log.warn(`bridge: unknown command "${name}" rejected`);
      return { kind: 'reply', id, ok: false, error: { code: 'unknown-command', message: `unknown command "${name}"` } };
    }
    const spec = commands[name];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      log.warn(`bridge: bad input for "${name}"`, describe(parsed.error));
      return { kind: 'reply', id, ok: false, error: { code: 'bad-input', message: describe(parsed.error) } };
    }
    let value: unknown;
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      value = await handler(parsed.data);
    } catch (error) {
      const message = error instanceof z.ZodError ? describe(error) : error instanceof Error ? error.message : String(error);
      log.warn(`bridge: "${name}" failed`, message);
      return { kind: 'reply', id, ok: false, error: { code: 'failed', message } };
    }
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      log.warn(`bridge: "${name}" returned a value outside the contract`, describe(checked.error));
      return { kind: 'reply', id, ok: false, error: { code: 'bad-output', message: describe(checked.error) } };
    }
    return { kind: 'reply', id, ok: true, value: checked.data };
  };
}
