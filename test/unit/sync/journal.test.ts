import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../electron/core/sync/journal.ts';
import type { JournalEntry } from '../../../electron/core/sync/model.ts';

const entry = (path: string, type: 'file' | 'dir' = 'file'): JournalEntry => ({
  path, type, localInode: 12345678901, localSize: 3, localMtimeMs: 1700000000123, remoteEtag: `"e-${path}"`, remoteFileId: '00042oc', remotePermissions: 'RGDNVW', remoteSize: 3, remoteMtimeMs: 1700000000000,
});

describe('journal', () => {
  it('persists across reopen, moves and deletes whole subtrees, invalidates folder etags upwards', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'werkplek-journal-')), 'j.sqlite');
    let j = new Journal(file);
    for (const e of [entry('', 'dir'), entry('a', 'dir'), entry('a/b', 'dir'), entry('a/b/c.txt'), entry('ab.txt'), entry('a b.txt')]) j.put(e);
    j.close();
    j = new Journal(file);
    expect(j.get('a/b/c.txt')).toEqual(entry('a/b/c.txt'));
    j.move('a', 'z');
    expect([...j.all().keys()].sort()).toEqual(['', 'a b.txt', 'ab.txt', 'z', 'z/b', 'z/b/c.txt']);
    j.invalidateEtag('z/b/c.txt');
    expect(j.get('z/b')?.remoteEtag).toBe('');
    expect(j.get('')?.remoteEtag).toBe('');
    expect(j.get('ab.txt')?.remoteEtag).toBe('"e-ab.txt"');
    j.delete('z');
    expect([...j.all().keys()].sort()).toEqual(['', 'a b.txt', 'ab.txt']);
    j.setMeta('k', 'v');
    expect(j.getMeta('k')).toBe('v');
    j.close();
  });
});
