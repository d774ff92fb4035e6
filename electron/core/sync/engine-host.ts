// Where the engine runs, seen from the sync service: in this process (preview host, tests) or in
// a child process speaking worker-protocol.ts (the app: Electron utilityProcess, so sync I/O
// never stalls the window). The main process supplies the launcher; core never imports electron.
import { forkWorker, type WorkerProcess as GenericWorkerProcess } from '../worker/worker-process.ts';
import { fileURLToPath } from 'node:url';
import { EngineSession, PendingReplies, type EngineConfig, type FromWorker, type ToWorker } from './worker-protocol.ts';
import type { ConflictChoice } from './conflicts.ts';
import type { EngineStatus } from './status.ts';

export interface EngineHost {
  send(message: ToWorker): void;
  /** Carries out a conflict's choice; rejects with the engine's reason. */
  resolveConflict(conflictCopy: string, choice: ConflictChoice): Promise<void>;
  onStatus(listener: (status: EngineStatus) => void): void;
  stop(): Promise<void>;
}

/** The child-process handle both utilityProcess.fork and child_process.fork can be adapted to. */
export type WorkerProcess = GenericWorkerProcess<ToWorker, FromWorker>;
export type WorkerLauncher = (entry: string) => WorkerProcess;

export const workerEntry = fileURLToPath(new URL('./worker-entry.ts', import.meta.url));

/** Plain Node launcher (child_process.fork); the Electron main process passes a utilityProcess one. */
export const forkNodeWorker: WorkerLauncher = (entry) => forkWorker(entry);

export class InProcessHost implements EngineHost {
  private readonly listeners = new Set<(status: EngineStatus) => void>();
  private readonly replies = new PendingReplies();
  private readonly session = new EngineSession((m) => {
    if (m.type === 'status') for (const l of this.listeners) l(m.status);
    else if (m.type === 'reply') this.replies.settle(m);
  });
  private queue: Promise<void> = Promise.resolve();

  resolveConflict(conflictCopy: string, choice: ConflictChoice): Promise<void> {
    return this.replies.ask((id) => this.send({ type: 'resolveConflict', id, conflictCopy, choice }));
  }

  send(message: ToWorker): void {
    this.queue = this.queue.then(() => this.session.handle(message)).catch(() => undefined);
  }

  onStatus(listener: (status: EngineStatus) => void): void {
    this.listeners.add(listener);
  }

  async stop(): Promise<void> {
    this.send({ type: 'stop' });
    await this.queue;
  }
}

export class WorkerHost implements EngineHost {
  private readonly listeners = new Set<(status: EngineStatus) => void>();
  private worker: WorkerProcess | null = null;
  private lastStart: EngineConfig | null = null;
  private readonly replies = new PendingReplies();
  private stopping = false;
  private restarts = 0;
  private readonly launch: WorkerLauncher;
  private readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;

  constructor(launch: WorkerLauncher, log: (level: 'info' | 'warn' | 'error', message: string) => void) {
    this.launch = launch;
    this.log = log;
  }

  private ensure(): WorkerProcess {
    if (this.worker) return this.worker;
    const worker = this.launch(workerEntry);
    worker.onMessage((m) => {
      if (m.type === 'status') for (const l of this.listeners) l(m.status);
      else if (m.type === 'log') this.log(m.level, m.message);
      else if (m.type === 'reply') this.replies.settle(m);
    });
    worker.onExit((code) => {
      if (this.worker === worker) this.worker = null;
      this.replies.failAll('the sync process ended; try again');
      if (this.stopping || !this.lastStart) return;
      // A crashed worker is restarted (the journal makes that safe), with a growing pause.
      this.log('warn', `sync worker exited (${code}); restarting`);
      const delay = Math.min(60_000, 1000 * 2 ** this.restarts++);
      setTimeout(() => {
        if (!this.stopping && this.lastStart) this.send({ type: 'start', config: this.lastStart });
      }, delay).unref?.();
    });
    this.worker = worker;
    return worker;
  }

  send(message: ToWorker): void {
    if (message.type === 'start') {
      this.lastStart = message.config;
      this.stopping = false;
    }
    this.ensure().postMessage(message);
  }

  onStatus(listener: (status: EngineStatus) => void): void {
    this.listeners.add(listener);
  }

  resolveConflict(conflictCopy: string, choice: ConflictChoice): Promise<void> {
    return this.replies.ask((id) => this.send({ type: 'resolveConflict', id, conflictCopy, choice }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((done) => {
      const timer = setTimeout(() => {
        worker.kill();
        done();
      }, 10_000);
      worker.onExit(() => {
        clearTimeout(timer);
        done();
      });
      worker.postMessage({ type: 'stop' });
    });
    this.worker = null;
  }
}
