// The freedesktop.org trash: files/ + info/*.trashinfo, unique names, nothing unlinked.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homeTrashDir, moveToTrash } from '../../../electron/core/sync/trash.ts';

describe('moveToTrash', () => {
  it('moves files and folders into $XDG_DATA_HOME/Trash with a .trashinfo each, names kept unique', async () => {
    const base = mkdtempSync(join(tmpdir(), 'werkplek-trash-'));
    const env = { XDG_DATA_HOME: join(base, 'data') };
    mkdirSync(join(base, 'work/folder'), { recursive: true });
    writeFileSync(join(base, 'work/folder/inner.txt'), 'inner');
    writeFileSync(join(base, 'work/a b%.txt'), 'one');
    const now = new Date(2026, 0, 2, 3, 4, 5);
    await moveToTrash(join(base, 'work/a b%.txt'), { env, now });
    writeFileSync(join(base, 'work/a b%.txt'), 'two');
    const second = await moveToTrash(join(base, 'work/a b%.txt'), { env, now });
    await moveToTrash(join(base, 'work/folder'), { env, now });
    const trash = homeTrashDir(env);
    expect(trash).toBe(join(base, 'data', 'Trash'));
    expect(readdirSync(join(trash, 'files')).sort()).toEqual(['a b%.2.txt', 'a b%.txt', 'folder']);
    expect(second).toBe(join(trash, 'files', 'a b%.2.txt'));
    expect(readFileSync(join(trash, 'files', 'a b%.2.txt'), 'utf8')).toBe('two');
    expect(readFileSync(join(trash, 'files', 'folder', 'inner.txt'), 'utf8')).toBe('inner');
    expect(readFileSync(join(trash, 'info', 'a b%.txt.trashinfo'), 'utf8')).toBe(
      `[Trash Info]\nPath=${join(base, 'work').split('/').map(encodeURIComponent).join('/')}/a%20b%25.txt\nDeletionDate=2026-01-02T03:04:05\n`);
    expect(existsSync(join(base, 'work/folder'))).toBe(false);
  });
  it('a relative XDG_DATA_HOME is ignored, as the spec says', () => {
    expect(homeTrashDir({ XDG_DATA_HOME: 'relative/path', HOME: '/home/x' })).toMatch(/\.local\/share\/Trash$/);
  });
});
