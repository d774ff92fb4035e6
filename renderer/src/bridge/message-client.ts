// The generic calling side of the bridge for transports that carry messages (the preview host's
// WebSocket; tests use it too): turns `api['settings.get']({})` into a call message and matches
// the reply. Generic over the contract through a Proxy: it imports the contract as types only.
import type { BridgeApi, EventName } from '../../../electron/core/bridge/contract.ts';
import type { BridgeError, BridgeErrorCode, ServerMessage } from '../../../electron/core/bridge/protocol.ts';

/** Thrown on the calling side when a command fails; carries the code from the other side. */
export class BridgeCallError extends Error {
  readonly code: BridgeErrorCode;
  constructor(error: BridgeError) {
    super(error.message);
    this.name = 'BridgeCallError';
    this.code = error.code;
  }
}

export interface MessageChannel {
  send(message: unknown): void;
  onMessage(listener: (message: ServerMessage) => void): void;
}

export function createBridgeClient(channel: MessageChannel): BridgeApi {
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  channel.onMessage((message) => {
    if (message.kind === 'event') {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(new BridgeCallError(message.error));
  });

  const on = (name: EventName, listener: (payload: unknown) => void) => {
    const set = listeners.get(name) ?? new Set();
    set.add(listener);
    listeners.set(name, set);
    return () => set.delete(listener);
  };

  return new Proxy({} as BridgeApi, {
    get(_target, name) {
      if (name === 'on') return on;
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (input: unknown) =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          channel.send({ kind: 'call', id, name, input: input ?? {} });
        });
    },
  });
}
