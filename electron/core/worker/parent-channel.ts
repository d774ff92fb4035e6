// The message channel of a Werkplek worker process to the app that started it: Electron's
// utilityProcess gives process.parentPort; child_process.fork (plain Node: tests, the preview
// host) gives process.send / process.on('message'). Workers use this and never care which.

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export interface ParentChannel<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

/**
 * Connects to the parent, or exits with a message when this file was started on its own.
 * The parent going away ends the worker, so none is left running on its own.
 */
export function connectToParent<In, Out>(workerName: string): ParentChannel<In, Out> {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (!parentPort && !process.send) {
    process.stderr.write(`${workerName} runs as a child process of Werkplek (utilityProcess or fork)\n`);
    process.exit(2);
  }
  process.on('disconnect', () => process.exit(0));
  return {
    send: (message) => (parentPort ? parentPort.postMessage(message) : process.send?.(message)),
    onMessage: (listener) => {
      if (parentPort) parentPort.on('message', (event) => listener(event.data as In));
      else process.on('message', (message) => listener(message as In));
    },
  };
}
