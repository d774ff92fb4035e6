// Which of the server's names differing only in letter case is synced to a disk that ignores case.
import { describe, expect, it } from 'vitest';
import { caseClashLosers, localCaseClashLosers } from '../../../electron/core/sync/discover-remote.ts';
import type { JournalEntry, LocalEntry, RemoteEntry } from '../../../electron/core/sync/model.ts';

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

const localEntry = (path: string): [string, LocalEntry] => [path, { path, name: path, type: path.includes('.') ? 'file' : 'dir', inode: 1, size: 1, mtimeMs: 0 }];
const remotes = (...paths: string[]): Map<string, RemoteEntry> => new Map(paths.map((p) => [p, remote(p)]));

describe('localCaseClashLosers (a new server name vs a new local name)', () => {
  it('both new, differing only in case: the server one is left out', () => {
    expect(localCaseClashLosers(remotes('', 'report.txt', 'other.txt'), new Map([localEntry('Report.txt')]), new Map())).toEqual(['report.txt']);
  });
  it('only the top-most of a folder that clashes; what is inside it goes with it', () => {
    expect(localCaseClashLosers(remotes('docs', 'docs-x', 'docs/b.txt', 'docs-x/c.txt'), new Map([localEntry('Docs'), localEntry('Docs/a.txt')]), new Map())).toEqual(['docs']);
  });
  it('the same name on both sides is no clash', () => {
    expect(localCaseClashLosers(remotes('Report.txt'), new Map([localEntry('Report.txt')]), new Map())).toEqual([]);
  });
  it('a name synced before is a rename or a replacement, left to reconcile', () => {
    // Renamed here (case only) from the synced one: not a clash.
    expect(localCaseClashLosers(remotes('report.txt'), new Map([localEntry('Report.txt')]), new Map([known('report.txt')]))).toEqual([]);
    // Renamed on the server (case only) from the synced local one: not a clash either.
    expect(localCaseClashLosers(remotes('Report.txt'), new Map([localEntry('report.txt')]), new Map([known('report.txt')]))).toEqual([]);
  });
  it('a local name the server also has exactly is no new name (the server-side clash rule decides)', () => {
    expect(localCaseClashLosers(remotes('Report.txt', 'report.txt'), new Map([localEntry('Report.txt')]), new Map())).toEqual([]);
  });
});
