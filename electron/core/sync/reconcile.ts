// The three-way merge: journal (last agreed state) vs local vs remote → a plan of actions. Pure:
// no I/O, so every case is a unit test (test/unit/sync/reconcile.test.ts). Rules: an edit beats
// a delete, both edited keeps both (conflict), moves are matched by fileid (remote) or inode
// (local) and become one MOVE, and nothing is deleted that changed since the last sync.
import type { JournalEntry, LocalEntry, RemoteEntry, Snapshot, SyncAction, SyncIssue, SyncPath, SyncPlan } from './model.ts';
import { isUnder, parentOf, rebase, subtreeKeys } from './paths.ts';

export interface ReconcileOptions {
  /** The user declined the pending deletions: bring the deleted items back from the other side. */
  restoreDeletes?: boolean;
}

export interface ReconcileResult extends SyncPlan {
  issues: SyncIssue[];
}

const localSame = (l: LocalEntry, j: JournalEntry): boolean =>
  l.type === j.type && (l.type === 'dir' || (l.size === j.localSize && l.mtimeMs === j.localMtimeMs));
/** How far a listed modification time may be from the server's clock at our PUT's answer. */
export const PENDING_ETAG_SLACK_MS = 2000;
/**
 * A file we uploaded to a plain WebDAV server, whose ETag the journal has yet to learn (''; see
 * propagate): the listed version is ours if its size matches and its modification time is the
 * one we sent (X-OC-MTime, on servers that keep it) or within a moment of the server's clock when
 * it answered our PUT. Anything else counts as changed there: a download, never a lost change.
 */
export const pendingEtagMatches = (r: RemoteEntry, j: JournalEntry): boolean =>
  j.remoteEtag === '' && r.type === 'file' && j.type === 'file' && r.etag !== '' && r.size === j.remoteSize &&
  (r.mtimeMs === Math.floor(j.localMtimeMs / 1000) * 1000 || (j.remoteMtimeMs > 0 && Math.abs(r.mtimeMs - j.remoteMtimeMs) <= PENDING_ETAG_SLACK_MS));
const remoteSame = (r: RemoteEntry, j: JournalEntry): boolean =>
  r.type === j.type && (r.type === 'dir' || r.etag === j.remoteEtag || pendingEtagMatches(r, j));
const may = (permissions: string | null | undefined, letter: string): boolean => permissions == null || permissions.includes(letter);

export function reconcile(
  journal: Snapshot<JournalEntry>,
  localIn: Snapshot<LocalEntry>,
  remoteIn: Snapshot<RemoteEntry>,
  options: ReconcileOptions = {},
): ReconcileResult {
  const j = new Map(journal);
  const local = new Map(localIn);
  const remote = new Map(remoteIn);
  const moves: SyncAction[] = [];
  detectRemoteMoves(j, local, remote, moves);
  inferRemoteMoves(j, local, remote, moves);
  detectLocalMoves(j, local, remote, moves);

  const actions: SyncAction[] = [];
  const issues: SyncIssue[] = [];
  const deletes = { local: 0, remote: 0 };
  const localKeys = [...local.keys()].sort();
  const remoteKeys = [...remote.keys()].sort();
  const all = [...new Set([...j.keys(), ...local.keys(), ...remote.keys()])].sort();
  const skip: SyncPath[] = [];
  const fresh: SyncPath[] = []; // subtrees whose journal no longer counts: everything in them is new
  const under = (list: SyncPath[], p: SyncPath): boolean => list.some((prefix) => isUnder(p, prefix));
  const countFiles = (keys: SyncPath[], snap: Map<SyncPath, { type: string }>, p: SyncPath): number =>
    subtreeKeys(keys, p).filter((k) => snap.get(k)?.type === 'file').length;
  const issue = (path: SyncPath, kind: SyncIssue['kind'], message: string): void => {
    issues.push({ path, kind, message });
  };

  for (const p of all) {
    if (p === '' || under(skip, p)) continue;
    const J = under(fresh, p) ? undefined : j.get(p);
    const L = local.get(p);
    const R = remote.get(p);
    const parentPerms = remote.get(parentOf(p))?.permissions;

    if (!J) {
      if (j.has(p) && !L && !R) actions.push({ kind: 'forget', path: p });
      else if (L && R) {
        if (L.type === 'dir' && R.type === 'dir') actions.push({ kind: 'record', path: p });
        else if (L.type === 'file' && R.type === 'file') actions.push({ kind: 'conflict', path: p });
        else {
          issue(p, 'type-change', 'a file on one side and a folder on the other: rename one of them');
          skip.push(p);
        }
      } else if (L) {
        if (!may(parentPerms, L.type === 'dir' ? 'K' : 'C')) {
          issue(p, 'read-only', 'the server folder is read-only: this item is not uploaded');
          skip.push(p);
        } else actions.push(L.type === 'dir' ? { kind: 'mkdirRemote', path: p } : { kind: 'upload', path: p, isNew: true });
      } else if (R) actions.push(R.type === 'dir' ? { kind: 'mkdirLocal', path: p } : { kind: 'download', path: p, isNew: true });
      continue;
    }

    if (!L && !R) {
      actions.push({ kind: 'forget', path: p });
    } else if (L && R) {
      if (L.type !== J.type || R.type !== J.type) {
        issue(p, 'type-change', 'changed between file and folder: rename one of them');
        skip.push(p);
      } else if (J.type === 'dir') {
        if (L.inode !== J.localInode || R.fileId !== J.remoteFileId) actions.push({ kind: 'record', path: p });
      } else {
        const lc = !localSame(L, J);
        const rc = !remoteSame(R, J);
        if (lc && rc) actions.push({ kind: 'conflict', path: p });
        else if (lc) {
          if (may(R.permissions, 'W')) actions.push({ kind: 'upload', path: p, isNew: false });
          else issue(p, 'read-only', 'the server copy is read-only: your local change is not uploaded');
        } else if (rc) actions.push({ kind: 'download', path: p, isNew: false });
        else if (L.inode !== J.localInode || R.fileId !== J.remoteFileId || R.etag !== J.remoteEtag) actions.push({ kind: 'record', path: p });
      }
    } else if (L) {
      // Gone on the server.
      const unchanged =
        L.type === J.type && subtreeKeys(localKeys, p).every((k) => {
          const jk = j.get(k);
          const lk = local.get(k);
          return jk !== undefined && lk !== undefined && localSame(lk, jk);
        }) && localSame(L, J);
      if (unchanged && !options.restoreDeletes) {
        const files = J.type === 'dir' ? countFiles(localKeys, local, p) : 1;
        actions.push({ kind: 'deleteLocal', path: p, type: J.type, files });
        deletes.local += files;
        skip.push(p);
      } else {
        actions.push(L.type === 'dir' ? { kind: 'mkdirRemote', path: p } : { kind: 'upload', path: p, isNew: true });
        fresh.push(p);
      }
    } else if (R) {
      // Gone locally.
      const unchanged =
        R.type === J.type && remoteSame(R, J) && subtreeKeys(remoteKeys, p).every((k) => {
          const jk = j.get(k);
          const rk = remote.get(k);
          return jk !== undefined && rk !== undefined && remoteSame(rk, jk);
        });
      if (unchanged && !options.restoreDeletes && may(R.permissions, 'D')) {
        const files = J.type === 'dir' ? countFiles(remoteKeys, remote, p) : 1;
        actions.push({ kind: 'deleteRemote', path: p, type: J.type, files });
        deletes.remote += files;
        skip.push(p);
      } else {
        actions.push(R.type === 'dir' ? { kind: 'mkdirLocal', path: p } : { kind: 'download', path: p, isNew: true });
        fresh.push(p);
      }
    }
  }
  return { actions: order([...moves, ...actions]), deletes, issues };
}

/** Moves and folder creations parent-first (by target), transfers, deletions deepest first, journal-only last. */
function order(actions: SyncAction[]): SyncAction[] {
  const target = (a: SyncAction): string => ('to' in a ? a.to : a.path);
  const rank = (a: SyncAction): number => {
    switch (a.kind) {
      case 'moveLocal': case 'moveRemote': case 'mkdirLocal': case 'mkdirRemote': return 0;
      case 'download': case 'upload': case 'conflict': return 1;
      case 'deleteLocal': case 'deleteRemote': return 2;
      default: return 3;
    }
  };
  return actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => {
      const rx = rank(x.a);
      const ry = rank(y.a);
      if (rx !== ry) return rx - ry;
      if (rx === 0) return target(x.a) < target(y.a) ? -1 : target(x.a) > target(y.a) ? 1 : x.i - y.i;
      if (rx === 2) return target(y.a).length - target(x.a).length || x.i - y.i;
      return x.i - y.i;
    })
    .map((x) => x.a);
}

/** Whether a folder above q that the journal knows is gone here: a move there would bring it back half-way. */
function insideFolderDeletedHere(j: Map<SyncPath, JournalEntry>, local: Map<SyncPath, LocalEntry>, q: SyncPath): boolean {
  for (let up = parentOf(q); up !== ''; up = parentOf(up)) if (j.has(up) && !local.has(up)) return true;
  return false;
}

function detectRemoteMoves(j: Map<SyncPath, JournalEntry>, local: Map<SyncPath, LocalEntry>, remote: Map<SyncPath, RemoteEntry>, out: SyncAction[]): void {
  let byFileId: Map<string, SyncPath> | null = null;
  for (const q of [...remote.keys()].sort()) {
    const R = remote.get(q);
    if (!R?.fileId || q === '') continue;
    if (j.get(q)?.remoteFileId === R.fileId) continue;
    byFileId ??= new Map([...j.values()].filter((e) => e.remoteFileId).map((e) => [e.remoteFileId!, e.path]));
    const p = byFileId.get(R.fileId);
    if (p === undefined || p === q || isUnder(q, p)) continue;
    const J = j.get(p);
    const L = local.get(p);
    if (!J || J.type !== R.type || remote.get(p)?.fileId === R.fileId) continue;
    // Moved here already (a crash between the local rename and the journal's record of it, or the
    // person made the same move): the same file (inode) is at q, so only the journal follows.
    const there = local.get(q);
    const alreadyHere = !L && !j.has(q) && there?.type === J.type && there.inode === J.localInode;
    if (!alreadyHere && (j.has(q) || local.has(q) || !L || L.type !== J.type || L.inode !== J.localInode || insideFolderDeletedHere(j, local, q))) continue;
    out.push({ kind: 'moveLocal', from: p, to: q });
    rebase(j, p, q);
    rebase(local, p, q);
    // Nextcloud gives a moved file a new ETag; same size and mtime means same content.
    const moved = j.get(q)!;
    if (R.type === 'file' && R.size === moved.remoteSize && R.mtimeMs === moved.remoteMtimeMs) j.set(q, { ...moved, remoteEtag: R.etag });
    byFileId = null;
  }
}

/**
 * Remote moves on servers without file ids (Apache mod_dav, rclone, plain WebDAV), inferred from
 * what those servers keep across a MOVE: a file's ETag, size and modification time (measured per
 * server: see README.md, "Moves on servers without file ids"). A new remote path q (no fileid,
 * nothing in the journal or here at q) is the journal's p, gone from the server and unchanged
 * here, only when the evidence is unambiguous:
 * - a file: same non-empty ETag, same size and mtime, and exactly one such pair both ways;
 * - a folder: it holds at least one file, and every file of the journal's subtree of p is under q
 *   with the same relative name and the same ETag, size and mtime, every folder of it too, the
 *   local subtree is unchanged, and no other folder fits either side.
 * Names alone never count. Anything short of that stays delete + download, which loses nothing.
 */
function inferRemoteMoves(j: Map<SyncPath, JournalEntry>, local: Map<SyncPath, LocalEntry>, remote: Map<SyncPath, RemoteEntry>, out: SyncAction[]): void {
  const evidence = (etag: string, size: number, mtimeMs: number): string => `${etag}\u0000${size}\u0000${mtimeMs}`;
  const remoteKey = (r: RemoteEntry): string => evidence(r.etag, r.size, r.mtimeMs);
  const journalKey = (e: JournalEntry): string => evidence(e.remoteEtag, e.remoteSize, e.remoteMtimeMs);
  // New on the server, nothing here or in the journal at q, and not inside a folder deleted here.
  const isNewThere = (q: SyncPath): boolean => {
    const R = remote.get(q);
    return q !== '' && R !== undefined && R.fileId == null && !j.has(q) && !local.has(q) && !insideFolderDeletedHere(j, local, q);
  };
  const usable = (e: JournalEntry | RemoteEntry, etag: string): boolean => e.type === 'dir' || etag !== '';
  // Gone from the server, still here as the journal knows it (same inode; a file's size and mtime).
  const goneKeptHere = (p: SyncPath): boolean => {
    const J = j.get(p);
    const L = local.get(p);
    return p !== '' && J !== undefined && !remote.has(p) && L !== undefined && L.type === J.type && L.inode === J.localInode && localSame(L, J);
  };
  if (![...remote.keys()].some(isNewThere) || ![...j.keys()].some(goneKeptHere)) return;

  // Files by evidence: gone from the server (journal side) and new there (server side). A file move
  // takes one out of each; a folder move changes many, so they are built again after one.
  type Index = { gone: Map<string, SyncPath[]>; fresh: Map<string, SyncPath[]> };
  let index: Index | null = null;
  const add = (m: Map<string, SyncPath[]>, key: string, p: SyncPath): void => {
    const list = m.get(key);
    if (list) list.push(p);
    else m.set(key, [p]);
  };
  const build = (): Index => {
    const gone = new Map<string, SyncPath[]>();
    const fresh = new Map<string, SyncPath[]>();
    for (const [p, e] of j) if (e.type === 'file' && usable(e, e.remoteEtag) && goneKeptHere(p)) add(gone, journalKey(e), p);
    for (const [q, r] of remote) if (r.type === 'file' && usable(r, r.etag) && isNewThere(q)) add(fresh, remoteKey(r), q);
    return { gone, fresh };
  };
  const rKeys = [...remote.keys()].sort();
  let sorted: { j: SyncPath[]; l: SyncPath[] } | null = null; // after a move, sorted again when a folder needs them
  const keys = (): { j: SyncPath[]; l: SyncPath[] } => (sorted ??= { j: [...j.keys()].sort(), l: [...local.keys()].sort() });

  /** Whether the journal's folder p, gone there and unchanged here, is the server's new folder q. */
  const folderFits = (p: SyncPath, q: SyncPath): boolean => {
    if (p === q || isUnder(q, p) || isUnder(p, q) || j.get(p)?.type !== 'dir' || remote.get(q)?.type !== 'dir') return false;
    if (!goneKeptHere(p) || !isNewThere(q)) return false;
    const inJournal = subtreeKeys(keys().j, p);
    const here = subtreeKeys(keys().l, p);
    if (!inJournal.some((k) => j.get(k)!.type === 'file') || here.length !== inJournal.length) return false;
    return inJournal.every((k) => {
      const e = j.get(k)!;
      const r = remote.get(q + k.slice(p.length));
      if (!goneKeptHere(k) || !r || r.type !== e.type || r.fileId != null) return false;
      return e.type === 'dir' || (usable(e, e.remoteEtag) && remoteKey(r) === journalKey(e));
    });
  };
  /** The folders that hold one of `paths` at `rel` (a relative path below the folder, '/' first). */
  const folderCandidates = (paths: SyncPath[] | undefined, rel: string): SyncPath[] =>
    (paths ?? []).filter((x) => x.endsWith(rel) && x.length > rel.length).map((x) => x.slice(0, x.length - rel.length));

  for (const q of [...remote.keys()].sort()) {
    if (!isNewThere(q)) continue;
    const R = remote.get(q)!;
    index ??= build();
    let from: SyncPath | undefined;
    if (R.type === 'file') {
      if (!usable(R, R.etag)) continue;
      const candidates = index.gone.get(remoteKey(R)) ?? [];
      if (candidates.length !== 1 || (index.fresh.get(remoteKey(R)) ?? []).length !== 1) continue;
      from = candidates[0]!;
      if (j.get(from)?.type !== 'file' || isUnder(q, from)) continue;
    } else {
      // Anchor on one file of the new folder that has a gone twin: the folders it may come from
      // hold that twin at the same relative place.
      const gone = index.gone;
      const anchor = subtreeKeys(rKeys, q).find((k) => remote.get(k)!.type === 'file' && gone.has(remoteKey(remote.get(k)!)));
      if (anchor === undefined) continue;
      const fits = folderCandidates(gone.get(remoteKey(remote.get(anchor)!)), anchor.slice(q.length)).filter((p) => folderFits(p, q));
      if (fits.length !== 1) continue;
      from = fits[0]!;
      // And no other new folder fits that journal folder either.
      const back = subtreeKeys(keys().j, from).find((k) => j.get(k)!.type === 'file')!;
      const twins = folderCandidates(index.fresh.get(journalKey(j.get(back)!)), back.slice(from.length)).filter((x) => folderFits(from!, x));
      if (twins.length !== 1) continue;
    }
    out.push({ kind: 'moveLocal', from, to: q });
    rebase(j, from, q);
    rebase(local, from, q);
    sorted = null;
    if (R.type === 'file') {
      index.gone.delete(remoteKey(R));
      index.fresh.delete(remoteKey(R));
    } else index = null;
  }
}

function detectLocalMoves(j: Map<SyncPath, JournalEntry>, local: Map<SyncPath, LocalEntry>, remote: Map<SyncPath, RemoteEntry>, out: SyncAction[]): void {
  let byInode: Map<number, SyncPath> | null = null;
  for (const q of [...local.keys()].sort()) {
    const L = local.get(q);
    if (!L) continue;
    if (j.get(q)?.localInode === L.inode) continue;
    byInode ??= new Map([...j.values()].map((e) => [e.localInode, e.path]));
    const p = byInode.get(L.inode);
    if (p === undefined || p === q || p === '' || isUnder(q, p)) continue;
    const J = j.get(p);
    const R = remote.get(p);
    if (!J || J.type !== L.type || local.get(p)?.inode === L.inode) continue;
    if (L.type === 'file' && (L.size !== J.localSize || L.mtimeMs !== J.localMtimeMs)) continue;
    if (j.has(q) || remote.has(q) || !R || R.type !== J.type) continue;
    if (J.remoteFileId && R.fileId && J.remoteFileId !== R.fileId) continue;
    if (!may(R.permissions, 'N') && !may(R.permissions, 'V')) continue;
    out.push({ kind: 'moveRemote', from: p, to: q });
    rebase(j, p, q);
    rebase(remote, p, q);
    byInode = null;
  }
}
