// Entry of the notifier's own process (utilityProcess in the app, fork in tests). Runs one
// MatrixService; the keyring and the system browser are the app's, reached by host calls.
import { MatrixService } from './matrix-service.ts';
import type { Keyring } from '../secrets/keyring.ts';
import { connectToParent } from '../worker/parent-channel.ts';
import { trustSystemCertificates } from '../shell/system-certificates.ts';
import { toWireError, workerMethods, type FromWorker, type HostOp, type ToWorker, type WorkerSettings } from './worker-protocol.ts';

const parent = connectToParent<ToWorker, FromWorker>('the Matrix notifier worker');
const send = (message: FromWorker): void => parent.send(message);
trustSystemCertificates((message) => send({ type: 'log', level: 'warn', message: `notifier: ${message}` }));

let nextId = 1;
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
function hostCall(op: HostOp, args: string[]): Promise<unknown> {
  const id = nextId++;
  send({ type: 'host-call', id, op, args });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

const keyring: Keyring = {
  get: async (name) => (await hostCall('keyring.get', [name])) as string | null,
  set: async (name, secret) => void (await hostCall('keyring.set', [name, secret])),
  delete: async (name) => void (await hostCall('keyring.delete', [name])),
};

let settings: WorkerSettings | null = null;
let service: MatrixService | null = null;

function init(message: Extract<ToWorker, { type: 'init' }>): void {
  settings = message.settings;
  service = new MatrixService({
    keyring,
    dataDir: message.dataDir,
    settings: () => settings!,
    openExternal: async (url) => void (await hostCall('openExternal', [url])),
    log: {
      info: (m) => send({ type: 'log', level: 'info', message: m }),
      warn: (m) => send({ type: 'log', level: 'warn', message: m }),
      error: (m, d) => send({ type: 'log', level: 'error', message: d === undefined ? m : `${m}: ${String(d)}` }),
    },
    output: {
      status: (payload) => send({ type: 'output', name: 'status', payload }),
      notification: (payload) => send({ type: 'output', name: 'notification', payload }),
      withdraw: (payload) => send({ type: 'output', name: 'withdraw', payload }),
      unread: (payload) => send({ type: 'output', name: 'unread', payload }),
      decision: (payload) => send({ type: 'output', name: 'decision', payload }),
      emojiVerification: (payload) => send({ type: 'output', name: 'emojiVerification', payload }),
    },
    ...(message.pollTimeoutMs ? { pollTimeoutMs: message.pollTimeoutMs } : {}),
  });
  send({ type: 'output', name: 'status', payload: service.status() });
}

async function call(message: Extract<ToWorker, { type: 'call' }>): Promise<void> {
  try {
    if (!service) throw new Error('the notifier process was not initialised');
    if (!workerMethods.includes(message.method)) throw new Error(`unknown method ${String(message.method)}`);
    const method = service[message.method] as (...args: unknown[]) => unknown;
    const value = await method.apply(service, message.args);
    send({ type: 'reply', id: message.id, ok: true, value: value ?? null });
    if (message.method === 'dispose') setImmediate(() => process.exit(0));
  } catch (error) {
    send({ type: 'reply', id: message.id, ok: false, error: toWireError(error) });
  }
}

function receive(message: ToWorker): void {
  switch (message.type) {
    case 'init':
      init(message);
      break;
    case 'settings':
      settings = message.settings;
      break;
    case 'call':
      void call(message);
      break;
    case 'host-reply': {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value ?? null);
      else waiter?.reject(new Error(message.error?.message ?? 'host call failed'));
      break;
    }
  }
}

parent.onMessage(receive);
