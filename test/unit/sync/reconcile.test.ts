// The full table of reconcile: every combination of created / changed / deleted / unchanged on
// each side, for files and folders, plus moves, permissions and the "bring deletions back" mode.
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../electron/core/sync/reconcile.ts';
import type { JournalEntry, LocalEntry, RemoteEntry, SyncAction } from '../../../electron/core/sync/model.ts';

let nextInode = 100;
const J = (path: string, o: Partial<JournalEntry> = {}): JournalEntry => ({
  path, type: 'file', localInode: nextInode++, localSize: 10, localMtimeMs: 1000, remoteEtag: `e-${path}`,
  remoteFileId: `id-${path}`, remotePermissions: null, remoteSize: 10, remoteMtimeMs: 1000, ...o,
});
const D = (path: string, o: Partial<JournalEntry> = {}): JournalEntry => J(path, { type: 'dir', localSize: 0, localMtimeMs: 0, remoteSize: 0, remoteMtimeMs: 0, remoteEtag: `d-${path}`, ...o });
/** Local entry as the journal remembers it, with changes. */
const L = (j: JournalEntry | string, o: Partial<LocalEntry> = {}): LocalEntry => {
  const base = typeof j === 'string' ? J(j) : j;
  return { path: base.path, name: base.path, type: base.type, inode: base.localInode, size: base.localSize, mtimeMs: base.localMtimeMs, ...o };
};
const R = (j: JournalEntry | string, o: Partial<RemoteEntry> = {}): RemoteEntry => {
  const base = typeof j === 'string' ? J(j) : j;
  return { path: base.path, name: base.path, type: base.type, etag: base.remoteEtag, fileId: base.remoteFileId, permissions: base.remotePermissions, size: base.remoteSize, mtimeMs: base.remoteMtimeMs, checksum: null, ...o };
};
const map = <T extends { path: string }>(items: T[]): Map<string, T> => new Map(items.map((i) => [i.path, i]));
const plan = (j: JournalEntry[], l: LocalEntry[], r: RemoteEntry[], restoreDeletes = false) => reconcile(map(j), map(l), map(r), { restoreDeletes });
const actions = (j: JournalEntry[], l: LocalEntry[], r: RemoteEntry[], restoreDeletes = false): SyncAction[] => plan(j, l, r, restoreDeletes).actions;

describe('reconcile: files', () => {
  const a = J('a.txt');
  const cases: Array<[string, JournalEntry[], LocalEntry[], RemoteEntry[], SyncAction[]]> = [
    ['new locally → upload', [], [L('a.txt')], [], [{ kind: 'upload', path: 'a.txt', isNew: true }]],
    ['new remotely → download', [], [], [R('a.txt')], [{ kind: 'download', path: 'a.txt', isNew: true }]],
    ['new on both sides → conflict (bytes compared)', [], [L('a.txt')], [R('a.txt')], [{ kind: 'conflict', path: 'a.txt' }]],
    ['unchanged both → nothing', [a], [L(a)], [R(a)], []],
    ['changed locally (size) → upload', [a], [L(a, { size: 11 })], [R(a)], [{ kind: 'upload', path: 'a.txt', isNew: false }]],
    ['changed locally (mtime) → upload', [a], [L(a, { mtimeMs: 2000 })], [R(a)], [{ kind: 'upload', path: 'a.txt', isNew: false }]],
    ['changed remotely → download', [a], [L(a)], [R(a, { etag: 'new' })], [{ kind: 'download', path: 'a.txt', isNew: false }]],
    ['changed on both → conflict', [a], [L(a, { size: 1 })], [R(a, { etag: 'new' })], [{ kind: 'conflict', path: 'a.txt' }]],
    ['deleted locally, unchanged remotely → delete remote', [a], [], [R(a)], [{ kind: 'deleteRemote', path: 'a.txt', type: 'file', files: 1 }]],
    ['deleted locally, changed remotely → download (edit wins)', [a], [], [R(a, { etag: 'new' })], [{ kind: 'download', path: 'a.txt', isNew: true }]],
    ['deleted remotely, unchanged locally → delete local (trash)', [a], [L(a)], [], [{ kind: 'deleteLocal', path: 'a.txt', type: 'file', files: 1 }]],
    ['deleted remotely, changed locally → upload (edit wins)', [a], [L(a, { size: 3 })], [], [{ kind: 'upload', path: 'a.txt', isNew: true }]],
    ['deleted on both → forget', [a], [], [], [{ kind: 'forget', path: 'a.txt' }]],
    ['only the inode changed (atomic save, same content stamp) → record', [a], [L(a, { inode: 9999 })], [R(a)], [{ kind: 'record', path: 'a.txt' }]],
  ];
  it.each(cases)('%s', (_name, j, l, r, expected) => {
    expect(actions(j, l, r)).toEqual(expected);
  });
});

describe('reconcile: a plain-server upload whose ETag is still to learn (journal ETag "")', () => {
  // Uploaded at server time 50 s (its Date header), local mtime 1 s, 10 bytes; not yet listed.
  const p = J('p.txt', { remoteEtag: '', remoteSize: 10, localSize: 10, localMtimeMs: 1000, remoteMtimeMs: 50_000 });
  const cases: Array<[string, RemoteEntry, LocalEntry, SyncAction[]]> = [
    ['listed with our size and the server time of our PUT → record (learn the ETag)', R(p, { etag: 'x1', mtimeMs: 51_000 }), L(p), [{ kind: 'record', path: 'p.txt' }]],
    ['listed with our size and the mtime we sent (X-OC-MTime kept) → record', R(p, { etag: 'x1', mtimeMs: 1000 }), L(p), [{ kind: 'record', path: 'p.txt' }]],
    ['same size but written later than our PUT → changed there: download', R(p, { etag: 'x2', mtimeMs: 53_000 }), L(p), [{ kind: 'download', path: 'p.txt', isNew: false }]],
    ['another size → download', R(p, { etag: 'x2', size: 11, mtimeMs: 50_000 }), L(p), [{ kind: 'download', path: 'p.txt', isNew: false }]],
    ['ours there, edited here since → upload (guarded by the listed ETag)', R(p, { etag: 'x1', mtimeMs: 50_000 }), L(p, { size: 12 }), [{ kind: 'upload', path: 'p.txt', isNew: false }]],
    ['changed there and here → conflict', R(p, { etag: 'x2', mtimeMs: 60_000 }), L(p, { size: 12 }), [{ kind: 'conflict', path: 'p.txt' }]],
  ];
  it.each(cases)('%s', (_name, r, l, expected) => {
    expect(actions([p], [l], [r])).toEqual(expected);
  });
  it('no server time known (remoteMtimeMs 0) and the mtime not kept → download, never a guess', () => {
    const unknown = { ...p, remoteMtimeMs: 0 };
    expect(actions([unknown], [L(unknown)], [R(unknown, { etag: 'x1', mtimeMs: 50_000 })])).toEqual([{ kind: 'download', path: 'p.txt', isNew: false }]);
  });
  it('deleted here while ours there → delete on the server', () => {
    expect(actions([p], [], [R(p, { etag: 'x1', mtimeMs: 50_000 })])).toEqual([{ kind: 'deleteRemote', path: 'p.txt', type: 'file', files: 1 }]);
  });
});

describe('reconcile: folders', () => {
  const d = D('d');
  const f = J('d/f.txt');
  const g = J('d/sub/g.txt');
  const sub = D('d/sub');
  it('new local folder → create remotely, then its files', () => {
    expect(actions([], [L(D('n')), L('n/x.txt')], [])).toEqual([{ kind: 'mkdirRemote', path: 'n' }, { kind: 'upload', path: 'n/x.txt', isNew: true }]);
  });
  it('new remote folder → create locally, then its files', () => {
    expect(actions([], [], [R(D('n')), R('n/x.txt')])).toEqual([{ kind: 'mkdirLocal', path: 'n' }, { kind: 'download', path: 'n/x.txt', isNew: true }]);
  });
  it('new folder on both sides → merged (record), files inside handled one by one', () => {
    expect(actions([], [L(D('n')), L('n/x.txt')], [R(D('n'))])).toEqual([{ kind: 'upload', path: 'n/x.txt', isNew: true }, { kind: 'record', path: 'n' }]);
  });
  it('empty folders sync too', () => {
    expect(actions([], [L(D('e1'))], [R(D('e2'))])).toEqual([{ kind: 'mkdirRemote', path: 'e1' }, { kind: 'mkdirLocal', path: 'e2' }]);
  });
  it('unchanged folder with a new remote etag → nothing for the folder itself', () => {
    expect(actions([d], [L(d)], [R(d, { etag: 'changed' })])).toEqual([]);
  });
  it('folder deleted locally, server subtree unchanged → one recursive delete, counted by files', () => {
    expect(plan([d, f, sub, g], [], [R(d), R(f), R(sub), R(g)])).toMatchObject({
      actions: [{ kind: 'deleteRemote', path: 'd', type: 'dir', files: 2 }], deletes: { local: 0, remote: 2 },
    });
  });
  it('folder deleted locally but a file inside changed on the server → the folder comes back whole', () => {
    expect(actions([d, f, sub, g], [], [R(d), R(f, { etag: 'new' }), R(sub), R(g)])).toEqual([
      { kind: 'mkdirLocal', path: 'd' }, { kind: 'mkdirLocal', path: 'd/sub' },
      { kind: 'download', path: 'd/f.txt', isNew: true }, { kind: 'download', path: 'd/sub/g.txt', isNew: true },
    ]);
  });
  it('folder deleted locally but a new file appeared inside on the server → restored', () => {
    expect(actions([d, f], [], [R(d), R(f), R('d/new.txt')])).toEqual([
      { kind: 'mkdirLocal', path: 'd' }, { kind: 'download', path: 'd/f.txt', isNew: true }, { kind: 'download', path: 'd/new.txt', isNew: true },
    ]);
  });
  it('folder deleted on the server, local subtree unchanged → one local delete to the trash', () => {
    expect(plan([d, f, sub, g], [L(d), L(f), L(sub), L(g)], [])).toMatchObject({
      actions: [{ kind: 'deleteLocal', path: 'd', type: 'dir', files: 2 }], deletes: { local: 2, remote: 0 },
    });
  });
  it('folder deleted on the server but edited locally → re-uploaded whole', () => {
    expect(actions([d, f, sub, g], [L(d), L(f, { size: 99 }), L(sub), L(g)], [])).toEqual([
      { kind: 'mkdirRemote', path: 'd' }, { kind: 'mkdirRemote', path: 'd/sub' },
      { kind: 'upload', path: 'd/f.txt', isNew: true }, { kind: 'upload', path: 'd/sub/g.txt', isNew: true },
    ]);
  });
  it('folder deleted on the server while a new local file appeared inside → re-uploaded', () => {
    expect(actions([d, f], [L(d), L(f), L('d/new.txt')], [])).toEqual([
      { kind: 'mkdirRemote', path: 'd' }, { kind: 'upload', path: 'd/f.txt', isNew: true }, { kind: 'upload', path: 'd/new.txt', isNew: true },
    ]);
  });
  it('folder deleted on both sides → forgotten with its contents', () => {
    expect(actions([d, f], [], [])).toEqual([{ kind: 'forget', path: 'd' }, { kind: 'forget', path: 'd/f.txt' }]);
  });
  it('deletions run deepest first, after transfers', () => {
    const x = J('x.txt');
    const deep = J('p/q/r.txt');
    const p = D('p');
    const q = D('p/q');
    const out = actions([x, p, q, deep], [L(p), L(q), L(deep)], [R(x), R(p), R(q, { etag: 'z' }), R(deep), R('new.txt')]);
    expect(out.map((a) => a.kind)).toEqual(['download', 'deleteRemote']);
  });
});

describe('reconcile: a file became a folder or the other way round', () => {
  it('is reported and left alone, never deleted', () => {
    const a = J('a');
    const result = plan([a], [L(a, { type: 'dir' })], [R(a)]);
    expect(result.actions).toEqual([]);
    expect(result.issues).toMatchObject([{ path: 'a', kind: 'type-change' }]);
  });
  it('a new file on one side and a new folder of the same name on the other: reported', () => {
    const result = plan([], [L('a')], [R(D('a')), R('a/in.txt')]);
    expect(result.actions).toEqual([]);
    expect(result.issues).toMatchObject([{ path: 'a', kind: 'type-change' }]);
  });
});

describe('reconcile: moves', () => {
  it('local rename of a file → one MOVE on the server (matched by inode)', () => {
    const a = J('a.txt');
    expect(actions([a], [L(a, { path: 'b.txt', name: 'b.txt' })], [R(a)])).toEqual([{ kind: 'moveRemote', from: 'a.txt', to: 'b.txt' }]);
  });
  it('local rename of a folder → one MOVE, nothing for the files inside', () => {
    const d = D('d');
    const f = J('d/f.txt');
    expect(actions([d, f], [L(d, { path: 'e', name: 'e' }), L(f, { path: 'e/f.txt', name: 'e/f.txt' })], [R(d), R(f)])).toEqual([{ kind: 'moveRemote', from: 'd', to: 'e' }]);
  });
  it('local folder rename + a file inside edited on the server → MOVE, then download', () => {
    const d = D('d');
    const f = J('d/f.txt');
    expect(actions([d, f], [L(d, { path: 'e', name: 'e' }), L(f, { path: 'e/f.txt', name: 'e/f.txt' })], [R(d), R(f, { etag: 'x' })])).toEqual([
      { kind: 'moveRemote', from: 'd', to: 'e' }, { kind: 'download', path: 'e/f.txt', isNew: false },
    ]);
  });
  it('local rename into a new folder → the folder is created first, then the MOVE', () => {
    const a = J('a.txt');
    expect(actions([a], [L(D('new'), { inode: 5 }), L(a, { path: 'new/a.txt', name: 'new/a.txt' })], [R(a)])).toEqual([
      { kind: 'mkdirRemote', path: 'new' }, { kind: 'moveRemote', from: 'a.txt', to: 'new/a.txt' },
    ]);
  });
  it('a renamed and edited file is not a move (inode reuse would be too risky): upload + delete', () => {
    const a = J('a.txt');
    expect(actions([a], [L(a, { path: 'b.txt', name: 'b.txt', size: 77 })], [R(a)])).toEqual([
      { kind: 'upload', path: 'b.txt', isNew: true }, { kind: 'deleteRemote', path: 'a.txt', type: 'file', files: 1 },
    ]);
  });
  it('server rename of a file → one local move (matched by fileid)', () => {
    const a = J('a.txt');
    expect(actions([a], [L(a)], [R(a, { path: 'b.txt', name: 'b.txt' })])).toEqual([{ kind: 'moveLocal', from: 'a.txt', to: 'b.txt' }]);
  });
  it('server move gives the file a new ETag but same size and mtime → still only a move', () => {
    const a = J('a.txt');
    expect(actions([a], [L(a)], [R(a, { path: 'b.txt', name: 'b.txt', etag: 'after-move' })])).toEqual([{ kind: 'moveLocal', from: 'a.txt', to: 'b.txt' }]);
  });
  it('server move + server edit → move, then download', () => {
    const a = J('a.txt');
    expect(actions([a], [L(a)], [R(a, { path: 'b.txt', name: 'b.txt', etag: 'x', size: 50 })])).toEqual([
      { kind: 'moveLocal', from: 'a.txt', to: 'b.txt' }, { kind: 'download', path: 'b.txt', isNew: false },
    ]);
  });
  it('server move + local edit → move, then upload', () => {
    const a = J('a.txt');
    expect(actions([a], [L(a, { size: 3 })], [R(a, { path: 'b.txt', name: 'b.txt' })])).toEqual([
      { kind: 'moveLocal', from: 'a.txt', to: 'b.txt' }, { kind: 'upload', path: 'b.txt', isNew: false },
    ]);
  });
  it('server folder move → one local move', () => {
    const d = D('d');
    const f = J('d/f.txt');
    expect(actions([d, f], [L(d), L(f)], [R(d, { path: 'e', name: 'e' }), R(f, { path: 'e/f.txt', name: 'e/f.txt' })])).toEqual([{ kind: 'moveLocal', from: 'd', to: 'e' }]);
  });
  it('server move into a folder deleted here → no move: the folder and the file come back by download, the old file goes', () => {
    const d = D('d');
    const a = J('a.txt');
    expect(actions([d, a], [L(a)], [R(d, { etag: 'changed' }), R(a, { path: 'd/a.txt', name: 'd/a.txt' })])).toEqual([
      { kind: 'mkdirLocal', path: 'd' }, { kind: 'download', path: 'd/a.txt', isNew: true }, { kind: 'deleteLocal', path: 'a.txt', type: 'file', files: 1 },
    ]);
  });
  it('server move of a file that was deleted locally → downloaded at its new place', () => {
    const a = J('a.txt');
    expect(actions([a], [], [R(a, { path: 'b.txt', name: 'b.txt' })])).toEqual([{ kind: 'download', path: 'b.txt', isNew: true }, { kind: 'forget', path: 'a.txt' }]);
  });
});

describe('reconcile: server moves without file ids (plain WebDAV), inferred from ETag, size and mtime', () => {
  const P = (path: string, o: Partial<JournalEntry> = {}): JournalEntry => J(path, { remoteFileId: null, ...o });
  const PD = (path: string, o: Partial<JournalEntry> = {}): JournalEntry => D(path, { remoteFileId: null, ...o });
  const at = (e: JournalEntry, path: string, o: Partial<RemoteEntry> = {}): RemoteEntry => R(e, { path, name: path, ...o });
  const downloadAndDelete = (from: string, to: string): SyncAction[] => [
    { kind: 'download', path: to, isNew: true }, { kind: 'deleteLocal', path: from, type: 'file', files: 1 },
  ];

  it('a renamed file with the same ETag, size and mtime, one candidate → one local move', () => {
    const a = P('a.txt');
    expect(actions([a], [L(a)], [at(a, 'b.txt')])).toEqual([{ kind: 'moveLocal', from: 'a.txt', to: 'b.txt' }]);
  });
  it('a renamed folder whose every file kept ETag, size and mtime → one local move, nothing else', () => {
    const d = PD('d');
    const sub = PD('d/sub');
    const files = [P('d/f.txt'), P('d/sub/g.txt', { remoteSize: 20, localSize: 20 }), P('d/sub/h.txt')];
    const result = plan([d, sub, ...files], [L(d), L(sub), ...files.map((f) => L(f))], [
      at(d, 'e', { etag: 'changed' }), at(sub, 'e/sub'), ...files.map((f) => at(f, `e${f.path.slice(1)}`)),
    ]);
    expect(result.actions).toEqual([{ kind: 'moveLocal', from: 'd', to: 'e' }]);
    expect(result.deletes).toEqual({ local: 0, remote: 0 });
  });
  it('a renamed folder that gained a file there → move, then download only the new file', () => {
    const d = PD('d');
    const f = P('d/f.txt');
    expect(actions([d, f], [L(d), L(f)], [at(d, 'e'), at(f, 'e/f.txt'), R(P('e/a-new.txt'))])).toEqual([
      { kind: 'moveLocal', from: 'd', to: 'e' }, { kind: 'download', path: 'e/a-new.txt', isNew: true },
    ]);
  });
  it('a folder moved into a new folder there → the new folders made, the folder moved in', () => {
    const d = PD('d');
    const f = P('d/f.txt');
    expect(actions([d, f], [L(d), L(f)], [R(PD('x')), R(PD('x/y')), at(d, 'x/y/d'), at(f, 'x/y/d/f.txt')])).toEqual([
      { kind: 'mkdirLocal', path: 'x' }, { kind: 'mkdirLocal', path: 'x/y' }, { kind: 'moveLocal', from: 'd', to: 'x/y/d' },
    ]);
  });
  it('several files renamed there, each with its own evidence → one move each', () => {
    const a = P('a.txt');
    const b = P('b.txt');
    expect(actions([a, b], [L(a), L(b)], [at(a, 'a2.txt'), at(b, 'sub/b2.txt'), R(PD('sub'))])).toEqual([
      { kind: 'moveLocal', from: 'a.txt', to: 'a2.txt' }, { kind: 'mkdirLocal', path: 'sub' }, { kind: 'moveLocal', from: 'b.txt', to: 'sub/b2.txt' },
    ]);
  });
  it('two journal files with the same evidence → no move (delete + download)', () => {
    const a = P('a.txt', { remoteEtag: 'same' });
    const c = P('c.txt', { remoteEtag: 'same' });
    expect(actions([a, c], [L(a), L(c)], [at(a, 'b.txt')])).toEqual([
      { kind: 'download', path: 'b.txt', isNew: true },
      { kind: 'deleteLocal', path: 'a.txt', type: 'file', files: 1 }, { kind: 'deleteLocal', path: 'c.txt', type: 'file', files: 1 },
    ]);
  });
  it('one gone file, two new copies with its evidence → no move', () => {
    const a = P('a.txt');
    expect(actions([a], [L(a)], [at(a, 'b.txt'), at(a, 'c.txt')])).toEqual([
      { kind: 'download', path: 'b.txt', isNew: true }, { kind: 'download', path: 'c.txt', isNew: true },
      { kind: 'deleteLocal', path: 'a.txt', type: 'file', files: 1 },
    ]);
  });
  it('two gone folders that both fit the new one → no move', () => {
    const d1 = PD('d1');
    const d2 = PD('d2');
    const f1 = P('d1/f.txt', { remoteEtag: 'same' });
    const f2 = P('d2/f.txt', { remoteEtag: 'same' });
    const out = actions([d1, d2, f1, f2], [L(d1), L(d2), L(f1), L(f2)], [at(d1, 'e'), at(f1, 'e/f.txt')]);
    expect(out.filter((a) => a.kind === 'moveLocal')).toEqual([]);
    expect(out).toContainEqual({ kind: 'download', path: 'e/f.txt', isNew: true });
  });
  it('changed size → no move', () => {
    const a = P('a.txt');
    expect(actions([a], [L(a)], [at(a, 'b.txt', { size: 11 })])).toEqual(downloadAndDelete('a.txt', 'b.txt'));
  });
  it('changed mtime → no move', () => {
    const a = P('a.txt');
    expect(actions([a], [L(a)], [at(a, 'b.txt', { mtimeMs: 5000 })])).toEqual(downloadAndDelete('a.txt', 'b.txt'));
  });
  it('another ETag (the server re-tags on MOVE, or another file) → no move', () => {
    const a = P('a.txt');
    expect(actions([a], [L(a)], [at(a, 'b.txt', { etag: 'other' })])).toEqual(downloadAndDelete('a.txt', 'b.txt'));
  });
  it('edited here since the last sync → no move (the edit is uploaded back, the new name downloaded)', () => {
    const a = P('a.txt');
    expect(actions([a], [L(a, { size: 3 })], [at(a, 'b.txt')])).toEqual([
      { kind: 'upload', path: 'a.txt', isNew: true }, { kind: 'download', path: 'b.txt', isNew: true },
    ]);
  });
  it('an upload whose ETag is still to learn is no evidence → no move', () => {
    const a = P('a.txt', { remoteEtag: '' });
    expect(actions([a], [L(a)], [at(a, 'b.txt', { etag: '' })])).toEqual(downloadAndDelete('a.txt', 'b.txt'));
  });
  it('name similarity alone → no move', () => {
    const d = PD('Report');
    const f = P('Report/q1.txt');
    // Same names below, but another file: other ETag, size and mtime.
    const out = actions([d, f], [L(d), L(f)], [at(d, 'Report (old)'), at(f, 'Report (old)/q1.txt', { etag: 'x', size: 99, mtimeMs: 7000 })]);
    expect(out.filter((a) => a.kind === 'moveLocal')).toEqual([]);
    const g = P('notes.txt');
    expect(actions([g], [L(g)], [at(g, 'notes (1).txt', { etag: 'y', size: 3 })])).toEqual(downloadAndDelete('notes.txt', 'notes (1).txt'));
  });
  it('a folder of which one file changed size there → no folder move', () => {
    const d = PD('d');
    const f = P('d/f.txt');
    const g = P('d/g.txt');
    const out = actions([d, f, g], [L(d), L(f), L(g)], [at(d, 'e'), at(f, 'e/f.txt'), at(g, 'e/g.txt', { size: 1 })]);
    expect(out).not.toContainEqual({ kind: 'moveLocal', from: 'd', to: 'e' });
    expect(out).toContainEqual({ kind: 'download', path: 'e/g.txt', isNew: true });
  });
  it('a file moved into a folder deleted here → no move (the folder comes back with it, by download)', () => {
    const d = PD('d');
    const a = P('a.txt');
    const out = actions([d, a], [L(a)], [R(d), at(a, 'd/a.txt')]);
    expect(out.filter((x) => x.kind === 'moveLocal')).toEqual([]);
    expect(out).toContainEqual({ kind: 'download', path: 'd/a.txt', isNew: true });
  });
  it('an empty folder renamed → no evidence, no move', () => {
    const d = PD('d');
    expect(actions([d], [L(d)], [at(d, 'e')])).toEqual([{ kind: 'mkdirLocal', path: 'e' }, { kind: 'deleteLocal', path: 'd', type: 'dir', files: 0 }]);
  });
});

describe('reconcile: permissions (Nextcloud oc:permissions)', () => {
  it('no upload into a read-only server folder: reported', () => {
    const ro = D('share', { remotePermissions: 'SG' });
    const result = plan([ro], [L(ro), L('share/mine.txt')], [R(ro)]);
    expect(result.actions).toEqual([]);
    expect(result.issues).toMatchObject([{ path: 'share/mine.txt', kind: 'read-only' }]);
  });
  it('a local edit of a read-only server file is reported, not uploaded', () => {
    const f = J('f.txt', { remotePermissions: 'SG' });
    const result = plan([f], [L(f, { size: 1 })], [R(f)]);
    expect(result.actions).toEqual([]);
    expect(result.issues).toMatchObject([{ path: 'f.txt', kind: 'read-only' }]);
  });
  it('a local delete of a file the server will not delete → downloaded again', () => {
    const f = J('f.txt', { remotePermissions: 'SG' });
    expect(actions([f], [], [R(f)])).toEqual([{ kind: 'download', path: 'f.txt', isNew: true }]);
  });
});

describe('reconcile: the user declined the deletions', () => {
  it('brings back both kinds from the other side', () => {
    const a = J('a.txt');
    const b = J('b.txt');
    expect(actions([a, b], [L(a)], [R(b)], true)).toEqual([
      { kind: 'upload', path: 'a.txt', isNew: true }, { kind: 'download', path: 'b.txt', isNew: true },
    ]);
  });
});
