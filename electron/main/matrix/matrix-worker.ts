// The Matrix notifier in its own Electron utilityProcess (dist/worker/matrix-worker.js, built from
// electron/core/matrix/worker-entry.ts), with the notifier's V8 flags (process-flags.ts). Install it
// with setMatrixWorkerLauncher() before createCoreServices(); the core restarts it if it dies.
import { utilityProcess } from 'electron';
import { notifierExecArgv } from '../../core/matrix/process-flags.ts';
import type { FromWorker, MatrixWorkerLauncher } from '../../core/matrix/worker-protocol.ts';

/**
 * Always forks the bundled worker file, whatever entry the core names (its .ts source in
 * development). `proxyEnv` gives the proxy variables at each start (shell.proxy may change).
 */
export function matrixUtilityProcessLauncher(workerFile: string, proxyEnv: () => Record<string, string>): MatrixWorkerLauncher {
  return () => {
    const env = { ...process.env, ...proxyEnv() };
    const child = utilityProcess.fork(workerFile, [], { serviceName: 'Werkplek chat notifications', stdio: 'inherit', execArgv: [...notifierExecArgv], env });
    return {
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as FromWorker)),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => void child.kill(),
    };
  };
}
