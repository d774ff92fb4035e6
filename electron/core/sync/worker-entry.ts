// Entry of the sync engine's own process (utilityProcess in the app, fork in plain Node).
import { EngineSession, type FromWorker, type ToWorker } from './worker-protocol.ts';
import { connectToParent } from '../worker/parent-channel.ts';
import { trustSystemCertificates } from '../shell/system-certificates.ts';

const parent = connectToParent<ToWorker, FromWorker>('the sync worker');
const send = (message: FromWorker): void => parent.send(message);
trustSystemCertificates((message) => send({ type: 'log', level: 'warn', message: `sync worker: ${message}` }));

const session = new EngineSession(send);
const receive = (message: ToWorker): void => {
  session.handle(message).then(
    () => {
      if (message.type === 'stop') setImmediate(() => process.exit(0));
    },
    (error: unknown) => send({ type: 'log', level: 'error', message: `sync worker: ${(error as Error).message}` }),
  );
};

parent.onMessage(receive);
