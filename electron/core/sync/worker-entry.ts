// Entry of the sync engine's own process. Under Electron's utilityProcess messages come through
// process.parentPort; under child_process.fork (plain Node: tests, the preview host) through
// process.send / process.on('message'). Same EngineSession either way.
import { EngineSession, type FromWorker, type ToWorker } from './worker-protocol.ts';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: FromWorker): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

const session = new EngineSession(send);
const receive = (message: ToWorker): void => {
  session.handle(message).then(
    () => {
      if (message.type === 'stop') setImmediate(() => process.exit(0));
    },
    (error: unknown) => send({ type: 'log', level: 'error', message: `sync worker: ${(error as Error).message}` }),
  );
};

if (parentPort) parentPort.on('message', (event) => receive(event.data as ToWorker));
else if (process.send) process.on('message', (message) => receive(message as ToWorker));
else {
  process.stderr.write('worker-entry.ts runs as a child process of Werkplek (utilityProcess or fork)\n');
  process.exit(2);
}
// The parent going away must not leave an orphan syncing on its own.
process.on('disconnect', () => process.exit(0));
