// Types shared by every phase of the sync engine (discover → reconcile → propagate). Paths are
// relative to the sync root, '/'-separated, NFC-normalised: the key all three sides agree on.

/** Relative path key: no leading slash, NFC, '' is the root. */
export type SyncPath = string;
export type EntryType = 'file' | 'dir';

/** What the local walk saw. `name` is the real relative path on disk (may differ from the NFC key). */
export interface LocalEntry {
  path: SyncPath;
  name: string;
  type: EntryType;
  inode: number;
  size: number;
  mtimeMs: number;
}

/** What PROPFIND saw. `name` is the real relative path on the server. */
export interface RemoteEntry {
  path: SyncPath;
  name: string;
  type: EntryType;
  etag: string;
  /** Nextcloud oc:fileid; null on plain WebDAV servers. */
  fileId: string | null;
  /** Nextcloud oc:permissions (e.g. 'RGDNVW'); null when the server does not say. */
  permissions: string | null;
  size: number;
  mtimeMs: number;
  /** e.g. 'SHA1:abc…' from oc:checksums, when offered. */
  checksum: string | null;
}

/** The state both sides had when this path was last in sync. */
export interface JournalEntry {
  path: SyncPath;
  type: EntryType;
  localInode: number;
  localSize: number;
  localMtimeMs: number;
  remoteEtag: string;
  remoteFileId: string | null;
  remotePermissions: string | null;
  remoteSize: number;
  remoteMtimeMs: number;
}

export type Snapshot<T> = Map<SyncPath, T>;

/** One step of a plan. Moves come first, then creations, transfers, deletions. */
export type SyncAction =
  | { kind: 'moveLocal'; from: SyncPath; to: SyncPath }
  | { kind: 'moveRemote'; from: SyncPath; to: SyncPath }
  | { kind: 'mkdirLocal'; path: SyncPath }
  | { kind: 'mkdirRemote'; path: SyncPath }
  | { kind: 'download'; path: SyncPath; isNew: boolean }
  | { kind: 'upload'; path: SyncPath; isNew: boolean }
  /** Both sides changed (or both created): compare bytes, keep both if they differ. */
  | { kind: 'conflict'; path: SyncPath }
  | { kind: 'deleteLocal'; path: SyncPath; type: EntryType; files: number }
  | { kind: 'deleteRemote'; path: SyncPath; type: EntryType; files: number }
  /** Both sides agree (or both deleted): only the journal changes. */
  | { kind: 'record'; path: SyncPath }
  | { kind: 'forget'; path: SyncPath };

export type ActionKind = SyncAction['kind'];

/** Why an item is not synced; each has a text in both languages (renderer i18n `sync:skipped.<kind>`). */
export const SYNC_ISSUE_KINDS = [
  'symlink', 'special-file', 'invalid-name-remote', 'invalid-name-local', 'ignored-remote', 'listing-entry-dropped',
  'read-only', 'type-change', 'unreadable', 'remote-error', 'case-clash', 'server-restored',
] as const;

/** An item the run cannot sync, with the reason; never a reason to delete anything. */
export interface SyncIssue {
  path: SyncPath;
  kind: (typeof SYNC_ISSUE_KINDS)[number];
  message: string;
}

export interface SyncPlan {
  actions: SyncAction[];
  /** Files that would be deleted on each side (folders counted by the files inside). */
  deletes: { local: number; remote: number };
}
