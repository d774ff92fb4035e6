// Properties of reconcile over random trees (fast-check): whatever the three states, nothing
// that changed since the last sync is ever deleted, every path gets at most one action, and
// "keep the files" leaves no deletion at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../electron/core/sync/reconcile.ts';
import type { JournalEntry, LocalEntry, RemoteEntry, SyncAction } from '../../../electron/core/sync/model.ts';
import { isUnder } from '../../../electron/core/sync/paths.ts';

const names = ['a', 'b', 'c', 'a/x', 'a/y', 'b/z', 'a/x/deep'];
const dirs = new Set(['a', 'b', 'a/x']);

/** For every path: absent, or present with a state 0..2 (0 = as the journal remembers). */
const sideArb = fc.array(fc.constantFrom<number | null>(null, 0, 0, 1, 2), { minLength: names.length, maxLength: names.length });
const scenarioArb = fc.record({ journal: sideArb, local: sideArb, remote: sideArb, restore: fc.boolean() });

function build(s: { journal: (number | null)[]; local: (number | null)[]; remote: (number | null)[] }) {
  const j = new Map<string, JournalEntry>();
  const l = new Map<string, LocalEntry>();
  const r = new Map<string, RemoteEntry>();
  names.forEach((path, i) => {
    const type = dirs.has(path) ? 'dir' : 'file';
    // A child exists on a side only if its parent does there too.
    const parentOk = (m: Map<string, unknown>) => !path.includes('/') || m.has(path.slice(0, path.lastIndexOf('/')));
    if (s.journal[i] !== null && parentOk(j)) j.set(path, { path, type, localInode: i + 1, localSize: 10, localMtimeMs: 1, remoteEtag: 'e0', remoteFileId: `id${i}`, remotePermissions: null, remoteSize: 10, remoteMtimeMs: 1 });
    const lv = s.local[i];
    if (lv !== null && lv !== undefined && parentOk(l)) l.set(path, { path, name: path, type, inode: i + 1, size: 10 + (lv ?? 0), mtimeMs: 1, });
    const rv = s.remote[i];
    if (rv !== null && rv !== undefined && parentOk(r)) r.set(path, { path, name: path, type, etag: `e${rv}`, fileId: `id${i}`, permissions: null, size: 10, mtimeMs: 1, checksum: null });
  });
  return { j, l, r };
}

const target = (a: SyncAction): string => ('to' in a ? a.to : a.path);

describe('reconcile properties', () => {
  it('never deletes what changed since the last sync, never acts twice on a path, and "keep" means no deletes', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const { j, l, r } = build(s);
      const { actions } = reconcile(j, l, r, { restoreDeletes: s.restore });
      const seen = new Set<string>();
      for (const a of actions) {
        expect(seen.has(target(a))).toBe(false);
        seen.add(target(a));
        if (a.kind === 'deleteLocal' || a.kind === 'deleteRemote') {
          expect(s.restore).toBe(false);
          // Everything that would go must be exactly as the journal remembers it, on the side it goes from.
          const side = a.kind === 'deleteLocal' ? l : r;
          for (const [path] of side) {
            if (!isUnder(path, a.path)) continue;
            const je = j.get(path);
            expect(je).toBeDefined();
            if (a.kind === 'deleteLocal' && je!.type === 'file') expect(l.get(path)!.size).toBe(je!.localSize);
            if (a.kind === 'deleteRemote' && je!.type === 'file') expect(r.get(path)!.etag).toBe(je!.remoteEtag);
          }
          // And it is gone on the other side.
          expect((a.kind === 'deleteLocal' ? r : l).has(a.path)).toBe(false);
        }
      }
    }), { numRuns: 3000 });
  });

  it('an empty plan means no file changed on either side (no change goes unnoticed)', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const { j, l, r } = build(s);
      const first = reconcile(j, l, r).actions;
      // If nothing is planned, every file must be as the journal remembers on both sides.
      if (first.length === 0) {
        for (const [path, je] of j) {
          const le = l.get(path);
          const re = r.get(path);
          if (je.type === 'file' && le && re) {
            expect(le.size).toBe(je.localSize);
            expect(re.etag).toBe(je.remoteEtag);
          }
        }
      }
    }), { numRuns: 1000 });
  });
});
