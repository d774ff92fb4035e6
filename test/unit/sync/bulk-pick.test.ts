// Which uploads of a plan go in a bulk upload (bulk-upload.ts pickBulk): only files the server did
// not have, under the size limit, and only when there are at least two of them; and which new
// folders their batches make (foldersOnlyForBulk).
import { describe, expect, it } from 'vitest';
import { BULK_FILE_LIMIT, foldersOnlyForBulk, pickBulk } from '../../../electron/core/sync/bulk-upload.ts';
import type { LocalEntry, RemoteEntry, SyncAction } from '../../../electron/core/sync/model.ts';

const local = (path: string, size: number, type: 'file' | 'dir' = 'file'): [string, LocalEntry] => [path, { path, name: path, type, inode: 1, size, mtimeMs: 0 }];
const remote = (path: string): [string, RemoteEntry] => [path, { path, name: path, type: 'file', etag: 'e', fileId: '1', permissions: 'RGDNVW', size: 1, mtimeMs: 0, checksum: null }];

describe('pickBulk', () => {
  it('takes new small files, never changed ones, big ones, or ones the server has by now', () => {
    const actions: SyncAction[] = [
      { kind: 'upload', path: 'a', isNew: true },
      { kind: 'upload', path: 'b', isNew: true },
      { kind: 'upload', path: 'changed', isNew: false },
      { kind: 'upload', path: 'big', isNew: true },
      { kind: 'upload', path: 'there', isNew: true },
      { kind: 'download', path: 'd', isNew: true },
      { kind: 'mkdirRemote', path: 'dir' },
    ];
    const l = new Map([local('a', 10), local('b', BULK_FILE_LIMIT - 1), local('changed', 10), local('big', BULK_FILE_LIMIT), local('there', 10)]);
    const r = new Map([remote('changed'), remote('there')]);
    expect([...pickBulk(actions, l, r)].map((a) => 'path' in a && a.path)).toEqual(['a', 'b']);
  });

  it('a single candidate goes by PUT (one request either way)', () => {
    const actions: SyncAction[] = [{ kind: 'upload', path: 'a', isNew: true }, { kind: 'upload', path: 'b', isNew: false }];
    expect(pickBulk(actions, new Map([local('a', 1), local('b', 1)]), new Map()).size).toBe(0);
  });
});

describe('foldersOnlyForBulk', () => {
  const up = (path: string): SyncAction => ({ kind: 'upload', path, isNew: true });
  const mkdir = (path: string): SyncAction => ({ kind: 'mkdirRemote', path });

  it('leaves to the batches the new folders that hold only bulk files, at any depth; the rest are made first', () => {
    const small = ['new/a', 'new/b', 'new/sub/c', 'mixed/d', 'mixed/e', 'deep/x/y/f'].map(up);
    const big = up('mixed/big');
    const actions: SyncAction[] = [
      mkdir('new'), mkdir('new/sub'), mkdir('mixed'), mkdir('empty'), mkdir('deep'), mkdir('deep/x'), mkdir('deep/x/y'), mkdir('deep/x/y/z-empty'),
      mkdir('moved-into'), { kind: 'moveRemote', from: 'old', to: 'moved-into/old' },
      ...small, big,
    ];
    const found = foldersOnlyForBulk(actions, new Set(small));
    // mixed holds a big file, empty holds nothing, moved-into gets a move; deep/x/y holds an empty
    // folder made early, so it and its parents are made early too.
    expect([...found.keys()].sort()).toEqual(['new', 'new/sub']);
    expect(found.get('new')).toEqual(mkdir('new'));
  });

  it('nothing in bulk: every folder is made first', () => {
    expect(foldersOnlyForBulk([mkdir('a'), up('a/b')], new Set()).size).toBe(0);
  });
});
