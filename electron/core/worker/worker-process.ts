// The app's side of a worker process (sync engine, Matrix notifier): one handle shape that both
// Electron's utilityProcess.fork (electron/main) and child_process.fork (here) are adapted to.
import { fork } from 'node:child_process';

export interface WorkerProcess<ToWorker, FromWorker> {
  postMessage(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** Plain Node launcher, for tests, the CLI and the preview host. */
export function forkWorker<ToWorker, FromWorker>(entry: string): WorkerProcess<ToWorker, FromWorker> {
  const child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
  return {
    postMessage: (message) => child.send(message as object),
    onMessage: (listener) => child.on('message', (message) => listener(message as FromWorker)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => child.kill(),
  };
}
