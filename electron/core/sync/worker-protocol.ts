// The small message protocol between the app and the sync engine in its own process (Electron
// utilityProcess in the app, child_process.fork under plain Node), and the session that runs an
// engine for it. In-process hosts (preview, tests) use the very same session, minus the process.
import type { DavOptions } from './dav-client.ts';
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
  | { type: 'stop' };

export type FromWorker =
  | { type: 'status'; status: EngineStatus }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'stopped' };

/** Runs one engine and answers the protocol's messages; `send` carries the answers back. */
export class EngineSession {
  private engine: SyncEngine | null = null;
  private tracker: StatusTracker | null = null;
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
        this.tracker = new StatusTracker(engine, (status) => this.send({ type: 'status', status }));
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
      case 'stop':
        await this.shutdown();
        this.send({ type: 'stopped' });
        return;
    }
  }

  private async shutdown(): Promise<void> {
    this.tracker?.dispose();
    this.tracker = null;
    await this.engine?.close();
    this.engine = null;
  }
}
