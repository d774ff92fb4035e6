// After a run that changed the server, learns the new ETags of the folders it changed, so the next
// run costs one PROPFIND again (the root's) instead of listing each of them (Nextcloud-shaped
// servers only: there a folder's ETag changes whenever anything below it does).
//
// A folder's new ETag is stored only when its listing shows exactly what the journal holds (every
// child present, with the journal's ETag): then nothing changed there but our own work. A
// colleague's change that slipped in between (a new file, a changed one, a subfolder's new ETag)
// leaves the folder unsettled, and the next run lists it as before. Deepest folders first, so a
// parent compares its subfolders with the ETags just learned for them.
import type { DavClient } from './dav-client.ts';
import type { Journal } from './journal.ts';
import type { SyncPath } from './model.ts';
import { parentOf } from './paths.ts';
import { mapLimit } from './pool.ts';

export interface FolderToSettle {
  key: SyncPath;
  /** The folder's name as the server spells it (requests must use it). */
  serverName: string;
}

export interface SettleOptions {
  dav: DavClient;
  journal: Journal;
  folders: FolderToSettle[];
  /** Names discovery never looks at (excluded folders, ignore patterns): not compared. */
  skipped(key: SyncPath): boolean;
  concurrency: number;
  signal?: AbortSignal;
}

/** Every folder above each path, the root excepted (the root is listed by every run anyway). */
export function foldersAbove(paths: Iterable<SyncPath>): Set<SyncPath> {
  const folders = new Set<SyncPath>();
  for (const p of paths) for (let dir = parentOf(p); dir !== '' && !folders.has(dir); dir = parentOf(dir)) folders.add(dir);
  return folders;
}

/** Returns how many folders were settled. A listing that fails settles nothing: the next run lists it. */
export async function settleFolderEtags(o: SettleOptions): Promise<number> {
  if (o.folders.length === 0) return 0; // a run that changed nothing on the server: no index of the whole journal
  const childrenOf = new Map<SyncPath, SyncPath[]>();
  for (const key of o.journal.all().keys()) {
    if (key === '') continue;
    const parent = parentOf(key);
    const list = childrenOf.get(parent);
    if (list) list.push(key);
    else childrenOf.set(parent, [key]);
  }
  const depth = (p: SyncPath): number => p.split('/').length;
  const levels = new Map<number, FolderToSettle[]>();
  for (const f of o.folders) levels.set(depth(f.key), [...(levels.get(depth(f.key)) ?? []), f]);
  let settled = 0;
  for (const d of [...levels.keys()].sort((a, b) => b - a)) {
    await mapLimit(levels.get(d)!, o.concurrency, async (folder) => {
      if (o.signal?.aborted) return;
      const known = o.journal.get(folder.key);
      if (known?.type !== 'dir') return;
      let listing;
      try {
        listing = await o.dav.list(folder.serverName, o.signal);
      } catch {
        return; // not settled: the next run lists this folder, as it would have anyway
      }
      if (listing.dropped.length > 0) return;
      const expected = new Set((childrenOf.get(folder.key) ?? []).filter((key) => !o.skipped(key)));
      for (const child of listing.children) {
        if (o.skipped(child.path)) continue;
        const j = o.journal.get(child.path);
        if (!j || j.type !== child.type || j.remoteEtag === '' || j.remoteEtag !== child.etag) return;
        expected.delete(child.path);
      }
      if (expected.size > 0) return; // the journal holds something the server no longer lists
      o.journal.put({ ...known, remoteEtag: listing.self.etag, remoteFileId: listing.self.fileId ?? known.remoteFileId, remotePermissions: listing.self.permissions });
      settled++;
    });
  }
  return settled;
}
