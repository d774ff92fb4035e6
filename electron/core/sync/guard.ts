// The safety stops before anything is deleted (RELIABILITY.md, sync faults 1, 3, 4): many
// deletions at once, a server listing that is suddenly empty, or an empty local folder while the
// journal remembers files (an unmounted disk). Pure. When one trips, the engine holds the
// deletions alone and asks; every other change of the plan still runs.
import type { EntryType, JournalEntry, LocalEntry, RemoteEntry, Snapshot, SyncPath, SyncPlan } from './model.ts';

/** One deletion waiting for the person's answer: `side` is where it would delete. */
export interface HeldDelete {
  path: SyncPath;
  side: 'local' | 'server';
  type: EntryType;
  files: number;
}

/** At most this many held deletions are listed (the counts stay exact). */
export const MAX_HELD_LISTED = 200;

export type Confirmation = {
  kind: 'mass-delete' | 'remote-empty' | 'local-empty';
  localDeletes: number;
  remoteDeletes: number;
  /** What is held (the top-most item of each deletion), for the Files panel and the CLI. */
  held: HeldDelete[];
};

/** Returns what must be confirmed before this plan may run, or null. */
export function checkDeletions(
  plan: SyncPlan, journal: Snapshot<JournalEntry>, local: Snapshot<LocalEntry>, remote: Snapshot<RemoteEntry>, threshold: number,
): Confirmation | null {
  const { local: localDeletes, remote: remoteDeletes } = plan.deletes;
  if (localDeletes + remoteDeletes === 0) return null;
  const tracked = [...journal.keys()].filter((k) => k !== '').length;
  const held: HeldDelete[] = [];
  for (const a of plan.actions) {
    if (held.length >= MAX_HELD_LISTED) break;
    if (a.kind === 'deleteLocal' || a.kind === 'deleteRemote') held.push({ path: a.path, side: a.kind === 'deleteLocal' ? 'local' : 'server', type: a.type, files: a.files });
  }
  const counts = { localDeletes, remoteDeletes, held };
  const remoteChildren = [...remote.keys()].some((k) => k !== '');
  if (!remoteChildren && tracked > 0 && localDeletes > 0) return { kind: 'remote-empty', ...counts };
  if (local.size === 0 && tracked > 0 && remoteDeletes > 0) return { kind: 'local-empty', ...counts };
  const trackedFiles = [...journal.values()].filter((e) => e.type === 'file').length;
  // "Half of the tree" only counts from 10 files up, or deleting 2 of 3 files would always ask.
  const halfTree = trackedFiles >= 10 && Math.max(localDeletes, remoteDeletes) > trackedFiles / 2;
  if (localDeletes > threshold || remoteDeletes > threshold || halfTree) return { kind: 'mass-delete', ...counts };
  return null;
}
