// Nextcloud bulk upload: where the capabilities announce dav.bulkupload 1.0, small new files go up
// as one POST /remote.php/dav/bulk per batch (up to 100 files or 10 MB, as the desktop client's
// BulkPropagatorJob batches) instead of a PUT each (wire format: bulk-multipart.ts). Every file the
// answer does not accept is sent again on its own (PUT), as is every file the check below stops.
//
// The bulk endpoint takes no If-None-Match: it writes over whatever is there. So that a file a
// colleague put on the server is never overwritten:
// - only files the server did not have at discovery go in bulk (changed files keep their
//   If-Match PUT, which the server itself enforces);
// - check before: right before each POST, its folders are asked again which names they hold (one
//   PROPFIND Depth 1 per folder, for <d:resourcetype> only) and a file that exists there by now is
//   taken out of the batch: its own PUT with If-None-Match gets 412 and the usual conflict handling
//   keeps both versions. A new folder that holds only bulk files is made by its batch, right before
//   the POST: when that MKCOL answers 201 the folder was empty a moment ago, which is the same
//   check, so it is not asked again (405, already there: asked as any other folder);
// - verify after: a file is recorded only with the ETag and file id the answer gives for it (the
//   journal then knows that version, so the next run needs no listing to learn it); a missing or
//   failed entry goes the PUT path.
// What remains is one round trip: a same-named file created between the check's answer and the
// POST's arrival is overwritten (as by Nextcloud's own client; whether Nextcloud's version history keeps it was not checked).
import { closeSync, fstatSync, readSync, type Stats } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DavClient } from './dav-client.ts';
import { bulkBody, parseBulkAnswer, type BulkAnswer, type BulkPart } from './bulk-multipart.ts';
import type { LocalFolder } from './local-fs.ts';
import type { LocalEntry, RemoteEntry, Snapshot, SyncAction, SyncPath } from './model.ts';
import { parentOf } from './paths.ts';
import { mapLimit } from './pool.ts';
import { RemoteError } from './remote-error.ts';

export const BULK_MAX_FILES = 100;
export const BULK_MAX_BYTES = 10_000_000;
/** Files smaller than this go in bulk (the desktop client: smaller than its minimum chunk size, 1 MB). */
export const BULK_FILE_LIMIT = 1_000_000;
/** Batches in flight at once. */
const BULK_PARALLEL = 3;

type Upload = Extract<SyncAction, { kind: 'upload' }>;

/** The account's Nextcloud paths, from its WebDAV URL: null when it is not laid out as Nextcloud's. */
function nextcloudPaths(davUrl: string): { base: string; filesPrefix: string } | null {
  const url = new URL(davUrl);
  const m = url.pathname.match(/^(.*?)\/remote\.php\/(?:dav\/files\/[^/]+|webdav)(\/.*)?$/);
  if (!m) return null;
  const rest = (m[2] ?? '').split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  return { base: m[1]!, filesPrefix: rest.length ? `/${rest.join('/')}` : '' };
}

export class BulkUploads {
  private readonly dav: DavClient;
  private readonly paths: ReturnType<typeof nextcloudPaths>;
  private announced: Promise<boolean> | null;
  /** Test seam: runs between the check and the POST (a colleague's write in that window). */
  readonly beforePost: ((batch: SyncPath[]) => Promise<void>) | undefined;
  /** POSTs sent (for tests and the benchmark). */
  posts = 0;

  /** `announced`: skip the capabilities request and assume this answer (tests). */
  constructor(dav: DavClient, options: { announced?: boolean; beforePost?: (batch: SyncPath[]) => Promise<void> } = {}) {
    this.dav = dav;
    this.paths = nextcloudPaths(dav.url);
    this.announced = options.announced === undefined ? null : Promise.resolve(options.announced && this.paths !== null);
    this.beforePost = options.beforePost;
  }

  /** Whether the server announces dav.bulkupload ≥ 1.0 (asked once, then remembered). */
  supported(signal?: AbortSignal): Promise<boolean> {
    this.announced ??= this.detect(signal);
    return this.announced;
  }

  private async detect(signal?: AbortSignal): Promise<boolean> {
    if (!this.paths) return false;
    try {
      const res = await this.dav.raw('GET', `${this.paths.base}/ocs/v2.php/cloud/capabilities?format=json`, ['OCS-APIRequest', 'true', 'Accept', 'application/json'], undefined, signal);
      const json = JSON.parse(res.text) as { ocs?: { data?: { capabilities?: { dav?: { bulkupload?: unknown } } } } };
      const version = json.ocs?.data?.capabilities?.dav?.bulkupload;
      return res.status === 200 && typeof version === 'string' && Number.parseFloat(version) >= 1;
    } catch {
      return false; // no answer or not JSON: one PUT per file
    }
  }

  /** X-File-Path of a sync-relative server name. */
  filePath(name: string): string {
    return `${this.paths?.filesPrefix ?? ''}${this.dav.serverPath(name)}`;
  }

  /**
   * One POST. The answer per X-File-Path; null when the server has no bulk endpoint after all
   * (404, 405, 501: it is not asked again). Other statuses mean every file goes on its own.
   */
  async post(parts: BulkPart[], signal: AbortSignal): Promise<Map<string, BulkAnswer> | null> {
    const { body, contentType } = bulkBody(parts);
    this.posts++;
    const res = await this.dav.raw('POST', `${this.paths!.base}/remote.php/dav/bulk`, ['Content-Type', contentType], body, signal);
    if (res.status === 404 || res.status === 405 || res.status === 501) {
      this.announced = Promise.resolve(false);
      return null;
    }
    // 400: the server stopped at a part it could not read; the answer names those written before it.
    if (res.status !== 200 && res.status !== 400) return null;
    return parseBulkAnswer(res.text, parts.map((p) => p.serverPath));
  }
}

/** The uploads of a plan that go in bulk: new small files, when there are at least two. */
export function pickBulk(actions: SyncAction[], local: Snapshot<LocalEntry>, remote: Snapshot<RemoteEntry>): Set<Upload> {
  const picked = new Set<Upload>();
  for (const a of actions) {
    if (a.kind !== 'upload' || !a.isNew || remote.has(a.path)) continue;
    const l = local.get(a.path);
    if (l?.type === 'file' && l.size < BULK_FILE_LIMIT) picked.add(a);
  }
  return picked.size >= 2 ? picked : new Set();
}

type MakeFolder = Extract<SyncAction, { kind: 'mkdirRemote' }>;

/**
 * The new server folders that hold nothing but files going in bulk (at any depth), so that their
 * batches can make them right before the POST: a folder with anything else to do (a big file, a
 * move into it, a subfolder made earlier) is made before the transfers, as always.
 */
export function foldersOnlyForBulk(actions: SyncAction[], bulked: Set<SyncAction>): Map<SyncPath, MakeFolder> {
  const found = new Map<SyncPath, MakeFolder>();
  if (bulked.size === 0) return found;
  const holdsBulk = new Set<SyncPath>();
  const neededEarly = new Set<SyncPath>();
  const above = (path: SyncPath, into: Set<SyncPath>): void => {
    for (let dir = parentOf(path); dir !== '' && !into.has(dir); dir = parentOf(dir)) into.add(dir);
  };
  const folders = actions.filter((a): a is MakeFolder => a.kind === 'mkdirRemote');
  for (const a of actions) if (a.kind !== 'mkdirRemote') above('to' in a ? a.to : a.path, bulked.has(a) ? holdsBulk : neededEarly);
  // A folder made early needs its parents early too.
  for (const a of folders) if (!holdsBulk.has(a.path) || neededEarly.has(a.path)) above(a.path, neededEarly);
  for (const a of folders) if (holdsBulk.has(a.path) && !neededEarly.has(a.path)) found.set(a.path, a);
  return found;
}

export interface BulkHooks {
  folder: LocalFolder;
  dav: DavClient;
  localName(path: SyncPath): string;
  remoteName(path: SyncPath): string;
  /** A file modified less than this long ago is left to the one-by-one path (which waits for it). */
  minFileAgeMs: number;
  record(path: SyncPath, st: Stats, remote: Pick<RemoteEntry, 'etag' | 'fileId' | 'permissions' | 'size' | 'mtimeMs'>): void;
  transferred(path: SyncPath, bytes: number): void;
  done(action: SyncAction): void;
  /** The file on its own (PUT with If-None-Match, and its error handling): whatever bulk did not take. */
  single(action: SyncAction): Promise<void>;
  /** Makes the new folders above these files that were left to bulk; returns the remote names of those this call made (201). */
  makeFolders(files: SyncPath[]): Promise<Set<string>>;
  signal: AbortSignal;
}

interface Ready { action: Upload; st: Stats; data: Buffer; serverPath: string }

/** Sends `actions` (from pickBulk) in batches; anything not accepted goes through hooks.single. */
export async function uploadInBulk(actions: Upload[], uploads: BulkUploads, hooks: BulkHooks, sizeOf: (path: SyncPath) => number): Promise<void> {
  const batches: Upload[][] = [];
  let batch: Upload[] = [];
  let bytes = 0;
  for (const a of [...actions].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))) {
    const size = sizeOf(a.path);
    if (batch.length >= BULK_MAX_FILES || (batch.length > 0 && bytes + size > BULK_MAX_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(a);
    bytes += size;
  }
  if (batch.length) batches.push(batch);
  await mapLimit(batches, BULK_PARALLEL, (b) => sendBatch(b, uploads, hooks));
}

async function sendBatch(batch: Upload[], uploads: BulkUploads, hooks: BulkHooks): Promise<void> {
  const alone: Upload[] = [];
  const finish = async (): Promise<void> => {
    await mapLimit(alone, 4, (a) => hooks.single(a));
  };
  if (hooks.signal.aborted || !(await uploads.supported(hooks.signal))) {
    await hooks.makeFolders(batch.map((a) => a.path));
    alone.push(...batch);
    return finish();
  }
  const ready: Ready[] = [];
  const young: Upload[] = [];
  let wait = 0;
  for (const a of batch) {
    const r = readSmall(a, hooks, uploads);
    if (r && 'youngForMs' in r) {
      young.push(a);
      wait = Math.max(wait, r.youngForMs);
    } else if (r) ready.push(r);
    else alone.push(a);
  }
  if (young.length) {
    // Written less than minFileAgeMs ago (a copy into the folder may still be going on): wait until
    // the youngest is that old, as a single upload would, then read them again. One that changed
    // meanwhile is young again and goes the one-by-one way (which waits for it or leaves it to the next run).
    await sleep(wait, undefined, { signal: hooks.signal }).catch(() => undefined);
    for (const a of young) {
      const r = hooks.signal.aborted ? null : readSmall(a, hooks, uploads);
      if (r && !('youngForMs' in r)) ready.push(r);
      else alone.push(a);
    }
  }
  // The batch's new folders last, so that their MKCOL stands as close to the POST as a check would.
  const made = await hooks.makeFolders(batch.map((a) => a.path));
  let answers: Map<string, BulkAnswer> | null = null;
  try {
    const sending = await checkBefore(ready, hooks, made);
    for (const r of ready) if (!sending.includes(r)) alone.push(r.action);
    if (sending.length) {
      await uploads.beforePost?.(sending.map((r) => r.action.path));
      answers = await uploads.post(sending.map((r) => ({ serverPath: r.serverPath, data: r.data, mtimeMs: r.st.mtimeMs })), hooks.signal);
    }
  } catch (error) {
    if (!(error instanceof RemoteError)) throw error;
    answers = null; // each file on its own meets the same failure and reports it in its own name
  }
  for (const r of ready) {
    if (alone.includes(r.action)) continue;
    const answer = answers?.get(r.serverPath);
    if (!answer?.ok) {
      alone.push(r.action);
      continue;
    }
    hooks.transferred(r.action.path, r.data.length);
    hooks.record(r.action.path, r.st, { etag: answer.etag, fileId: answer.fileId, permissions: answer.permissions, size: r.data.length, mtimeMs: Math.floor(r.st.mtimeMs / 1000) * 1000 });
    hooks.done(r.action);
  }
  return finish();
}

/** The file's bytes as they are now; how long until it is old enough; or null to leave it to the one-by-one path (gone, growing, too big). */
function readSmall(action: Upload, hooks: BulkHooks, uploads: BulkUploads): Ready | { youngForMs: number } | null {
  let fd: number;
  try {
    fd = hooks.folder.openToRead(hooks.localName(action.path));
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size >= BULK_FILE_LIMIT) return null;
    const age = Date.now() - st.mtimeMs;
    // At most minFileAgeMs, whatever the file's clock says (a time in the future).
    if (age < hooks.minFileAgeMs) return { youngForMs: Math.min(hooks.minFileAgeMs - age, hooks.minFileAgeMs) };
    const data = Buffer.allocUnsafe(st.size);
    let at = 0;
    while (at < st.size) {
      const n = readSync(fd, data, at, st.size - at, at);
      if (n === 0) return null; // shorter than stat'ed: being rewritten
      at += n;
    }
    return { action, st, data, serverPath: uploads.filePath(hooks.remoteName(action.path)) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Asks each folder of the batch again which names it holds; returns the files still absent there
 * (the rest go alone). Folders in `made` were made empty by this batch's own MKCOL: not asked.
 */
async function checkBefore(ready: Ready[], hooks: BulkHooks, made: Set<string>): Promise<Ready[]> {
  const folders = new Map<string, Ready[]>();
  const sending: Ready[] = [];
  for (const r of ready) {
    const folder = parentOf(hooks.remoteName(r.action.path));
    if (made.has(folder)) sending.push(r);
    else folders.set(folder, [...(folders.get(folder) ?? []), r]);
  }
  await mapLimit([...folders], 4, async ([folder, items]) => {
    let present: { names: Set<string>; complete: boolean };
    try {
      present = await hooks.dav.childNames(folder, hooks.signal);
    } catch (error) {
      if (error instanceof RemoteError && error.kind === 'notFound') return; // the folder is gone: each file reports it
      throw error;
    }
    if (!present.complete) return; // an entry we could not place might be any of these: each goes alone, with If-None-Match
    for (const r of items) if (!present.names.has(hooks.remoteName(r.action.path).normalize('NFC'))) sending.push(r);
  });
  return sending;
}
