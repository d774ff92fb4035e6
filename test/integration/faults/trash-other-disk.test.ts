// Deleting on a disk other than home's goes to that disk's $topdir/.Trash-$uid (the Trash spec).
// On a disk others can write to, that name may already be a link or someone else's folder: then
// nothing is moved there, and the file stays where it was. Needs root to mount a tmpfs; skips
// with the reason elsewhere.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveToTrash } from '../../../electron/core/sync/trash.ts';
import { mountSmallTmpfs } from '../../fixtures/small-tmpfs.ts';

const base = mkdtempSync(join(tmpdir(), 'werkplek-trash-disk-'));
const disk = join(base, 'disk');
mkdirSync(disk);
const unavailable = mountSmallTmpfs(disk, '4m');
if (unavailable) console.warn(`[trash on another disk] skipping: ${unavailable}`);

describe.skipIf(unavailable !== null)('the trash of another disk', () => {
  const env = { XDG_DATA_HOME: join(base, 'home-data') };
  const uid = process.getuid?.() ?? 0;
  beforeAll(() => mkdirSync(env.XDG_DATA_HOME));
  afterAll(() => {
    execFileSync('umount', [disk]);
    rmSync(base, { recursive: true, force: true });
  });

  it('goes to $topdir/.Trash-$uid, made when missing', async () => {
    writeFileSync(join(disk, 'a.txt'), 'a');
    const target = await moveToTrash(join(disk, 'a.txt'), { env });
    expect(target).toBe(join(disk, `.Trash-${uid}`, 'files', 'a.txt'));
    expect(readFileSync(target, 'utf8')).toBe('a');
  });

  it('a link planted at .Trash-$uid takes nothing: the file stays, the link target stays empty', async () => {
    rmSync(join(disk, `.Trash-${uid}`), { recursive: true, force: true });
    const elsewhere = join(disk, 'someone-elses');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(disk, `.Trash-${uid}`));
    writeFileSync(join(disk, 'b.txt'), 'b');
    await expect(moveToTrash(join(disk, 'b.txt'), { env })).rejects.toThrow(/is not a folder of yours/);
    expect(existsSync(join(disk, 'b.txt'))).toBe(true);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
