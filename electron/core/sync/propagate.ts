// Carries out a plan: moves in plan order; folder creations and transfers in one parallel queue
// (each item waits for its parent folder only, without holding a slot: pool.ts); then deletions
// (to the trash locally). Every finished action is recorded in the journal at once (committed in
// groups of a few milliseconds, see journal.ts). Each action re-checks the side it overwrites or deletes just before acting, so
// a change made during the run is never lost (it becomes a conflict copy or waits for the next run).
import { lstat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { closeSync, fstatSync, lstatSync, type Stats } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { foldersOnlyForBulk, pickBulk, uploadInBulk, type BulkUploads } from './bulk-upload.ts';
import type { DavClient } from './dav-client.ts';
import type { Journal } from './journal.ts';
import type { JournalEntry, LocalEntry, RemoteEntry, Snapshot, SyncAction, SyncPath } from './model.ts';
import { conflictName } from './names.ts';
import { PENDING_ETAG_SLACK_MS } from './reconcile.ts';
import { baseName, parentOf } from './paths.ts';
import { mapLimit, mapTreeOrder } from './pool.ts';
import { RemoteError } from './remote-error.ts';
import { downloadToTemp, GroupedDirSync, PartialDownload, sha1File, tempNameFor, type StreamWrapper, type Uploader } from './transfer.ts';
import type { LocalFolder } from './local-fs.ts';
import type { SpaceReserve } from './free-space.ts';

export interface PropagateEvents {
  transfer(path: SyncPath, direction: 'up' | 'down', bytesDone: number, bytesTotal: number): void;
  transferEnd(path: SyncPath): void;
  done(action: SyncAction): void;
  error(path: SyncPath, error: Error): void;
  /** `copyName`: the copy's real local spelling (the key is its NFC form). */
  conflict(path: SyncPath, conflictCopy: SyncPath, copyName: string): void;
}

export interface PropagateContext {
  root: string;
  /** The sync folder, confined: every write, rename and delete goes through it (local-fs.ts). */
  folder: LocalFolder;
  /** The journal's token in our temp files' names (see tempNameFor). */
  tempToken: string;
  dav: DavClient;
  journal: Journal;
  local: Snapshot<LocalEntry>;
  remote: Snapshot<RemoteEntry>;
  uploaderFor(size: number): Uploader;
  wrap: StreamWrapper;
  trash(path: string): Promise<unknown>;
  parallel: number;
  /** Trust the ETag in a PUT answer (Nextcloud); otherwise ask with a PROPFIND. */
  trustPutEtag: boolean;
  /** Nextcloud bulk upload for small new files, where announced (bulk-upload.ts); absent: one PUT each. */
  bulk?: BulkUploads | null;
  /** A file modified less than this long ago is only sent once it stayed unchanged that long (RELIABILITY.md #29). */
  minFileAgeMs?: number;
  /** The free-space reserve downloads must leave on the disk (free-space.ts); none: no reserve. */
  space?: SpaceReserve;
  /** Bytes: uploads this large or larger are not tried (a 507 told us), null when unknown. */
  quotaGuess: number | null;
  now(): Date;
  events: PropagateEvents;
  signal: AbortSignal;
}

export interface PropagateResult {
  failed: SyncPath[];
  /** An error that ended the run early (sign-in, rate limit, offline, disk full). */
  stopped: Error | null;
  quotaGuess: number | null;
  /** Files not sent because they were still being written: the engine runs again soon. */
  deferred: SyncPath[];
}

/** The file changed since the scan (still being written, gone, no longer a plain file): left for the next run. */
class StillWriting extends Error {}

const localMtime = (st: Stats): number => Math.floor(st.mtimeMs);
/** Journal meta prefix of downloads cut off mid-body whose temp file waits for a resume. */
export const PARTIAL_DOWNLOAD = 'partial-download:';
// Synchronous: an lstat takes microseconds, while a thread-pool round trip per file cost more
// main-thread time than a small upload's request (bench a). discover-local does the same.
const lstatOrNull = async (path: string): Promise<Stats | null> => {
  const st = lstatSync(path, { throwIfNoEntry: false });
  return st ?? null;
};

/**
 * Opens a file to be sent; null when it is gone or is no longer a plain file's name (a symlink
 * now, a folder in its path). A folder above it that became a link: OutsideSyncFolder.
 */
function openToSend(folder: LocalFolder, rel: string): number | null {
  try {
    return folder.openToRead(rel);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR') return null;
    throw error;
  }
}

export class LocalError extends Error {
  readonly stopsRun: boolean;
  constructor(message: string, stopsRun = false) {
    super(message);
    this.name = 'LocalError';
    this.stopsRun = stopsRun;
  }
}

export async function propagate(actions: SyncAction[], ctx: PropagateContext): Promise<PropagateResult> {
  // The folders checked during the run stay open: checking one again costs two system calls (held-folders.ts).
  const release = ctx.folder.hold();
  try {
    return await propagateHeld(actions, ctx);
  } finally {
    release();
  }
}

async function propagateHeld(actions: SyncAction[], ctx: PropagateContext): Promise<PropagateResult> {
  const failed: SyncPath[] = [];
  let stopped: Error | null = null;
  let quotaGuess = ctx.quotaGuess;
  const deferred: SyncPath[] = [];
  // Server folders this run's MKCOL made (201): empty a moment ago, so a bulk POST into them needs no check.
  const madeRemote = new Set<SyncPath>();
  // One plain signal for the run, aborted by the caller or by an item that stops the run. Not
  // AbortSignal.any: each request's listener on a composite signal costs a refresh of its sources.
  const abort = new AbortController();
  const signal = abort.signal;
  const forward = (): void => abort.abort(ctx.signal.reason);
  if (ctx.signal.aborted) forward();
  else ctx.signal.addEventListener('abort', forward, { once: true });

  // Real names on each side (they may differ from the NFC key); unknown items take the other side's.
  const localName = (p: SyncPath): string => ctx.local.get(p)?.name ?? (p === '' ? '' : join(localName(parentOf(p)), baseName(ctx.remote.get(p)?.name ?? p)));
  const remoteName = (p: SyncPath): string => ctx.remote.get(p)?.name ?? (p === '' ? '' : join(remoteName(parentOf(p)), baseName(ctx.local.get(p)?.name ?? p)));
  const abs = (p: SyncPath): string => join(ctx.root, localName(p));
  const dirSync = new GroupedDirSync();
  const syncDir = (dir: string): Promise<void> => dirSync.sync(dir);
  // Downloads cut off in an earlier run, looked up once (not one journal query per download).
  const partials = new Set(ctx.journal.metaWithPrefix(PARTIAL_DOWNLOAD).map((m) => m.key));

  const record = (p: SyncPath, st: Stats, remote: Pick<RemoteEntry, 'etag' | 'fileId' | 'permissions' | 'size' | 'mtimeMs'>): void => {
    // A link (or anything else) is never recorded as a file: the journal describes only what is synced.
    if (!st.isFile() && !st.isDirectory()) throw new LocalError(`${p} is no longer a plain file or folder: not synced`);
    const type = st.isDirectory() ? 'dir' : 'file';
    const entry: JournalEntry = {
      path: p, type, localInode: st.ino, localSize: type === 'file' ? st.size : 0, localMtimeMs: type === 'file' ? localMtime(st) : 0,
      // A folder's ETag is only stored once its whole subtree is in sync (see SyncEngine).
      remoteEtag: type === 'dir' ? '' : remote.etag, remoteFileId: remote.fileId, remotePermissions: remote.permissions,
      remoteSize: remote.size, remoteMtimeMs: remote.mtimeMs,
    };
    ctx.journal.put(entry);
  };

  const upload = async (p: SyncPath, isNew: boolean, name = localName(p), guard = true): Promise<void> => {
    const full = join(ctx.root, name);
    // Opened once: what is stat'ed is what is sent (and one path lookup instead of two per file).
    const fd = openToSend(ctx.folder, name);
    if (fd === null) throw new StillWriting(name); // gone or replaced since discovery: the next run sees it
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new StillWriting(name);
      await sendOpenFile(p, isNew, name, guard, full, fd, st);
    } finally {
      closeSync(fd);
    }
  };

  const sendOpenFile = async (p: SyncPath, isNew: boolean, name: string, guard: boolean, full: string, fd: number, st: Stats): Promise<void> => {
    // Possibly still being written (a save in progress, a download into the folder): wait until
    // it is minFileAgeMs old (at most that long, whatever its clock says) and send it only if it
    // did not change meanwhile (nor was replaced: the name is looked up again); otherwise the
    // next run looks again.
    const minAge = ctx.minFileAgeMs ?? 0;
    const age = Date.now() - st.mtimeMs;
    if (minAge > 0 && age < minAge) {
      await sleep(Math.min(minAge - age, minAge), undefined, { signal });
      const again = await lstatOrNull(full);
      if (!again?.isFile() || again.ino !== st.ino || again.size !== st.size || again.mtimeMs !== st.mtimeMs) throw new StillWriting(name);
    }
    if (quotaGuess !== null && st.size >= quotaGuess) throw new RemoteError('quota', `not uploaded: the server is out of space for a file of ${st.size} bytes`);
    const known = ctx.remote.get(p) ?? null;
    const ifMatch = isNew || !guard ? null : known?.etag ?? ctx.journal.get(p)?.remoteEtag ?? null;
    const target = isNew && !ctx.remote.has(p) ? (ctx.local.get(p) ? remoteName(p) : join(remoteName(parentOf(p)), baseName(name))) : remoteName(p);
    let done = 0;
    const started = performance.now();
    const result = await ctx.uploaderFor(st.size).upload({
      name: target, localPath: full, fd, size: st.size, mtimeMs: st.mtimeMs, ifMatch, ifNoneMatch: isNew && guard, signal,
      progress: (bytes) => ctx.events.transfer(p, 'up', (done += bytes), st.size),
    }).finally(() => ctx.events.transferEnd(p));
    const key = name.normalize('NFC');
    const remote = { fileId: result.fileId ?? known?.fileId ?? null, permissions: known?.permissions ?? null, size: st.size, mtimeMs: Math.floor(st.mtimeMs / 1000) * 1000 };
    if (ctx.trustPutEtag && result.etag) {
      record(key, st, { ...remote, etag: result.etag });
      return;
    }
    if (ctx.trustPutEtag) {
      const fresh = await ctx.dav.stat(target, signal);
      if (!fresh) throw new RemoteError('notFound', `uploaded ${target} but the server does not list it`);
      record(key, st, { ...remote, etag: fresh.etag, fileId: fresh.fileId ?? remote.fileId, permissions: fresh.permissions });
      return;
    }
    // Plain WebDAV: a PUT's ETag header need not match what PROPFIND says (Apache sends none).
    // Such servers have every folder listed by each discovery anyway, so the next one learns the
    // ETag: the journal keeps '' with the server's clock at its answer, and reconcile adopts the
    // listed version when size and time match (pendingEtagMatches); otherwise it is downloaded
    // again, never lost. A slow upload's time is not known that closely: ask at once.
    const serverTime = result.serverTimeMs ?? null;
    if (serverTime !== null && performance.now() - started <= PENDING_ETAG_SLACK_MS / 2) {
      record(key, st, { ...remote, etag: '', mtimeMs: Math.floor(serverTime / 1000) * 1000 });
      return;
    }
    const fresh = await ctx.dav.stat(target, signal);
    const ours = fresh?.type === 'file' && fresh.size === st.size;
    record(key, st, ours ? { ...remote, etag: fresh.etag, fileId: fresh.fileId ?? remote.fileId, permissions: fresh.permissions, mtimeMs: fresh.mtimeMs } : { ...remote, etag: '' });
  };

  /** Local copy kept under a conflict name, then uploaded too. Returns the copy's relative name. */
  const keepLocalCopy = async (p: SyncPath): Promise<string> => {
    const name = localName(p);
    let copy = conflictName(name, ctx.now());
    for (let n = 2; await lstatOrNull(join(ctx.root, copy)); n++) copy = conflictName(name, ctx.now(), n);
    await ctx.folder.rename(name, copy);
    return copy;
  };

  const download = async (p: SyncPath, mode: 'new' | 'update' | 'conflict'): Promise<void> => {
    const R = ctx.remote.get(p);
    if (!R) return;
    const name = localName(p);
    const target = abs(p);
    ctx.folder.mkdirsFor(name);
    // A download of this same version cut off earlier left its bytes in a temp file: resume it.
    const partialKey = `${PARTIAL_DOWNLOAD}${p}`;
    const saved = partials.has(partialKey) ? JSON.parse(ctx.journal.getMeta(partialKey) ?? 'null') as { temp: string; etag: string } | null : null;
    if (saved && saved.etag !== R.etag) await ctx.folder.remove(saved.temp);
    const temp = saved && saved.etag === R.etag ? saved.temp : tempNameFor(name, ctx.tempToken);
    // Room on the disk first: the bytes still to come (a resumed temp file holds the rest).
    const already = temp === saved?.temp ? ((await lstatOrNull(ctx.folder.checked(temp)))?.size ?? 0) : 0;
    const release = (await ctx.space?.claim(Math.max(0, R.size - already))) ?? (() => {});
    try {
      await fetchAndPlace(p, mode, R, { name, target, temp, saved, partialKey });
    } finally {
      release();
    }
  };

  /** The download itself: into the temp file, then into place (or a conflict copy). */
  const fetchAndPlace = async (p: SyncPath, mode: 'new' | 'update' | 'conflict', R: RemoteEntry,
    { name, target, temp, saved, partialKey }: { name: string; target: string; temp: string; saved: { temp: string; etag: string } | null; partialKey: string }): Promise<void> => {
    let done = 0;
    let got;
    try {
      const mtime = R.mtimeMs > 0 ? new Date(R.mtimeMs) : null;
      got = await downloadToTemp(ctx.dav, remoteName(p), ctx.folder.checked(temp), { size: R.size, checksum: R.checksum, etag: R.etag, fresh: temp !== saved?.temp, mtime, confirm: () => ctx.folder.checked(temp) },
        (bytes) => ctx.events.transfer(p, 'down', (done += bytes), R.size), signal, ctx.wrap);
    } catch (error) {
      // Only our own cut-off bytes (a run stopped by another item's failure passes that item's error on).
      if (error instanceof PartialDownload && !signal.aborted) ctx.journal.setMeta(partialKey, JSON.stringify({ temp, etag: R.etag }));
      else if (saved) ctx.journal.deleteMeta(partialKey);
      throw error;
    } finally {
      ctx.events.transferEnd(p);
    }
    if (saved) ctx.journal.deleteMeta(partialKey);
    let placed = false;
    try {
      if (R.mtimeMs > 0 && !got.stat) await ctx.folder.setMtime(temp, new Date(R.mtimeMs));
      const now = await lstatOrNull(target);
      // The journal is asked only when there is a file to compare with (a new name needs no query).
      const J = mode === 'update' && now ? ctx.journal.get(p) : undefined;
      // The local file as reconcile saw it (or absent for a new one)? Then it may be replaced.
      const untouched = mode === 'update' && now?.isFile() && J && now.size === J.localSize && localMtime(now) === J.localMtimeMs;
      const vacant = now === null;
      if (!untouched && !vacant) {
        // Only here are the bytes compared, so the common download pays no hashing (read the temp file back).
        const theirs = await sha1File(got.tempPath);
        if (now.isFile() && now.size === got.size && (await sha1File(ctx.folder.checked(name))) === theirs) {
          record(p, now, R); // same bytes on both sides: nothing to keep twice
          return;
        }
        if (!now.isFile()) throw new LocalError(`${localName(p)} is a folder here and a file on the server: rename one`);
        // The server holds the start of our file (possibly nothing): an upload of ours cut off
        // mid-body on a server that writes in place (webdav-server does). Ours contains every byte
        // of it: send it.
        if (got.size < now.size && (await sha1File(ctx.folder.checked(name), got.size)) === theirs) {
          await upload(p, false);
          return;
        }
        const copy = await keepLocalCopy(p);
        await ctx.folder.rename(temp, name);
        placed = true;
        await syncDir(dirname(target));
        record(p, await lstat(target), R);
        ctx.events.conflict(p, copy.normalize('NFC'), copy);
        await upload(copy.normalize('NFC'), true, copy);
        return;
      }
      await ctx.folder.rename(temp, name);
      placed = true;
      await syncDir(dirname(target));
      // A small file's stat was taken from its descriptor: the rename kept its inode, size and time.
      record(p, got.stat ?? lstatSync(target), R);
    } finally {
      // Left over (not renamed into place): removed, with no second look-up for the common case.
      if (!placed) await ctx.folder.removeTemp(temp);
    }
  };

  const run = async (a: SyncAction): Promise<void> => {
    switch (a.kind) {
      case 'moveLocal': {
        const fromName = localName(a.from);
        const toName = ctx.remote.get(a.to)?.name ?? a.to;
        const to = join(ctx.root, toName);
        // On a disk that ignores case, a case-only rename finds the file itself at the target: fine.
        const there = await lstatOrNull(to);
        const here = await lstatOrNull(abs(a.from));
        // Already moved (see reconcile): the journal's file is at the target, nothing at the source.
        const alreadyHere = !here && there !== null && there.ino === ctx.journal.get(a.from)?.localInode;
        if (there && !alreadyHere && there.ino !== here?.ino) throw new LocalError(`cannot move ${a.from} to ${a.to}: something is already there`);
        if (!alreadyHere) {
          ctx.folder.mkdirsFor(toName);
          await ctx.folder.rename(fromName, toName);
        }
        ctx.journal.move(a.from, a.to);
        const R = ctx.remote.get(a.to);
        const J = ctx.journal.get(a.to);
        // The moved file's new ETag, if only the ETag changed (see reconcile): no download follows.
        if (R?.type === 'file' && J && R.size === J.remoteSize && R.mtimeMs === J.remoteMtimeMs) record(a.to, await lstat(to), R);
        return;
      }
      case 'moveRemote': {
        const target = ctx.local.get(a.to)?.name ?? a.to;
        await ctx.dav.move(remoteName(a.from), target, signal);
        ctx.journal.move(a.from, a.to);
        ctx.journal.invalidateEtag(parentOf(a.to));
        const J = ctx.journal.get(a.to);
        if (J?.type === 'file') {
          // Servers may give the moved file a new ETag (Nextcloud does): learn it now, not by a download.
          const fresh = await ctx.dav.stat(target, signal);
          if (fresh) ctx.journal.put({ ...J, remoteEtag: fresh.etag, remoteFileId: fresh.fileId ?? J.remoteFileId });
        }
        return;
      }
      case 'mkdirLocal': {
        const full = abs(a.path);
        ctx.folder.mkdirs(localName(a.path));
        const R = ctx.remote.get(a.path)!;
        record(a.path, await lstat(full), R);
        return;
      }
      case 'mkdirRemote': {
        if (await ctx.dav.mkdir(remoteName(a.path), signal)) madeRemote.add(a.path);
        const st = await lstatOrNull(abs(a.path));
        if (st) record(a.path, st, { etag: '', fileId: null, permissions: null, size: 0, mtimeMs: 0 });
        return;
      }
      case 'upload':
        try {
          await upload(a.path, a.isNew);
        } catch (error) {
          // Changed on the server since we looked (412): take theirs, keep ours as a conflict copy.
          if (error instanceof RemoteError && error.kind === 'precondition') {
            const fresh = await ctx.dav.stat(remoteName(a.path), signal);
            // Same version after all: the server's ETag was weak (Apache, within a second), which
            // If-Match never matches. Send it without the condition.
            if (fresh && fresh.etag === ctx.remote.get(a.path)?.etag) {
              await upload(a.path, a.isNew, undefined, false);
              return;
            }
            if (fresh) {
              ctx.remote.set(a.path, fresh);
              await download(a.path, 'conflict');
              return;
            }
          }
          throw error;
        }
        return;
      case 'download':
        await download(a.path, a.isNew ? 'new' : 'update');
        return;
      case 'conflict':
        await download(a.path, 'conflict');
        return;
      case 'deleteLocal': {
        const full = abs(a.path);
        const st = await lstatOrNull(full);
        const J = ctx.journal.get(a.path);
        if (st && a.type === 'file' && J && (st.size !== J.localSize || localMtime(st) !== J.localMtimeMs)) return; // edited meanwhile: keep
        if (st) await ctx.trash(ctx.folder.checked(localName(a.path)));
        ctx.journal.delete(a.path);
        return;
      }
      case 'deleteRemote': {
        const J = ctx.journal.get(a.path);
        // A pending ('') ETag: reconcile matched the listed version, so guard with that one.
        const version = a.type === 'file' ? J?.remoteEtag || ctx.remote.get(a.path)?.etag || null : null;
        try {
          await ctx.dav.delete(remoteName(a.path), version, signal);
        } catch (error) {
          if (!(error instanceof RemoteError && error.kind === 'precondition')) throw error;
          // Changed there: keep it, the next run downloads it. Unless the ETag was only weak (see upload).
          const fresh = await ctx.dav.stat(remoteName(a.path), signal);
          if (fresh?.etag !== version) return;
          await ctx.dav.delete(remoteName(a.path), null, signal);
        }
        ctx.journal.delete(a.path);
        return;
      }
      case 'record': {
        const st = await lstatOrNull(abs(a.path));
        const R = ctx.remote.get(a.path);
        if (st && R) record(a.path, st, R);
        return;
      }
      case 'forget':
        ctx.journal.delete(a.path);
        return;
    }
  };

  const attempt = async (a: SyncAction): Promise<void> => {
    if (stopped || signal.aborted) return;
    const path = 'to' in a ? a.to : a.path;
    try {
      await run(a);
      ctx.events.done(a);
    } catch (raw) {
      if (signal.aborted && !stopped) return;
      failed.push(path);
      if (raw instanceof StillWriting) {
        deferred.push(path); // not an error: the folder stays unsettled and the engine comes back
        return;
      }
      if (stopped && raw === stopped) return; // cancelled because the run stopped: not this item's error
      const error = toItemError(raw);
      if ('from' in a) failed.push(a.from);
      if (error instanceof RemoteError && error.kind === 'quota' && a.kind === 'upload') {
        const size = (await lstatOrNull(abs(a.path)))?.size;
        if (size !== undefined) quotaGuess = Math.min(quotaGuess ?? Infinity, size);
      }
      ctx.events.error(path, error);
      if ((error instanceof RemoteError || error instanceof LocalError) && error.stopsRun) {
        stopped ??= error;
        abort.abort(error);
      }
    }
  };

  const phase = (kinds: SyncAction['kind'][]): SyncAction[] => actions.filter((a) => kinds.includes(a.kind));
  const target = (a: SyncAction): SyncPath => ('to' in a ? a.to : a.path);
  // Small new files wait for one bulk upload after the rest. A new folder that holds nothing else is
  // made by the batch that fills it, right before its POST (bulk-upload.ts, foldersOnlyForBulk).
  const candidates = ctx.bulk ? pickBulk(actions, ctx.local, ctx.remote) : new Set<SyncAction>();
  const bulked = candidates.size && (await ctx.bulk!.supported(signal)) ? candidates : new Set<SyncAction>();
  const bulkFolders = foldersOnlyForBulk(actions, bulked);
  const early = phase(['moveLocal', 'moveRemote', 'mkdirLocal', 'mkdirRemote']).filter((a) => !(a.kind === 'mkdirRemote' && bulkFolders.has(a.path)));
  const making = new Map<SyncPath, Promise<boolean>>();
  /** Makes the bulk-only folders above `files`, parents first, each once; the remote names of those this call made. */
  const makeFolders = async (files: SyncPath[]): Promise<Set<string>> => {
    const wanted = new Set<SyncPath>();
    for (const f of files) for (let dir = parentOf(f); dir !== ''; dir = parentOf(dir)) if (bulkFolders.has(dir)) wanted.add(dir);
    const mine = new Set<string>();
    for (const dir of [...wanted].sort()) {
      const pending = making.get(dir);
      if (pending) {
        await pending; // another batch makes it: its MKCOL is no check for this batch
        continue;
      }
      const made = attempt(bulkFolders.get(dir)!).then(() => madeRemote.has(dir));
      making.set(dir, made);
      if (await made) mine.add(remoteName(dir));
    }
    return mine;
  };
  const transfers = phase(['upload', 'download', 'conflict']).filter((a) => !bulked.has(a));
  if (early.some((a) => a.kind === 'moveLocal' || a.kind === 'moveRemote')) {
    for (const a of early) await attempt(a); // moves and folders depend on each other: in plan order
    await mapLimit(transfers, ctx.parallel, attempt);
  } else {
    // Folder creations and transfers in one queue, in path order: a folder, then what is in it.
    // An item waits only for its own folder (see mapTreeOrder), so the first files go out right
    // after their folder is made, and no slot idles while a folder is being made.
    const byPath = (x: SyncAction, y: SyncAction): number => (target(x) < target(y) ? -1 : target(x) > target(y) ? 1 : 0);
    await mapTreeOrder({
      items: [...early, ...transfers].sort(byPath), path: target, parent: parentOf,
      makesFolder: (a) => a.kind === 'mkdirLocal' || a.kind === 'mkdirRemote',
    }, ctx.parallel, attempt);
  }
  if (bulked.size && !stopped && !signal.aborted) {
    await uploadInBulk([...bulked].filter((a) => a.kind === 'upload'), ctx.bulk!, {
      folder: ctx.folder, dav: ctx.dav, localName, remoteName, minFileAgeMs: ctx.minFileAgeMs ?? 0, record, signal,
      transferred: (p, bytes) => (ctx.events.transfer(p, 'up', bytes, bytes), ctx.events.transferEnd(p)),
      done: (a) => ctx.events.done(a), single: attempt, makeFolders,
    }, (p) => ctx.local.get(p)?.size ?? 0);
  }
  // A bulk-only folder no batch made (the run stopped before it): made now, or reported, as any folder.
  for (const [dir, a] of bulkFolders) if (!making.has(dir) && !stopped && !signal.aborted) await attempt(a);
  await mapLimit(phase(['deleteLocal', 'deleteRemote']), ctx.parallel, attempt);
  for (const a of phase(['record', 'forget'])) await attempt(a);
  ctx.signal.removeEventListener('abort', forward);
  return { failed, stopped, quotaGuess, deferred };
}

function toItemError(raw: unknown): Error {
  if (raw instanceof RemoteError || raw instanceof LocalError) return raw;
  const code = (raw as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new LocalError('the disk is full: free some space, then sync again', true);
  if (code === 'EROFS') return new LocalError('the sync folder is on a read-only disk', true);
  if (code === 'EACCES' || code === 'EPERM') return new LocalError(`no permission: ${(raw as Error).message}`);
  return raw instanceof Error ? raw : new Error(String(raw));
}
