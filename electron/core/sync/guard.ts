// The safety stops before anything is deleted (RELIABILITY.md, sync faults 1, 3, 4): many
// deletions at once, a server listing that is suddenly empty, or an empty local folder while the
// journal remembers files (an unmounted disk). Pure: the engine pauses and asks when one trips.
import type { JournalEntry, LocalEntry, RemoteEntry, Snapshot, SyncPlan } from './model.ts';

export type Confirmation =
  | { kind: 'mass-delete'; localDeletes: number; remoteDeletes: number }
  | { kind: 'remote-empty'; localDeletes: number; remoteDeletes: number }
  | { kind: 'local-empty'; localDeletes: number; remoteDeletes: number };

/** Returns what must be confirmed before this plan may run, or null. */
export function checkDeletions(
  plan: SyncPlan, journal: Snapshot<JournalEntry>, local: Snapshot<LocalEntry>, remote: Snapshot<RemoteEntry>, threshold: number,
): Confirmation | null {
  const { local: localDeletes, remote: remoteDeletes } = plan.deletes;
  if (localDeletes + remoteDeletes === 0) return null;
  const tracked = [...journal.keys()].filter((k) => k !== '').length;
  const counts = { localDeletes, remoteDeletes };
  const remoteChildren = [...remote.keys()].some((k) => k !== '');
  if (!remoteChildren && tracked > 0 && localDeletes > 0) return { kind: 'remote-empty', ...counts };
  if (local.size === 0 && tracked > 0 && remoteDeletes > 0) return { kind: 'local-empty', ...counts };
  const trackedFiles = [...journal.values()].filter((e) => e.type === 'file').length;
  // "Half of the tree" only counts from 10 files up, or deleting 2 of 3 files would always ask.
  const halfTree = trackedFiles >= 10 && Math.max(localDeletes, remoteDeletes) > trackedFiles / 2;
  if (localDeletes > threshold || remoteDeletes > threshold || halfTree) return { kind: 'mass-delete', ...counts };
  return null;
}
