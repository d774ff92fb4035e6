// Properties of the move inference on servers without file ids (reconcile.ts, inferRemoteMoves),
// over random trees and random server-side renames, edits, copies and deletes, with ETags, sizes
// and mtimes drawn from small pools so that look-alikes are common: a move is only ever inferred
// when every file it carries has the journal's ETag, size and mtime at its new place and is
// unchanged here, never two moves from one place or to one place, and nothing changed is deleted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../electron/core/sync/reconcile.ts';
import type { JournalEntry, LocalEntry, RemoteEntry, SyncAction } from '../../../electron/core/sync/model.ts';
import { isUnder, parentOf, rebase } from '../../../electron/core/sync/paths.ts';

const paths = ['a', 'a/f1', 'a/f2', 'a/s', 'a/s/f3', 'b', 'b/f1', 'b/f2', 'c1', 'c2'];
const dirs = new Set(['a', 'a/s', 'b']);
const targets = ['a2', 'b2', 'n', 'n/x', 'c3', 'a/c4', 'b/f9'];

const evidenceArb = fc.record({ etag: fc.constantFrom<string>('e1', 'e2', 'e3', ''), size: fc.constantFrom<number>(1, 2), mtime: fc.constantFrom<number>(1000, 2000) });
const opArb = fc.oneof(
  fc.record({ op: fc.constant('move' as const), from: fc.constantFrom(...paths), to: fc.constantFrom(...targets) }),
  fc.record({ op: fc.constant('copy' as const), from: fc.constantFrom(...paths), to: fc.constantFrom(...targets) }),
  fc.record({ op: fc.constant('edit' as const), from: fc.constantFrom(...paths), to: fc.constant('') }),
  fc.record({ op: fc.constant('delete' as const), from: fc.constantFrom(...paths), to: fc.constant('') }),
);
const scenarioArb = fc.record({
  evidence: fc.array(evidenceArb, { minLength: paths.length, maxLength: paths.length }),
  ops: fc.array(opArb, { maxLength: 3 }),
  localEdits: fc.array(fc.constantFrom(...paths), { maxLength: 2 }),
  localDeletes: fc.array(fc.constantFrom(...paths), { maxLength: 1 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const j = new Map<string, JournalEntry>();
  paths.forEach((path, i) => {
    const e = s.evidence[i]!;
    const dir = dirs.has(path);
    j.set(path, {
      path, type: dir ? 'dir' : 'file', localInode: i + 1, localSize: dir ? 0 : e.size, localMtimeMs: dir ? 0 : e.mtime,
      remoteEtag: dir ? `d${i}` : e.etag, remoteFileId: null, remotePermissions: null, remoteSize: dir ? 0 : e.size, remoteMtimeMs: dir ? 0 : e.mtime,
    });
  });
  const r = new Map<string, RemoteEntry>([...j.values()].map((e) => [e.path, {
    path: e.path, name: e.path, type: e.type, etag: e.remoteEtag, fileId: null, permissions: null, size: e.remoteSize, mtimeMs: e.remoteMtimeMs, checksum: null,
  }]));
  for (const { op, from, to } of s.ops) {
    if (!r.has(from)) continue;
    if (op === 'edit') {
      const e = r.get(from)!;
      if (e.type === 'file') r.set(from, { ...e, etag: `${e.etag}-edited`, size: e.size + 10 });
    } else if (op === 'delete') {
      for (const k of [...r.keys()]) if (isUnder(k, from)) r.delete(k);
    } else {
      if (r.has(to) || isUnder(to, from) || (parentOf(to) !== '' && r.get(parentOf(to))?.type !== 'dir' && !(parentOf(to) === 'n'))) continue;
      if (parentOf(to) === 'n' && !r.has('n')) r.set('n', { ...r.get(from)!, path: 'n', name: 'n', type: 'dir', etag: 'dn', size: 0, mtimeMs: 0 });
      for (const k of [...r.keys()]) {
        if (!isUnder(k, from)) continue;
        const q = to + k.slice(from.length);
        r.set(q, { ...r.get(k)!, path: q, name: q });
        if (op === 'move') r.delete(k);
      }
    }
  }
  const l = new Map<string, LocalEntry>([...j.values()].map((e) => [e.path, {
    path: e.path, name: e.path, type: e.type, inode: e.localInode, size: e.localSize, mtimeMs: e.localMtimeMs,
  }]));
  for (const p of s.localEdits) {
    const e = l.get(p);
    if (e?.type === 'file') l.set(p, { ...e, size: e.size + 5 });
  }
  for (const p of s.localDeletes) for (const k of [...l.keys()]) if (isUnder(k, p)) l.delete(k);
  return { j, l, r };
}

const target = (a: SyncAction): string => ('to' in a ? a.to : a.path);

/** Checks a plan against the scenario it came from; the plan's moves are applied to j and l in order. */
function checkPlan({ j, l, r }: ReturnType<typeof build>): void {
  const { actions } = reconcile(new Map(j), new Map(l), new Map(r));
  const seen = new Set<string>();
  const movedFrom = new Set<string>();
  for (const a of actions) {
    expect(seen.has(target(a))).toBe(false);
    seen.add(target(a));
    if (a.kind === 'moveLocal') {
      expect(movedFrom.has(a.from)).toBe(false);
      movedFrom.add(a.from);
      expect(r.has(a.from)).toBe(false);
      expect(l.has(a.to)).toBe(false);
      const carried = [...j.keys()].filter((k) => isUnder(k, a.from));
      expect(carried.some((k) => j.get(k)!.type === 'file')).toBe(true);
      // Everything here under the old place is as the journal remembers it...
      for (const [k, le] of l) if (isUnder(k, a.from)) expect(j.get(k)).toMatchObject({ localSize: le.size, localMtimeMs: le.mtimeMs, localInode: le.inode });
      expect(carried.every((k) => l.has(k))).toBe(true);
      // ...and every journal file there has its twin, with the same ETag, size and mtime, at the new place.
      for (const k of carried) {
        const je = j.get(k)!;
        const re = r.get(a.to + k.slice(a.from.length));
        expect(re?.type).toBe(je.type);
        if (je.type === 'file') {
          expect(je.remoteEtag).not.toBe('');
          expect(re).toMatchObject({ etag: je.remoteEtag, size: je.remoteSize, mtimeMs: je.remoteMtimeMs });
        }
      }
      // Moves run in plan order: the next one sees this one done.
      rebase(j, a.from, a.to);
      rebase(l, a.from, a.to);
    }
    if (a.kind === 'deleteLocal') {
      for (const [k, le] of l) if (isUnder(k, a.path) && le.type === 'file') expect(le.size).toBe(j.get(k)!.localSize);
    }
  }
}

describe('reconcile: move inference without file ids (properties)', () => {
  it('a move carries only unchanged files to their exact twins; one action per path; nothing changed deleted', () => {
    fc.assert(fc.property(scenarioArb, (s) => checkPlan(build(s))), { numRuns: 3000 });
  });

  it('a real rename of a folder with unique evidence and nothing else changed is always inferred', () => {
    fc.assert(fc.property(fc.constantFrom('a', 'a/s', 'b', 'c1'), fc.constantFrom('z', 'n2'), (from, to) => {
      const evidence = paths.map((_, i) => ({ etag: `u${i}`, size: 1, mtime: 1000 }));
      const { j, l, r } = build({ evidence, ops: [{ op: 'move', from, to }], localEdits: [], localDeletes: [] });
      expect(reconcile(j, l, r).actions).toEqual([{ kind: 'moveLocal', from, to }]);
    }));
  });
});
