// SyncEngine: one sync folder ↔ one server folder. A run is discover → reconcile → propagate;
// triggers (watcher, poll, requestSync) coalesce into runs that never overlap. Plain Node: the
// app runs it in a utilityProcess (worker-entry.ts), the CLI and tests in-process.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, stat } from 'node:fs/promises';
import { foldsCase } from './case-probe.ts';
import { BulkUploads } from './bulk-upload.ts';
import { DavClient, type DavOptions } from './dav-client.ts';
import { discoverLocal } from './discover-local.ts';
import { discoverRemote, localCaseClashLosers } from './discover-remote.ts';
import { Emitter } from './emitter.ts';
import { SpaceReserve } from './free-space.ts';
import { foldersAbove, settleFolderEtags } from './settle-etags.ts';
import { checkDeletions, type Confirmation } from './guard.ts';
import { Journal } from './journal.ts';
import type { JournalEntry, SyncAction, SyncIssue, SyncPath } from './model.ts';
import { IgnoreList, scopeCheck, TEMP_PREFIX } from './names.ts';
import { listConflicts, recordConflict, resolveConflict, type ConflictChoice, type ConflictRecord } from './conflicts.ts';
import { LocalFolder } from './local-fs.ts';
import { isUnder } from './paths.ts';
import { PARTIAL_DOWNLOAD, propagate } from './propagate.ts';
import { reconcile } from './reconcile.ts';
import { RemoteError } from './remote-error.ts';
import { noWrap, PlainUploader, type StreamWrapper, type Uploader } from './transfer.ts';
import { moveToTrash } from './trash.ts';
import { SyncWatcher } from './watcher.ts';

export type EngineState = 'idle' | 'syncing' | 'paused' | 'offline' | 'error' | 'needs-confirmation' | 'needs-sign-in';

export interface SyncEngineOptions {
  localDir: string;
  server: DavOptions;
  journalFile: string;
  parallel?: number;
  deleteThreshold?: number;
  /** Remote folders not synced (selective sync), relative to the synced folder. */
  excluded?: string[];
  /** The user's exclude file (one glob a line). */
  excludeFile?: string | null;
  trustFolderEtags?: 'auto' | 'never';
  /** Seam for chunked upload: pick the uploader for a file of this size. */
  uploaderFor?: (size: number, plain: Uploader, dav: DavClient) => Uploader;
  /** Nextcloud bulk upload of small new files where announced (default); null: one PUT each. */
  bulkUploadsFor?: ((dav: DavClient) => BulkUploads) | null;
  /** Seam for bandwidth limits: wrap each transfer stream. */
  wrap?: StreamWrapper;
  trash?: (path: string) => Promise<unknown>;
  now?: () => Date;
  pollIntervalSeconds?: number;
  /** A file modified less recently is sent only once it stayed unchanged this long (default 500 ms: below the 1 s save → upload target). */
  minFileAgeMs?: number;
  /** Watcher debounce; the upload starts within this much (+ scan time) of a save. */
  debounceMs?: number;
  /** MiB downloads leave free on the disk: null or absent = the larger of 1 GiB and 5 %, 0 = none (free-space.ts). */
  freeSpaceReserveMiB?: number | null;
}

export interface ItemError {
  path: SyncPath;
  message: string;
  kind: string;
}

export interface RunSummary {
  outcome: 'ok' | 'errors' | 'needs-confirmation' | 'needs-sign-in' | 'offline' | 'rate-limited' | 'failed';
  actions: Partial<Record<SyncAction['kind'], number>>;
  errors: ItemError[];
  issues: SyncIssue[];
  conflicts: { path: SyncPath; conflictCopy: SyncPath }[];
  confirmation: Confirmation | null;
  requests: number;
  message: string | null;
  /** Milliseconds the server asked us to wait (429/503), when it did. */
  retryAfterMs: number | null;
}

export interface Progress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  etaSeconds: number | null;
}

export interface Transfer {
  path: SyncPath;
  direction: 'up' | 'down';
  bytesDone: number;
  bytesTotal: number;
}

export type EngineEvents = {
  state: { state: EngineState; message: string | null };
  runStart: { plan: number };
  progress: Progress;
  transfer: Transfer;
  transferEnd: { path: SyncPath };
  item: { action: SyncAction };
  itemError: ItemError;
  conflict: { path: SyncPath; conflictCopy: SyncPath; at: string };
  /** The conflicts still waiting for the person (conflicts.ts), after each run and each choice. */
  conflicts: ConflictRecord[];
  resolved: { path: SyncPath; conflictCopy: SyncPath; choice: ConflictChoice };
  issue: SyncIssue;
  runEnd: RunSummary;
};

const transferKinds = new Set<SyncAction['kind']>(['upload', 'download', 'conflict']);
/** Journal meta key of the server's data fingerprint (Nextcloud's oc:data-fingerprint). */
const DATA_FINGERPRINT = 'data-fingerprint';
/** Journal meta key of the token in our temp files' names (see tempNameFor). */
const TEMP_TOKEN = 'temp-token';
/** How long a 507 keeps uploads of that size or larger from being tried (no retry storm, yet not forever). */
export const QUOTA_GUESS_MS = 30 * 60_000;

/** Actions after which a folder's ETag on the server is no longer the one discovery saw. */
const changesServer = (a: SyncAction): boolean =>
  a.kind === 'upload' || a.kind === 'mkdirRemote' || a.kind === 'moveRemote' || a.kind === 'deleteRemote' || a.kind === 'conflict';

export class SyncEngine {
  readonly events = new Emitter<EngineEvents>();
  readonly dav: DavClient;
  private readonly options: SyncEngineOptions;
  private readonly journal: Journal;
  private state: EngineState = 'idle';
  private running: Promise<RunSummary> | null = null;
  private again = false;
  /** Set by stop(): a request that waited for the last run must not start one on a closing journal. */
  private stopped = false;
  private paused = false;
  private deletesDecision: 'accept' | 'restore' | null = null;
  /** Bytes: uploads this large are not tried after a 507, until QUOTA_GUESS_MS have passed (space may be freed). */
  private quotaGuess: number | null = null;
  private quotaGuessAt = 0;
  private watcher: SyncWatcher | null = null;
  private started = false;
  private cleaned = false;
  private timer: NodeJS.Timeout | null = null;
  private backoffMs = 0;
  private runAbort: AbortController | null = null;
  /** The last run left files that were still being written. */
  private deferred = false;
  /** Conflict choices waiting for the next run's start (they never overlap a run). */
  private resolutions: Array<() => Promise<void>> = [];
  lastSyncAt: Date | null = null;

  constructor(options: SyncEngineOptions) {
    this.options = options;
    this.dav = new DavClient({ ...options.server, maxSockets: (options.parallel ?? 6) + 2 });
    this.journal = new Journal(options.journalFile);
  }

  get currentState(): EngineState {
    return this.state;
  }

  private setState(state: EngineState, message: string | null = null): void {
    this.state = state;
    this.events.emit('state', { state, message });
  }

  /** The user answered the "many deletions" question: delete them, or bring them back. */
  confirmDeletes(accept: boolean): Promise<RunSummary> {
    this.deletesDecision = accept ? 'accept' : 'restore';
    const run = this.syncNow();
    if (this.started) void run.then((s) => this.afterRun(s));
    return run;
  }

  /** The conflicts still waiting for the person (none while the sync folder is missing). */
  conflicts(): ConflictRecord[] {
    if (!existsSync(this.options.localDir)) return [];
    return listConflicts(this.journal, new LocalFolder(this.options.localDir));
  }

  /**
   * The person's choice for a conflict (conflicts.ts), made between runs in the sync folder; the
   * run that follows at once carries it to the server. Resolves once the folder is changed.
   */
  resolveConflict(conflictCopy: string, choice: ConflictChoice): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      this.resolutions.push(async () => {
        const record = this.conflicts().find((c) => c.conflictCopy === conflictCopy);
        const outcome = await resolveConflict(this.journal, new LocalFolder(this.options.localDir), this.trash, conflictCopy, choice, this.clock()).then(() => null, (error: unknown) => error as Error);
        if (record && !outcome) this.events.emit('resolved', { path: record.path, conflictCopy, choice });
        // The new list is out before the answer, so whoever asked sees it at once.
        this.events.emit('conflicts', this.conflicts());
        if (outcome) reject(outcome);
        else resolve();
      });
    });
    const run = this.syncNow();
    if (this.started) void run.then((s) => this.afterRun(s));
    return done;
  }

  private get trash(): (path: string) => Promise<unknown> {
    return this.options.trash ?? ((path) => moveToTrash(path));
  }

  /** Run now; if a run is going, one more run follows it. Resolves with the summary of the run that covers this request. */
  async syncNow(): Promise<RunSummary> {
    if (this.running) {
      this.again = true;
      await this.running.catch(() => undefined);
      if (this.running) return this.running;
    }
    if (this.stopped) return { ...this.emptySummary(), message: 'stopped' };
    this.running = this.runLoop();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async runLoop(): Promise<RunSummary> {
    let summary: RunSummary;
    do {
      this.again = false;
      summary = await this.runOnce();
    } while (this.again && !this.paused && !this.stopped && summary.outcome !== 'needs-sign-in');
    return summary;
  }

  private emptySummary(): RunSummary {
    return { outcome: 'ok', actions: {}, errors: [], issues: [], conflicts: [], confirmation: null, requests: 0, message: null, retryAfterMs: null };
  }

  private async runOnce(): Promise<RunSummary> {
    const summary = this.emptySummary();
    for (const resolution of this.resolutions.splice(0)) await resolution();
    if (this.paused) return { ...summary, outcome: 'ok', message: 'paused' };
    const requestsBefore = this.dav.requests;
    this.deferred = false;
    this.runAbort = new AbortController();
    this.setState('syncing');
    try {
      await this.execute(summary, this.runAbort.signal);
    } catch (error) {
      this.fail(summary, error);
    } finally {
      this.runAbort = null;
    }
    try {
      this.journal.flush(); // what this run did is committed before anyone hears it ended
    } catch (error) {
      this.fail(summary, error); // a full disk: those records are redone by comparison next run
    }
    summary.requests = this.dav.requests - requestsBefore;
    if (summary.outcome === 'ok' && summary.errors.length) summary.outcome = 'errors';
    if (summary.outcome === 'ok' || summary.outcome === 'errors' || summary.outcome === 'needs-confirmation') {
      this.lastSyncAt = new Date();
      this.backoffMs = 0;
    }
    const next: EngineState = this.paused ? 'paused'
      : summary.outcome === 'needs-confirmation' ? 'needs-confirmation'
      : summary.outcome === 'needs-sign-in' ? 'needs-sign-in'
      : summary.outcome === 'offline' || summary.outcome === 'rate-limited' ? 'offline'
      : summary.outcome === 'failed' ? 'error' : 'idle';
    this.setState(next, summary.message);
    this.events.emit('conflicts', this.conflicts());
    this.events.emit('runEnd', summary);
    return summary;
  }

  private fail(summary: RunSummary, error: unknown): void {
    if (error instanceof RemoteError) {
      summary.outcome = error.kind === 'auth' ? 'needs-sign-in' : error.kind === 'network' ? 'offline' : error.kind === 'rateLimited' ? 'rate-limited' : 'failed';
      summary.retryAfterMs = error.retryAfterMs;
    } else summary.outcome = (error as { stopsRun?: boolean })?.stopsRun ? 'failed' : 'failed';
    summary.message = (error as Error)?.message ?? String(error);
  }

  private async execute(summary: RunSummary, signal: AbortSignal): Promise<void> {
    const root = this.options.localDir;
    const journalSnap = this.journal.all();
    const rootStat = await stat(root).catch(() => null);
    if (!rootStat) {
      if (journalSnap.size > 1) throw new Error(`the sync folder ${root} is missing (unmounted or moved?): nothing is synced until it is back`);
      await mkdir(root, { recursive: true });
    }
    const ignore = IgnoreList.load(this.options.excludeFile);
    const excluded = (this.options.excluded ?? []).map((x) => x.replace(/^\/+|\/+$/g, '').normalize('NFC')).filter(Boolean);
    const knownFingerprint = this.journal.getMeta(DATA_FINGERPRINT);
    // Asked once per run: the folder may be a mount point whose disk changes.
    const foldCase = foldsCase(root);
    const remoteOptions = { ignore, excluded, trustFolderEtags: this.options.trustFolderEtags, signal, knownFingerprint, foldCase };
    const [remote, local] = await Promise.all([
      discoverRemote(this.dav, journalSnap, remoteOptions).catch(async (error: unknown) => {
        // First sync into a server folder that does not exist yet: create it. Later, a missing
        // server folder is an error (moved or deleted there?), never a reason to delete here.
        if (!(error instanceof RemoteError && error.kind === 'notFound' && journalSnap.size === 0)) throw error;
        await this.dav.mkdirs(signal);
        return discoverRemote(this.dav, journalSnap, remoteOptions);
      }),
      discoverLocal(root, { ignore, excluded }),
    ]);
    const folder = new LocalFolder(root);
    if (!this.cleaned) {
      // Temp files can only be left by a process that died mid-download: looked at once per start.
      await this.removeStaleTemp(folder, local.temps);
      this.cleaned = true;
    }
    // A new server name differing only in case from a new local one, on a disk that cannot hold
    // both: the local one is synced, the server's reported and left alone (as remote clashes are).
    const caseTwins = foldCase ? localCaseClashLosers(remote.entries, local.entries, journalSnap) : [];
    const caseIssues: SyncIssue[] = caseTwins.map((path) => ({ path, kind: 'case-clash', message: 'a new name here differs from this one on the server only in upper/lower case, and this computer’s disk cannot hold both: the one here is synced, this one is not (rename one of them)' }));
    // Folders either side could not read are left alone on both sides this run.
    const unavailable = [...remote.unavailable, ...local.unavailable, ...caseTwins];
    const keep = (p: SyncPath): boolean => !unavailable.some((u) => isUnder(p, u));
    const filter = <T>(m: Map<SyncPath, T>): Map<SyncPath, T> => (unavailable.length ? new Map([...m].filter(([k]) => keep(k))) : m);
    // The journal may hold names from before a rule changed (an ignore pattern added, a name
    // neither side may hold): what discovery no longer looks at on either side is left alone.
    const synced = scopeCheck(ignore);
    const inScope = (m: Map<SyncPath, JournalEntry>): Map<SyncPath, JournalEntry> => {
      for (const k of m.keys()) if (!synced(k)) return new Map([...m].filter(([key]) => synced(key)));
      return m; // the usual case: no copy of the whole journal
    };
    // Restored from a backup (RELIABILITY #5): the journal no longer describes the server, so this
    // run merges as a first sync would: nothing deleted on either side, differing files compared
    // and kept both ways. Until such a run completes without failures the next one does the same.
    if (remote.restored) {
      summary.issues.push({ path: '', kind: 'server-restored', message: 'the server was restored from a backup: nothing is deleted this time; files that differ are kept both ways (conflict copies)' });
    }
    const j = remote.restored ? new Map<SyncPath, JournalEntry>() : filter(inScope(journalSnap));
    const l = filter(local.entries);
    const r = filter(remote.entries);
    const decision = this.deletesDecision;
    const plan = reconcile(j, l, r, { restoreDeletes: decision === 'restore' });
    summary.issues.push(...remote.issues, ...caseIssues, ...local.issues, ...plan.issues);
    for (const issue of summary.issues) this.events.emit('issue', issue);

    // Too many deletions at once (or an empty side): those wait for the person's answer; every
    // other change of the plan (uploads, downloads, moves, conflicts) still runs. They are worked
    // out again each run from the journal, so they survive restarts and one that no longer
    // applies (the file is back) is no longer held.
    // A side that looks emptied (an unmounted disk, a server folder gone) is no plan to follow
    // at all: then the whole run waits, and each later run looks again.
    const confirmation = checkDeletions(plan, j, l, r, this.options.deleteThreshold ?? 100);
    const holding = confirmation !== null && decision !== 'accept';
    if (holding) {
      summary.confirmation = confirmation;
      summary.message = `${confirmation.kind}: ${confirmation.localDeletes} local and ${confirmation.remoteDeletes} server deletions wait for confirmation`;
      if (confirmation.kind !== 'mass-delete') {
        summary.outcome = 'needs-confirmation';
        return;
      }
    }
    const isDelete = (a: SyncAction): boolean => a.kind === 'deleteLocal' || a.kind === 'deleteRemote';
    const heldPaths = holding ? plan.actions.filter(isDelete).map((a) => ('path' in a ? a.path : '')) : [];
    const actions = holding ? plan.actions.filter((a) => !isDelete(a)) : plan.actions;
    this.deletesDecision = null;

    await this.dropStalePartials(folder, actions);
    const progress: Progress = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, etaSeconds: null };
    for (const a of actions) {
      if (a.kind !== 'upload' && a.kind !== 'download' && a.kind !== 'conflict') continue;
      progress.filesTotal++;
      progress.bytesTotal += a.kind === 'upload' ? l.get(a.path)?.size ?? 0 : r.get(a.path)?.size ?? 0;
    }
    this.events.emit('runStart', { plan: actions.length });
    this.events.emit('progress', progress);
    const started = Date.now();
    const sent = new Map<SyncPath, number>();
    const plain = new PlainUploader(this.dav, this.options.wrap ?? noWrap);
    const result = await propagate(actions, {
      root, folder, tempToken: this.tempToken(), dav: this.dav, journal: this.journal, local: l, remote: r,
      uploaderFor: (size) => this.options.uploaderFor?.(size, plain, this.dav) ?? plain,
      wrap: this.options.wrap ?? noWrap,
      trash: this.trash,
      parallel: this.options.parallel ?? 6,
      trustPutEtag: remote.nextcloud,
      bulk: remote.nextcloud ? this.bulkUploads() : null,
      quotaGuess: this.currentQuotaGuess(),
      space: new SpaceReserve(root, this.options.freeSpaceReserveMiB ?? null),
      minFileAgeMs: this.options.minFileAgeMs ?? 500,
      now: () => this.clock(),
      signal,
      events: {
        transfer: (path, direction, bytesDone, bytesTotal) => {
          progress.bytesDone += bytesDone - (sent.get(path) ?? 0);
          sent.set(path, bytesDone);
          const elapsed = (Date.now() - started) / 1000;
          progress.etaSeconds = progress.bytesDone > 0 && elapsed > 1 ? Math.round(((progress.bytesTotal - progress.bytesDone) * elapsed) / progress.bytesDone) : null;
          this.events.emit('transfer', { path, direction, bytesDone, bytesTotal });
        },
        transferEnd: (path) => this.events.emit('transferEnd', { path }),
        done: (action) => {
          summary.actions[action.kind] = (summary.actions[action.kind] ?? 0) + 1;
          if (transferKinds.has(action.kind)) {
            progress.filesDone++;
            this.events.emit('progress', { ...progress });
          }
          this.events.emit('item', { action });
        },
        error: (path, error) => {
          const item = { path, message: error.message, kind: error instanceof RemoteError ? error.kind : error.name };
          summary.errors.push(item);
          this.events.emit('itemError', item);
        },
        conflict: (path, conflictCopy, copyName) => {
          const at = new Date().toISOString();
          summary.conflicts.push({ path, conflictCopy });
          recordConflict(this.journal, { path, conflictCopy, at, name: l.get(path)?.name ?? path, copyName });
          this.events.emit('conflict', { path, conflictCopy, at });
        },
      },
    });
    if (result.quotaGuess !== this.quotaGuess) this.quotaGuessAt = this.clock().getTime();
    this.quotaGuess = result.quotaGuess;
    this.deferred = result.deferred.length > 0;
    if (result.stopped) throw result.stopped;
    const fingerprint = remote.dataFingerprint;
    if (fingerprint !== null && fingerprint !== knownFingerprint && (!remote.restored || (result.failed.length === 0 && unavailable.length === 0))) {
      this.journal.setMeta(DATA_FINGERPRINT, fingerprint);
    }
    // Held deletions keep their folders unsettled: the next run must look at them again.
    const dirtyDirs = this.storeFolderEtags(r, [...result.failed, ...unavailable, ...heldPaths, ...summary.issues.filter((i) => i.kind !== 'symlink' && i.kind !== 'invalid-name-local').map((i) => i.path)]);
    // What this run changed on the server changed its folders' ETags: learn them now (settle-etags.ts).
    if (remote.nextcloud && !remote.restored && this.options.trustFolderEtags !== 'never') {
      const changed = actions.filter(changesServer).flatMap((a) => ('from' in a ? [a.from, a.to] : [a.path]));
      const folders = [...foldersAbove(changed), ...changed.filter((p) => this.journal.get(p)?.type === 'dir')];
      await settleFolderEtags({
        dav: this.dav, journal: this.journal, concurrency: 4, signal,
        folders: [...new Set(folders)].filter((p) => p !== '' && !dirtyDirs.has(p)).map((key) => ({ key, serverName: r.get(key)?.name ?? l.get(key)?.name ?? key })),
        skipped: (key) => excluded.some((x) => isUnder(key, x)) || ignore.isIgnored(key),
      });
    }
    if (holding) summary.outcome = 'needs-confirmation';
  }

  private clock(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The quota guess, forgotten once it is QUOTA_GUESS_MS old: the user may have freed space on the server. */
  private bulk: BulkUploads | null | undefined;

  /** Asked once per engine (it remembers the capabilities); none under a bandwidth limit (a bulk body is not throttled). */
  private bulkUploads(): BulkUploads | null {
    if (this.bulk !== undefined) return this.bulk;
    const limited = this.options.wrap !== undefined && this.options.wrap !== noWrap;
    const make = this.options.bulkUploadsFor === undefined ? (dav: DavClient) => new BulkUploads(dav) : this.options.bulkUploadsFor;
    this.bulk = limited || !make ? null : make(this.dav);
    return this.bulk;
  }

  private currentQuotaGuess(): number | null {
    if (this.quotaGuess !== null && this.clock().getTime() - this.quotaGuessAt >= QUOTA_GUESS_MS) this.quotaGuess = null;
    return this.quotaGuess;
  }

  /** A folder's ETag is stored only when everything below it is in sync, so the next run may skip it. */
  private storeFolderEtags(remote: Map<SyncPath, { type: string; etag: string; fileId: string | null; permissions: string | null }>, dirty: SyncPath[]): Set<SyncPath> {
    const dirtyDirs = new Set<SyncPath>(['']);
    for (const p of dirty) {
      const parts = p.split('/');
      for (let i = 0; i <= parts.length; i++) dirtyDirs.add(parts.slice(0, i).join('/'));
    }
    this.journal.transaction(() => {
      for (const [path, entry] of remote) {
        if (entry.type !== 'dir') continue;
        const known = this.journal.get(path);
        if (path === '' && !known && dirty.length === 0) {
          this.journal.put({ path: '', type: 'dir', localInode: 0, localSize: 0, localMtimeMs: 0, remoteEtag: entry.etag, remoteFileId: entry.fileId, remotePermissions: entry.permissions, remoteSize: 0, remoteMtimeMs: 0 });
          continue;
        }
        if (!known || (dirty.length && dirtyDirs.has(path))) continue;
        if (known.remoteEtag !== entry.etag) this.journal.put({ ...known, remoteEtag: entry.etag, remoteFileId: entry.fileId, remotePermissions: entry.permissions });
      }
    });
    return dirtyDirs;
  }

  /** Kept bytes of a cut-off download that this plan no longer downloads (gone, or a new version): drop them. */
  private async dropStalePartials(folder: LocalFolder, actions: SyncAction[]): Promise<void> {
    const wanted = new Set(actions.filter((a) => a.kind === 'download' || a.kind === 'conflict').map((a) => ('path' in a ? a.path : '')));
    for (const m of this.journal.metaWithPrefix(PARTIAL_DOWNLOAD)) {
      if (wanted.has(m.key.slice(PARTIAL_DOWNLOAD.length))) continue;
      await folder.removeTemp((JSON.parse(m.value) as { temp: string }).temp);
      this.journal.deleteMeta(m.key);
    }
  }

  /** The token in this journal's temp names: made once, kept with the journal. */
  private tempToken(): string {
    let token = this.journal.getMeta(TEMP_TOKEN);
    if (!token) {
      token = randomBytes(8).toString('hex');
      this.journal.setMeta(TEMP_TOKEN, token);
    }
    return token;
  }

  private async removeStaleTemp(folder: LocalFolder, temps: string[]): Promise<void> {
    // Only between runs, and only temp files with this journal's token: ours and unfinished, from
    // a run that crashed, unless one holds the first part of a cut-off download kept for a resume.
    // A user's own file that merely starts with our prefix is never touched.
    const ours = `${TEMP_PREFIX}${this.tempToken()}-`;
    const keep = new Set(this.journal.metaWithPrefix(PARTIAL_DOWNLOAD).map((m) => (JSON.parse(m.value) as { temp: string }).temp));
    for (const name of temps) {
      if (!name.slice(name.lastIndexOf('/') + 1).startsWith(ours) || keep.has(name)) continue;
      if ((await lstat(folder.abs(name)).catch(() => null))?.isFile()) await folder.removeTemp(name);
    }
  }

  /** Watch the folder and poll the server until stop(); errors back off, 401 waits for resume(). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    this.watch();
    this.schedule(0);
  }

  /** Watch once the folder exists (a first run creates it; a missing one is never created, see execute). */
  private watch(): void {
    if (this.watcher || !existsSync(this.options.localDir)) return;
    // Changes made before the watcher's first scan finished are not reported: one run when it is ready.
    this.watcher = new SyncWatcher(this.options.localDir, this.options.debounceMs ?? 400, () => this.trigger(), () => this.trigger());
  }

  private trigger(): void {
    if (this.paused || this.state === 'needs-sign-in') {
      // Waiting for the user (never retried in a loop); keep the timer alive for when they answer.
      // (Held deletions do not stop the rest: those runs go on.)
      this.schedule((this.options.pollIntervalSeconds ?? 30) * 1000);
      return;
    }
    void this.syncNow().then((s) => this.afterRun(s));
  }

  private afterRun(summary: RunSummary): void {
    if (!this.started) return;
    this.watch();
    if (summary.outcome === 'offline' || summary.outcome === 'failed') {
      this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 2000), 5 * 60_000);
      this.schedule(this.backoffMs);
    } else if (summary.outcome === 'rate-limited') {
      this.schedule(Math.min(summary.retryAfterMs ?? 30_000, 10 * 60_000));
    } else if (this.deferred) this.schedule(this.options.minFileAgeMs ?? 500); // files still being written: look again soon
    else this.schedule((this.options.pollIntervalSeconds ?? 30) * 1000);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.trigger(), ms);
    this.timer.unref?.();
  }

  pause(): void {
    this.paused = true;
    this.runAbort?.abort(new Error('paused'));
    this.setState('paused');
  }

  resume(): void {
    this.paused = false;
    this.setState('idle');
    if (this.started) this.trigger();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.started = false;
    this.stopped = true;
    await this.watcher?.close();
    this.watcher = null;
    this.runAbort?.abort(new Error('stopped'));
    await this.running?.catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.stop();
    this.dav.close();
    this.journal.close();
    this.events.clear();
  }
}
