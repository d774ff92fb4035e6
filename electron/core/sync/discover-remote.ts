// Remote discovery: PROPFIND Depth 1 per folder, several at once. On servers with Nextcloud
// properties a folder's ETag changes whenever anything below it changes, so a folder whose ETag
// equals the journal's is not listed: its subtree is taken from the journal (an unchanged tree
// costs one request). Plain WebDAV servers make no such promise, so there every folder is listed.
import type { JournalEntry, LocalEntry, RemoteEntry, Snapshot, SyncIssue, SyncPath } from './model.ts';
import type { DavClient } from './dav-client.ts';
import { RemoteError } from './remote-error.ts';
import type { IgnoreList } from './names.ts';
import { scopeCheck, syncNameProblem, syncPathProblem } from './names.ts';
import { baseName, isUnder, parentOf, subtreeKeys } from './paths.ts';
import { mapLimit } from './pool.ts';

export interface RemoteDiscovery {
  entries: Snapshot<RemoteEntry>;
  issues: SyncIssue[];
  /** Folders that could not be listed: their subtree is left alone on both sides this run. */
  unavailable: SyncPath[];
  nextcloud: boolean;
  /** The root's data fingerprint (Nextcloud), null when the server sends none. */
  dataFingerprint: string | null;
  /** The fingerprint differs from the one the journal knows: the server was restored from a backup. */
  restored: boolean;
  /** Folders listed (requests made), for tests and the benchmark. */
  listed: number;
}

export interface RemoteDiscoveryOptions {
  ignore: IgnoreList;
  excluded: SyncPath[];
  /** 'auto': trust folder ETags when the server sends Nextcloud properties. */
  trustFolderEtags?: 'auto' | 'never';
  concurrency?: number;
  signal?: AbortSignal;
  /** The data fingerprint the journal knows (null: none yet). */
  knownFingerprint?: string | null;
  /** The local disk ignores letter case (exFAT, FAT, NTFS, SMB): server names differing only in case clash. */
  foldCase?: boolean;
}

/**
 * Server siblings whose names differ only in letter case, for a disk that cannot hold both
 * (RELIABILITY #19): each group keeps the one the journal knows (else the first by code point);
 * the others are returned, to be reported and left alone on both sides.
 */
export function caseClashLosers(children: RemoteEntry[], journal: Snapshot<JournalEntry>): Set<SyncPath> {
  const groups = new Map<string, RemoteEntry[]>();
  for (const child of children) {
    const folded = child.path.toLowerCase();
    const group = groups.get(folded);
    if (group) group.push(child);
    else groups.set(folded, [child]);
  }
  const losers = new Set<SyncPath>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const winner = sorted.find((c) => journal.has(c.path)) ?? sorted[0]!;
    for (const c of group) if (c !== winner) losers.add(c.path);
  }
  return losers;
}

/**
 * New server names that differ only in letter case from a new local name, for a disk that cannot
 * hold both (RELIABILITY #19): `report.txt` on the server, `Report.txt` here, neither synced yet.
 * Downloading the server's would land on the local file. The local one is kept and uploaded; the
 * server's is returned (the top-most of a subtree), to be reported and left alone on both sides,
 * as for a clash between two server names. A name either side has synced before is not a clash but
 * a rename or a replacement, which reconcile handles.
 */
export function localCaseClashLosers(remote: Snapshot<RemoteEntry>, local: Snapshot<LocalEntry>, journal: Snapshot<JournalEntry>): SyncPath[] {
  const newLocal = new Map<string, SyncPath>();
  for (const path of local.keys()) if (!journal.has(path) && !remote.has(path)) newLocal.set(path.toLowerCase(), path);
  if (newLocal.size === 0) return [];
  const losers = new Set<SyncPath>();
  const insideLoser = (path: SyncPath): boolean => {
    for (let p = parentOf(path); p !== ''; p = parentOf(p)) if (losers.has(p)) return true;
    return false;
  };
  // In path order: a folder comes before what is in it, so only the top-most of a subtree is returned.
  for (const path of [...remote.keys()].sort()) {
    if (path === '' || local.has(path) || journal.has(path) || insideLoser(path)) continue;
    const twin = newLocal.get(path.toLowerCase());
    if (twin !== undefined && twin !== path) losers.add(path);
  }
  return [...losers];
}

/**
 * Children in an order that does not depend on the server's: where two names differ only in
 * Unicode form (NFC and NFD), the one already in NFC comes first and is the one synced.
 */
function inSpellingOrder(children: RemoteEntry[]): RemoteEntry[] {
  const rank = (c: RemoteEntry): number => (c.name === c.path ? 0 : 1);
  return [...children].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export const fromJournal = (j: JournalEntry): RemoteEntry => ({
  path: j.path, name: j.path, type: j.type, etag: j.remoteEtag, fileId: j.remoteFileId,
  permissions: j.remotePermissions, size: j.remoteSize, mtimeMs: j.remoteMtimeMs, checksum: null,
});

export async function discoverRemote(dav: DavClient, journal: Snapshot<JournalEntry>, options: RemoteDiscoveryOptions): Promise<RemoteDiscovery> {
  const entries: Snapshot<RemoteEntry> = new Map();
  const issues: SyncIssue[] = [];
  const unavailable: SyncPath[] = [];
  let listed = 0;
  let nextcloud = false;
  // A listing holding files carried no ownCloud/Nextcloud property at all (not even a checksum):
  // the folders listed after it are asked for the DAV: properties only (dav-client.ts,
  // LEAN_PROPFIND_BYTES). One listing with such a property rules it out; decided again each run.
  let plain: boolean | null = null;
  let dataFingerprint: string | null = null;
  let restored = false;
  const journalKeys = [...journal.keys()].sort();

  const synced = scopeCheck(options.ignore);
  const fillFromJournal = (dir: SyncPath): void => {
    // Only what would have been listed: a name the journal holds from before a rule changed is left alone.
    for (const key of subtreeKeys(journalKeys, dir)) if (synced(key)) entries.set(key, fromJournal(journal.get(key)!));
  };

  /** Lists one folder: `dir` is its key (NFC), `serverName` its own spelling, which requests must use. */
  const visit = async (dir: SyncPath, serverName: string): Promise<{ key: SyncPath; name: string }[]> => {
    listed++;
    const lean = plain === true;
    const listing = await dav.list(serverName, options.signal, lean);
    if (listing.ownCloudProps) plain = false;
    else if (!lean && plain === null && listing.children.some((c) => c.type === 'file')) plain = true;
    if (dir === '') {
      nextcloud = listing.nextcloud;
      dataFingerprint = listing.dataFingerprint;
      restored = dataFingerprint !== null && options.knownFingerprint != null && dataFingerprint !== options.knownFingerprint;
    }
    entries.set(dir, listing.self);
    // After a restore the journal's folder ETags say nothing about the server: list everything.
    const trust = nextcloud && !restored && options.trustFolderEtags !== 'never';
    const next: { key: SyncPath; name: string }[] = [];
    const clashing = options.foldCase ? caseClashLosers(listing.children, journal) : null;
    for (const dropped of listing.dropped) {
      issues.push({ path: dir, kind: 'listing-entry-dropped', message: `the server listed an entry that is not in this folder, ignored: ${dropped.reason} (${dropped.href})` });
    }
    for (const child of inSpellingOrder(listing.children)) {
      const key = child.path;
      if (options.excluded.some((x) => isUnder(key, x))) continue;
      if (options.ignore.isIgnored(key)) {
        issues.push({ path: key, kind: 'ignored-remote', message: 'on the server, but matches the ignore list: not downloaded' });
        continue;
      }
      if (clashing?.has(key)) {
        unavailable.push(key);
        issues.push({ path: key, kind: 'case-clash', message: 'another name on the server differs only in upper/lower case, and this computer’s disk cannot hold both: this one is not synced (rename one on the server)' });
        continue;
      }
      const problem = syncNameProblem(baseName(child.name)) ?? syncPathProblem(key);
      if (problem) {
        issues.push({ path: key, kind: 'invalid-name-remote', message: `not downloaded: ${problem}` });
        continue;
      }
      if (child.type === 'file' && child.etag === '') {
        // No ETag (a per-prop 404): we cannot tell if it changed. An error for this item, never a delete.
        unavailable.push(key);
        issues.push({ path: key, kind: 'remote-error', message: 'the server sent no ETag for this file: left alone' });
        continue;
      }
      if (entries.has(key)) {
        issues.push({ path: key, kind: 'case-clash', message: 'two names on the server differ only in Unicode form: one is not synced' });
        continue;
      }
      entries.set(key, child);
      if (child.type !== 'dir') continue;
      const known = journal.get(key);
      if (trust && known?.type === 'dir' && known.remoteEtag !== '' && known.remoteEtag === child.etag) fillFromJournal(key);
      else next.push({ key, name: child.name });
    }
    return next;
  };

  // The root must answer; anything else means no propagation at all this run. Below it, level by
  // level, a few listings at a time; a folder that fails is left alone, its siblings still sync.
  let level = await visit('', '');
  while (level.length) {
    const results = await mapLimit(level, options.concurrency ?? 4, async (dir) => {
      try {
        return await visit(dir.key, dir.name);
      } catch (error) {
        if (error instanceof RemoteError && error.stopsRun) throw error;
        unavailable.push(dir.key);
        issues.push({ path: dir.key, kind: 'remote-error', message: `folder not listed, left alone this time: ${(error as Error).message}` });
        return [];
      }
    });
    level = results.flat();
  }
  return { entries, issues, unavailable, nextcloud, dataFingerprint, restored, listed };
}
