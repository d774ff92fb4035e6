import { describe, expect, it } from 'vitest';
import { checkDeletions, MAX_HELD_LISTED } from '../../../electron/core/sync/guard.ts';
import type { JournalEntry, SyncPlan } from '../../../electron/core/sync/model.ts';

const journal = (files: number): Map<string, JournalEntry> => new Map(Array.from({ length: files }, (_, i) => {
  const path = `f${i}`;
  return [path, { path, type: 'file', localInode: i, localSize: 1, localMtimeMs: 1, remoteEtag: 'e', remoteFileId: null, remotePermissions: null, remoteSize: 1, remoteMtimeMs: 1 }];
}));
const plan = (local: number, remote: number): SyncPlan => ({ actions: [], deletes: { local, remote } });
const some = new Map([['x', {}]]) as never;

describe('deletion guard', () => {
  it('no deletions: nothing to ask', () => expect(checkDeletions(plan(0, 0), journal(500), some, some, 100)).toBeNull());
  it('under the threshold and under half: runs', () => expect(checkDeletions(plan(3, 2), journal(20), some, some, 100)).toBeNull());
  it('over the threshold (default 100 files): asks', () => expect(checkDeletions(plan(101, 0), journal(1000), some, some, 100)).toMatchObject({ kind: 'mass-delete', localDeletes: 101, remoteDeletes: 0 }));
  it('the threshold is a setting', () => expect(checkDeletions(plan(0, 6), journal(1000), some, some, 5)?.kind).toBe('mass-delete'));
  it('more than half of the tree: asks', () => expect(checkDeletions(plan(0, 11), journal(20), some, some, 100)?.kind).toBe('mass-delete'));
  it('half of a tiny tree does not ask (under 10 files)', () => expect(checkDeletions(plan(0, 3), journal(4), some, some, 100)).toBeNull());
  it('a suddenly empty server listing: asks, whatever the numbers', () => expect(checkDeletions(plan(2, 0), journal(2), some, new Map([['', {}]]) as never, 100)?.kind).toBe('remote-empty'));
  it('an empty local folder (unmounted disk?): asks', () => expect(checkDeletions(plan(0, 2), journal(2), new Map(), some, 100)?.kind).toBe('local-empty'));
  it('lists what it holds: each deletion once, capped, the counts exact', () => {
    const actions = Array.from({ length: 250 }, (_, i) => ({ kind: 'deleteRemote' as const, path: `f${i}`, type: 'file' as const, files: 1 }));
    const asked = checkDeletions({ actions: [{ kind: 'upload', path: 'new', isNew: true }, ...actions], deletes: { local: 0, remote: 250 } }, journal(300), some, some, 100);
    expect(asked?.remoteDeletes).toBe(250);
    expect(asked?.held).toHaveLength(MAX_HELD_LISTED);
    expect(asked?.held[0]).toEqual({ path: 'f0', side: 'server', type: 'file', files: 1 });
  });
});
