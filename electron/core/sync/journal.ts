// The sync journal: for every path, the local and remote state at the last successful sync.
// node:sqlite (built into Node 24 and Electron's Node, so no native module), WAL mode. Records are
// written and committed in small groups (see GROUP_COMMIT_MS; reads see them at once): a crash
// loses at most the actions of those last milliseconds, which the next run redoes by comparing
// states again (a file found on both sides without a journal entry is compared byte for byte:
// same bytes are simply recorded).
// synchronous=NORMAL is durable across a process crash (kill -9); a power cut may roll back the
// last commits, which is equally safe.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JournalEntry, SyncPath } from './model.ts';
import { isUnder } from './paths.ts';

const SCHEMA_VERSION = 1;
/**
 * Finished actions are committed together at most this long after the first of them (or after
 * GROUP_COMMIT_ROWS). A commit of its own per action cost ~50 µs each (105–112 ms for the 2,101
 * records of bench a's first sync, a tenth of the engine's CPU there); grouped, 36–39 ms.
 */
const GROUP_COMMIT_MS = 20;
const GROUP_COMMIT_ROWS = 256;

interface Row {
  path: string;
  type: string;
  local_inode: number;
  local_size: number;
  local_mtime: number;
  remote_etag: string;
  remote_fileid: string | null;
  remote_perms: string | null;
  remote_size: number;
  remote_mtime: number;
}

const fromRow = (r: Row): JournalEntry => ({
  path: r.path,
  type: r.type === 'dir' ? 'dir' : 'file',
  localInode: r.local_inode,
  localSize: r.local_size,
  localMtimeMs: r.local_mtime,
  remoteEtag: r.remote_etag,
  remoteFileId: r.remote_fileid,
  remotePermissions: r.remote_perms,
  remoteSize: r.remote_size,
  remoteMtimeMs: r.remote_mtime,
});

const COLUMNS = 'path, type, local_inode, local_size, local_mtime, remote_etag, remote_fileid, remote_perms, remote_size, remote_mtime';
type RowArray = [string, string, number, number, number, string, string | null, string | null, number, number];

const fromArray = (r: RowArray): JournalEntry => ({
  path: r[0],
  type: r[1] === 'dir' ? 'dir' : 'file',
  localInode: r[2],
  localSize: r[3],
  localMtimeMs: r[4],
  remoteEtag: r[5],
  remoteFileId: r[6],
  remotePermissions: r[7],
  remoteSize: r[8],
  remoteMtimeMs: r[9],
});

/**
 * Opens the journal; a corrupt one ("file is not a database") is renamed aside and a new one
 * started. An empty journal makes the next run a first sync: the union of both sides, no
 * deletions, differing files kept as conflict copies. Nothing is lost either way.
 */
function openOrSetAside(file: string): DatabaseSync {
  const open = (): DatabaseSync => {
    const db = new DatabaseSync(file);
    try {
      // Checkpoints (the only fsyncs in WAL + NORMAL) every 10,000 pages instead of 1,000: not
      // several times in the middle of a big first sync, where each stalled the uploads (bench a).
      // Closing checkpoints too; the WAL file is cut back to 4 MiB after each checkpoint.
      db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=10000; PRAGMA journal_size_limit=4194304;');
      db.prepare("SELECT count(*) FROM sqlite_master").get();
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  };
  try {
    return open();
  } catch (error) {
    if (!/not a database|malformed|corrupt/i.test((error as Error).message)) throw error;
    const aside = `${file}.corrupt-${Date.now()}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    return open();
  }
}

export class Journal {
  readonly file: string;
  private readonly db: DatabaseSync;
  private readonly upsert: StatementSync;
  private readonly remove: StatementSync;
  private readonly getOne: StatementSync;
  /** Writes since the open group began (0: no transaction open). */
  private pending = 0;
  private commitTimer: NodeJS.Timeout | null = null;
  /** Savepoints open (transaction() nests): a group is never committed inside one. */
  private depth = 0;
  /** Finished actions of the open group not inserted yet (see put). */
  private queued: JournalEntry[] = [];
  /** A commit by the timer that failed (a full disk): thrown by the next write or flush. */
  private failure: Error | null = null;

  constructor(file: string) {
    this.file = file;
    mkdirSync(dirname(file), { recursive: true });
    this.db = openOrSetAside(file);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS entries (
        path TEXT PRIMARY KEY, type TEXT NOT NULL,
        local_inode INTEGER NOT NULL, local_size INTEGER NOT NULL, local_mtime REAL NOT NULL,
        remote_etag TEXT NOT NULL, remote_fileid TEXT, remote_perms TEXT,
        remote_size INTEGER NOT NULL, remote_mtime REAL NOT NULL);`);
    this.db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema', String(SCHEMA_VERSION));
    this.upsert = this.db.prepare(`INSERT OR REPLACE INTO entries
      (path, type, local_inode, local_size, local_mtime, remote_etag, remote_fileid, remote_perms, remote_size, remote_mtime)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.remove = this.db.prepare('DELETE FROM entries WHERE path = ?');
    this.getOne = this.db.prepare('SELECT * FROM entries WHERE path = ?');
  }

  /**
   * Every entry. Rows are read one at a time as arrays, not all at once as objects: for 100,000
   * entries that is ~40 MB of memory instead of ~135 MB (bench d), and faster.
   */
  all(): Map<SyncPath, JournalEntry> {
    this.insertQueued();
    const stmt = this.db.prepare(`SELECT ${COLUMNS} FROM entries`);
    const result = new Map<SyncPath, JournalEntry>();
    if (typeof stmt.setReturnArrays !== 'function') {
      for (const r of stmt.iterate() as Iterable<Row>) result.set(r.path, fromRow(r));
      return result;
    }
    stmt.setReturnArrays(true);
    for (const r of stmt.iterate() as unknown as Iterable<RowArray>) result.set(r[0], fromArray(r));
    return result;
  }

  get(path: SyncPath): JournalEntry | null {
    this.insertQueued();
    const row = this.getOne.get(path) as unknown as Row | undefined;
    return row ? fromRow(row) : null;
  }

  put(e: JournalEntry): void {
    // Queued, then inserted together with the rest of its group (at the commit, or before any other
    // use of the journal): inserted one at a time between transfers, each found sqlite's code and
    // pages gone from the CPU caches. Bench a's 2,101 records: 15.5 ms of puts + commits → 9 ms.
    // Inside a savepoint, at once: a savepoint that fails must take it back.
    if (this.depth > 0) {
      this.write(() => this.insert(e));
      return;
    }
    this.throwFailure();
    this.queued.push(e);
    this.openGroup();
    if (this.pending >= GROUP_COMMIT_ROWS) this.flush();
  }

  private insert(e: JournalEntry): void {
    this.upsert.run(e.path, e.type, e.localInode, e.localSize, e.localMtimeMs, e.remoteEtag, e.remoteFileId, e.remotePermissions, e.remoteSize, e.remoteMtimeMs);
  }

  /** Inserts the queued rows into the open group, so whatever comes next sees them (and follows them). */
  private insertQueued(): void {
    if (this.queued.length === 0) return;
    const rows = this.queued;
    this.queued = [];
    if (!this.db.isTransaction) this.db.exec('BEGIN IMMEDIATE');
    for (const e of rows) this.insert(e);
  }

  /** Removes the entry and, for a folder, everything below it. */
  delete(path: SyncPath): void {
    this.transaction(() => {
      this.remove.run(path);
      this.db.prepare("DELETE FROM entries WHERE substr(path, 1, ?) = ?").run(path.length + 1, `${path}/`);
    });
  }

  /** A folder or file moved: every entry at or below `from` now lives below `to`. */
  move(from: SyncPath, to: SyncPath): void {
    const moved = [...this.all().values()].filter((e) => isUnder(e.path, from));
    this.transaction(() => {
      for (const e of moved) this.remove.run(e.path);
      for (const e of moved) this.put({ ...e, path: to + e.path.slice(from.length) });
    });
  }

  /** Forget a folder's ETag (and its parents'), so the next discovery lists it again. */
  invalidateEtag(path: SyncPath): void {
    const parts = path === '' ? [] : path.split('/');
    const stmt = this.db.prepare("UPDATE entries SET remote_etag = '' WHERE path = ? AND type = 'dir'");
    this.transaction(() => {
      for (let i = parts.length; i >= 0; i--) stmt.run(parts.slice(0, i).join('/'));
    });
  }

  getMeta(key: string): string | null {
    this.insertQueued();
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.write(() => this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value));
  }

  deleteMeta(key: string): void {
    this.write(() => this.db.prepare('DELETE FROM meta WHERE key = ?').run(key));
  }

  /** Meta entries whose key starts with `prefix`. */
  metaWithPrefix(prefix: string): { key: string; value: string }[] {
    this.insertQueued();
    return this.db.prepare('SELECT key, value FROM meta WHERE substr(key, 1, ?) = ?').all(prefix.length, prefix) as { key: string; value: string }[];
  }

  /** All of `work` or none of it: a savepoint inside the open group. */
  transaction(work: () => void): void {
    this.write(() => {
      this.db.exec('SAVEPOINT work');
      this.depth++;
      try {
        work();
        this.db.exec('RELEASE work');
      } catch (error) {
        this.db.exec('ROLLBACK TO work; RELEASE work');
        throw error;
      } finally {
        this.depth--;
      }
    });
  }

  /** Commits the open group now (the end of a run, before closing). */
  flush(): void {
    if (this.depth > 0) return; // the outermost write commits
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    this.throwFailure();
    if (this.pending === 0) return;
    this.pending = 0;
    try {
      this.insertQueued();
      this.db.exec('COMMIT');
    } catch (error) {
      // The group is lost, as in a crash: the next run compares those items again.
      this.queued = [];
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    if (!this.db.isOpen) return;
    try {
      this.flush();
    } catch {
      // A last commit that failed (a full disk) is as if the process had died: the next run
      // compares those items again. Closing must still close.
    } finally {
      this.db.close();
    }
  }

  /** Runs a write inside the open group, opening one (and its commit timer) if none is. */
  private write(work: () => void): void {
    this.throwFailure();
    this.insertQueued();
    if (!this.db.isTransaction) this.db.exec('BEGIN IMMEDIATE');
    this.openGroup();
    work();
    if (this.pending >= GROUP_COMMIT_ROWS && this.depth === 0) this.flush();
  }

  /** Counts a write into the open group, starting the group's commit timer with its first write. */
  private openGroup(): void {
    // unref: a pending commit must not keep a CLI process alive; close() commits anyway.
    if (this.pending++ === 0) this.commitTimer = setTimeout(() => this.commitLater(), GROUP_COMMIT_MS).unref();
  }

  /** The timer's commit: a failure cannot be thrown from a timer, so the next write or flush throws it. */
  private commitLater(): void {
    try {
      this.flush();
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }

  private throwFailure(): void {
    const failure = this.failure;
    if (!failure) return;
    this.failure = null;
    throw failure;
  }
}
