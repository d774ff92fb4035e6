// The sync engine runs in its own Electron utilityProcess (the RunAsNode fuse is off, so
// child_process.fork of the app binary would not work), speaking the worker protocol of
// electron/core/sync/worker-protocol.ts. The core's WorkerHost restarts it if it dies.
import { utilityProcess } from 'electron';
import type { WorkerLauncher } from '../core/sync/engine-host.ts';
import type { FromWorker } from '../core/sync/worker-protocol.ts';

/** A launcher that always forks the bundled worker (dist/worker/sync-worker.js), whatever entry the core names. */
export function utilityProcessLauncher(workerFile: string): WorkerLauncher {
  return () => {
    const child = utilityProcess.fork(workerFile, [], { serviceName: 'Werkplek sync', stdio: 'inherit' });
    return {
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as FromWorker)),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => void child.kill(),
    };
  };
}
