// What sync did lately (the Files panel's activity list): the newest ACTIVITY_LIMIT changes, kept
// in a small JSON file beside the journal (Werkplek's data folder) so they survive a restart.
// Written whole through a temp file and rename, at most once a second while a run goes on.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { syncActivityKinds } from '../bridge/contract-sync.ts';
import type { EngineEvents, SyncEngine } from './engine.ts';
import type { SyncAction } from './model.ts';

export const ACTIVITY_LIMIT = 100;
const WRITE_DELAY_MS = 1000;

export type ActivityKind = (typeof syncActivityKinds)[number];

export interface ActivityEntry {
  at: string;
  kind: ActivityKind;
  /** Relative to the sync folder (for a move: where it is now). */
  path: string;
  /** A move's old place; null otherwise. */
  from: string | null;
}

/** One activity file per sync pair, named after its journal. */
export const activityFileFor = (journalFile: string): string =>
  join(dirname(journalFile), `${basename(journalFile, extname(journalFile))}.activity.json`);

const kindOf = (a: SyncAction): ActivityKind | null => {
  switch (a.kind) {
    case 'upload': return 'uploaded';
    case 'download': return 'downloaded';
    case 'deleteLocal': return 'deletedHere';
    case 'deleteRemote': return 'deletedOnServer';
    case 'moveLocal': return 'movedHere';
    case 'moveRemote': return 'movedOnServer';
    default: return null; // folders made, journal-only steps; a conflict is told by its own event
  }
};

const choiceKind = { mine: 'keptMine', theirs: 'keptTheirs', both: 'keptBoth' } as const;

const isEntry = (e: unknown): e is ActivityEntry => {
  const x = e as ActivityEntry;
  return typeof x?.at === 'string' && typeof x.path === 'string' && (syncActivityKinds as readonly string[]).includes(x.kind) && (x.from === null || typeof x.from === 'string');
};

export class ActivityLog {
  private readonly file: string;
  private readonly limit: number;
  private entries: ActivityEntry[];
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(file: string, limit = ACTIVITY_LIMIT) {
    this.file = file;
    this.limit = limit;
    this.entries = this.read();
  }

  /** A missing or unreadable file starts an empty list (it is only a history). */
  private read(): ActivityEntry[] {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(parsed) ? parsed.filter(isEntry).slice(0, this.limit) : [];
    } catch {
      return [];
    }
  }

  /** Newest first. */
  list(): ActivityEntry[] {
    return [...this.entries];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  add(kind: ActivityKind, path: string, from: string | null = null, at = new Date()): void {
    const last = this.entries[0];
    // An upload refused as changed there becomes a conflict: that one line says it.
    if (last?.kind === 'conflict' && last.path === path && (kind === 'uploaded' || kind === 'downloaded')) return;
    this.entries = [{ at: at.toISOString(), kind, path, from }, ...this.entries].slice(0, this.limit);
    this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
    this.timer.unref?.();
    for (const listener of this.listeners) listener();
  }

  /** Writes the list now if it changed; a failure (a full disk) only costs history. */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.tmp`;
      writeFileSync(temp, JSON.stringify(this.entries), { mode: 0o600 });
      renameSync(temp, this.file);
    } catch {
      // kept in memory; the next change tries again
    }
  }

  /** Records what `engine` does until the returned function is called. */
  follow(engine: SyncEngine): () => void {
    const offs = [
      engine.events.on('item', ({ action }: EngineEvents['item']) => {
        const kind = kindOf(action);
        if (kind) this.add(kind, 'to' in action ? action.to : action.path, 'from' in action ? action.from : null);
      }),
      engine.events.on('conflict', ({ path }) => this.add('conflict', path)),
      engine.events.on('resolved', ({ path, choice }) => this.add(choiceKind[choice], path)),
      engine.events.on('runEnd', () => this.flush()),
    ];
    return () => {
      for (const off of offs) off();
      this.flush();
    };
  }
}
