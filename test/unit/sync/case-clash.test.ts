// Which of the server's names differing only in letter case is synced to a disk that ignores case.
import { describe, expect, it } from 'vitest';
import { caseClashLosers } from '../../../electron/core/sync/discover-remote.ts';
import type { JournalEntry, RemoteEntry } from '../../../electron/core/sync/model.ts';

const remote = (path: string): RemoteEntry => ({ path, name: path, type: 'file', etag: `e-${path}`, fileId: null, permissions: null, size: 1, mtimeMs: 0, checksum: null });
const known = (path: string): [string, JournalEntry] => [path, { path, type: 'file', localInode: 1, localSize: 1, localMtimeMs: 0, remoteEtag: 'x', remoteFileId: null, remotePermissions: null, remoteSize: 1, remoteMtimeMs: 0 }];

describe('caseClashLosers', () => {
  it('no clash: nobody loses', () => {
    expect([...caseClashLosers([remote('a.txt'), remote('b.txt')], new Map())]).toEqual([]);
  });
  it('a new clash: the first by code point is synced, the rest reported', () => {
    expect([...caseClashLosers([remote('a.txt'), remote('A.txt'), remote('A.TXT')], new Map())].sort()).toEqual(['A.txt', 'a.txt']);
  });
  it('the one already synced keeps its place, whatever sorts first', () => {
    expect([...caseClashLosers([remote('a.txt'), remote('A.txt')], new Map([known('a.txt')]))]).toEqual(['A.txt']);
  });
  it('paths in a subfolder are compared whole', () => {
    expect([...caseClashLosers([remote('d/Note.md'), remote('d/note.md'), remote('d/other.md')], new Map())]).toEqual(['d/note.md']);
  });
});
