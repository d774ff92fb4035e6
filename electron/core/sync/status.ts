// Folds the engine's events into the one SyncState the sync panel and status bar show, and tells
// listeners at most every `throttleMs` (thousands of small files must not flood the bridge).
import type { SyncState } from '../bridge/contract-sync.ts';
import type { ActivityLog } from './activity-log.ts';
import type { EngineEvents, ItemError, SyncEngine } from './engine.ts';

export type EngineStatus = Omit<SyncState, 'serverUrl' | 'user' | 'demo' | 'pendingLogin' | 'localDir'>;

const actionFor = (e: ItemError): string | null =>
  e.kind === 'auth' ? 'sign-in'
    : e.kind === 'quota' || e.kind === 'WaitingForSpace' || /disk is full/.test(e.message) ? 'free-space'
    : e.kind === 'locked' || e.kind === 'server' || e.kind === 'network' || e.kind === 'rateLimited' ? 'retry'
    : null;

const MAX_LIST = 200;

export function idleStatus(): EngineStatus {
  return {
    state: 'idle', message: null, lastSyncAt: null,
    progress: { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, etaSeconds: null },
    transfers: [], conflicts: [], activity: [], errors: [], skipped: [], confirmation: null,
  };
}

export class StatusTracker {
  private status: EngineStatus = idleStatus();
  private readonly transfers = new Map<string, EngineStatus['transfers'][number]>();
  private timer: NodeJS.Timeout | null = null;
  private readonly offs: Array<() => void> = [];
  private readonly onChange: (status: EngineStatus) => void;
  private readonly throttleMs: number;
  private readonly activity: ActivityLog | null;

  constructor(engine: SyncEngine, onChange: (status: EngineStatus) => void, throttleMs = 250, activity: ActivityLog | null = null) {
    this.onChange = onChange;
    this.throttleMs = throttleMs;
    this.activity = activity;
    // Conflicts and activity are kept across restarts: the panel shows them before the first run ends.
    this.status.conflicts = this.conflictList(engine.conflicts());
    if (activity) this.offs.push(activity.onChange(() => this.changed()));
    const on = <K extends keyof EngineEvents>(name: K, fn: (p: EngineEvents[K]) => void): void => {
      this.offs.push(engine.events.on(name, fn));
    };
    on('state', ({ state, message }) => {
      // A run starts: its problems replace the last run's. (Not at runStart: a run reports the
      // items it skips before that, right after reconciling.)
      if (state === 'syncing' && this.status.state !== 'syncing') {
        this.status.errors = [];
        this.status.skipped = [];
      }
      this.status.state = state;
      this.status.message = message;
      // A run while deletions are held keeps the question up (runEnd says whether it still stands).
      if (state !== 'needs-confirmation' && state !== 'syncing') this.status.confirmation = null;
      this.flush(true);
    });
    on('runStart', () => {
      this.transfers.clear();
      this.changed();
    });
    on('progress', (p) => {
      this.status.progress = p;
      this.changed();
    });
    on('transfer', (t) => {
      this.transfers.set(t.path, t);
      this.changed();
    });
    on('transferEnd', ({ path }) => {
      this.transfers.delete(path);
      this.changed();
    });
    on('itemError', (e) => {
      if (this.status.errors.length < MAX_LIST) this.status.errors.push({ path: e.path, kind: e.kind, message: e.message, action: actionFor(e) });
      this.changed();
    });
    on('issue', (i) => {
      if (this.status.skipped.length < MAX_LIST) this.status.skipped.push({ path: i.path, kind: i.kind, message: i.message });
      this.changed();
    });
    on('conflicts', (list) => {
      this.status.conflicts = this.conflictList(list);
      this.flush(true); // rare, and a person who just chose waits for it
    });
    on('runEnd', (s) => {
      this.transfers.clear();
      this.status.confirmation = s.confirmation;
      if (s.outcome === 'ok' || s.outcome === 'errors') this.status.lastSyncAt = new Date().toISOString();
      if (s.outcome === 'needs-sign-in') this.status.errors = [{ path: '', kind: 'auth', message: s.message ?? 'sign in again', action: 'sign-in' }];
      this.flush(true);
    });
  }

  private conflictList(list: EngineEvents['conflicts']): EngineStatus['conflicts'] {
    return list.slice(0, MAX_LIST).map(({ path, conflictCopy, at }) => ({ path, conflictCopy, at }));
  }

  get current(): EngineStatus {
    return { ...this.status, transfers: [...this.transfers.values()].slice(0, 20), activity: this.activity?.list() ?? [] };
  }

  private changed(): void {
    this.timer ??= setTimeout(() => this.flush(true), this.throttleMs);
  }

  private flush(now: boolean): void {
    if (!now) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.onChange(this.current);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const off of this.offs) off();
  }
}
