// The small message protocol between the app and the sync engine in its own process (Electron
// utilityProcess in the app, child_process.fork under plain Node), and the session that runs an
// engine for it. In-process hosts (preview, tests) use the very same session, minus the process.
import type { DavOptions } from './dav-client.ts';
import { ActivityLog, activityFileFor } from './activity-log.ts';
import type { ConflictChoice } from './conflicts.ts';
import { SyncEngine } from './engine.ts';
import { engineOptionsFrom } from './engine-options.ts';
import { StatusTracker, type EngineStatus } from './status.ts';

/** Everything an engine needs, as plain JSON (it crosses a process boundary). */
export interface EngineConfig {
  localDir: string;
  server: DavOptions;
  journalFile: string;
  parallel: number;
  deleteThreshold: number;
  excluded: string[];
  excludeFile: string | null;
  pollIntervalSeconds: number;
  /** KiB/s, 0 = unlimited (throttle.ts, through the StreamWrapper seam). */
  uploadLimitKiBps: number;
  downloadLimitKiBps: number;
  /** MiB left free on the disk by downloads; null = automatic (free-space.ts). Absent in older configs. */
  freeSpaceReserveMiB?: number | null;
}

export type ToWorker =
  | { type: 'start'; config: EngineConfig }
  | { type: 'syncNow' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'confirmDeletes'; accept: boolean }
  /** Answered by a 'reply' with the same id. */
  | { type: 'resolveConflict'; id: number; conflictCopy: string; choice: ConflictChoice }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'status'; status: EngineStatus }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'reply'; id: number; error: string | null }
  | { type: 'stopped' };

/** The app's side of requests: each waits for the reply with its id (or the worker's end). */
export class PendingReplies {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  ask(send: (id: number) => void): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      send(id);
    });
  }

  settle(reply: { id: number; error: string | null }): void {
    const waiter = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (reply.error === null) waiter?.resolve();
    else waiter?.reject(new Error(reply.error));
  }

  failAll(why: string): void {
    for (const waiter of this.waiting.values()) waiter.reject(new Error(why));
    this.waiting.clear();
  }
}

/** Runs one engine and answers the protocol's messages; `send` carries the answers back. */
export class EngineSession {
  private engine: SyncEngine | null = null;
  private tracker: StatusTracker | null = null;
  private stopActivity: (() => void) | null = null;
  private readonly send: (message: FromWorker) => void;

  constructor(send: (message: FromWorker) => void) {
    this.send = send;
  }

  async handle(message: ToWorker): Promise<void> {
    switch (message.type) {
      case 'start': {
        await this.shutdown();
        const engine = new SyncEngine(engineOptionsFrom(message.config));
        this.engine = engine;
        const activity = new ActivityLog(activityFileFor(message.config.journalFile));
        this.stopActivity = activity.follow(engine);
        this.tracker = new StatusTracker(engine, (status) => this.send({ type: 'status', status }), 250, activity);
        engine.events.on('runEnd', (s) => {
          if (s.outcome === 'failed') this.send({ type: 'log', level: 'warn', message: `sync: ${s.message}` });
        });
        engine.start();
        return;
      }
      case 'syncNow':
        void this.engine?.syncNow();
        return;
      case 'pause':
        this.engine?.pause();
        return;
      case 'resume':
        this.engine?.resume();
        return;
      case 'confirmDeletes':
        void this.engine?.confirmDeletes(message.accept);
        return;
      case 'resolveConflict': {
        const { id } = message;
        if (!this.engine) this.send({ type: 'reply', id, error: 'sync is not running' });
        else {
          this.engine.resolveConflict(message.conflictCopy, message.choice).then(
            () => this.send({ type: 'reply', id, error: null }),
            (error: unknown) => this.send({ type: 'reply', id, error: (error as Error).message }),
          );
        }
        return;
      }
      case 'stop':
        await this.shutdown();
        this.send({ type: 'stopped' });
        return;
    }
  }

  private async shutdown(): Promise<void> {
    this.tracker?.dispose();
    this.tracker = null;
    this.stopActivity?.();
    this.stopActivity = null;
    await this.engine?.close();
    this.engine = null;
  }
}
