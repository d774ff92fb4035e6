// The confined sync folder (local-fs.ts) on a real disk: links anywhere in a path are refused at
// the moment of the operation, final components are never followed, and a sync folder reached
// through a link of the user's own is fine.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFolder, OutsideSyncFolder } from '../../../electron/core/sync/local-fs.ts';

describe('LocalFolder', () => {
  let base: string;
  let root: string;
  let outside: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'werkplek-localfs-'));
    root = join(base, 'sync');
    outside = join(base, 'outside');
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret'), 'secret');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('checks the real folder of a name: a link anywhere above it is refused', () => {
    const folder = new LocalFolder(root);
    mkdirSync(join(root, 'a/b'), { recursive: true });
    expect(folder.checked('a/b/file.txt')).toBe(join(root, 'a/b/file.txt'));
    symlinkSync(outside, join(root, 'link'));
    expect(() => folder.checked('link/secret')).toThrow(OutsideSyncFolder);
    // A folder swapped for a link after the LocalFolder was made is seen at the next operation.
    renameSync(join(root, 'a'), join(root, 'a-away'));
    symlinkSync(join(root, 'a-away'), join(root, 'a'));
    expect(() => folder.checked('a/b/file.txt')).toThrow(OutsideSyncFolder);
  });

  it('makes folders one level at a time and refuses to go through a link or a file', () => {
    const folder = new LocalFolder(root);
    folder.mkdirs('x/y/z');
    expect(lstatSync(join(root, 'x/y/z')).isDirectory()).toBe(true);
    symlinkSync(outside, join(root, 'ssh'));
    expect(() => folder.mkdirs('ssh/new')).toThrow(OutsideSyncFolder);
    expect(existsSync(join(outside, 'new'))).toBe(false);
    writeFileSync(join(root, 'file'), '');
    expect(() => folder.mkdirsFor('file/inner.txt')).toThrow(OutsideSyncFolder);
  });

  it('renames and removes a link itself, never its target', async () => {
    const folder = new LocalFolder(root);
    symlinkSync(join(outside, 'secret'), join(root, 'link'));
    await folder.rename('link', 'moved');
    expect(lstatSync(join(root, 'moved')).isSymbolicLink()).toBe(true);
    await folder.remove('moved');
    expect(existsSync(join(root, 'moved'))).toBe(false);
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('secret');
  });

  it('does not open a link to read, and does not set the time of a link’s target', async () => {
    const folder = new LocalFolder(root);
    symlinkSync(join(outside, 'secret'), join(root, 'link'));
    expect(() => folder.openToRead('link')).toThrow(/ELOOP/);
    const before = lstatSync(join(outside, 'secret')).mtimeMs;
    await folder.setMtime('link', new Date(0));
    expect(lstatSync(join(outside, 'secret')).mtimeMs).toBe(before);
  });

  it('a sync folder the user reaches through a link of their own works as usual', () => {
    const real = join(base, 'data');
    mkdirSync(real);
    symlinkSync(real, join(base, 'via-link'));
    const folder = new LocalFolder(join(base, 'via-link'));
    folder.mkdirs('docs');
    expect(folder.checked('docs/a.txt')).toBe(join(base, 'via-link', 'docs/a.txt'));
    expect(lstatSync(join(real, 'docs')).isDirectory()).toBe(true);
  });

  it('a temp file whose folder became a link is left alone, not an error', async () => {
    const folder = new LocalFolder(root);
    symlinkSync(outside, join(root, 'd'));
    await folder.removeTemp('d/secret');
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('secret');
  });

  describe('while a run holds the folders it checked (hold)', () => {
    const openFds = (): number => readdirSync('/proc/self/fd').length;

    it('sees a held folder swapped for a link, or moved out and linked back, at the next check', () => {
      const folder = new LocalFolder(root);
      const release = folder.hold();
      mkdirSync(join(root, 'a/b'), { recursive: true });
      expect(folder.checked('a/b/file.txt')).toBe(join(root, 'a/b/file.txt'));
      renameSync(join(root, 'a'), join(root, 'a-away'));
      symlinkSync(join(root, 'a-away'), join(root, 'a'));
      expect(() => folder.checked('a/b/file.txt')).toThrow(OutsideSyncFolder);
      // The same folder (same inode) moved out of the sync folder and reached through a link again.
      rmSync(join(root, 'a'));
      renameSync(join(root, 'a-away'), join(outside, 'a'));
      symlinkSync(join(outside, 'a'), join(root, 'a'));
      expect(() => folder.checked('a/b/file.txt')).toThrow(OutsideSyncFolder);
      expect(() => folder.checked('a/x.txt')).toThrow(OutsideSyncFolder);
      release();
    });

    it('takes a folder deleted and made again for what it is now; refuses one that is gone', () => {
      const folder = new LocalFolder(root);
      const release = folder.hold();
      mkdirSync(join(root, 'd'));
      folder.checked('d/one.txt');
      rmSync(join(root, 'd'), { recursive: true });
      expect(() => folder.checked('d/one.txt')).toThrow(OutsideSyncFolder);
      mkdirSync(join(root, 'd'));
      expect(folder.checked('d/one.txt')).toBe(join(root, 'd/one.txt'));
      release();
    });

    it('renames within a held folder, and closes every held folder when released', async () => {
      const before = openFds();
      const folder = new LocalFolder(root);
      const release = folder.hold();
      for (let i = 0; i < 100; i++) mkdirSync(join(root, `f${i}`));
      for (let i = 0; i < 100; i++) folder.checked(`f${i}/x`);
      expect(openFds() - before).toBeLessThanOrEqual(64); // a bounded number stays open
      writeFileSync(join(root, 'f1/t'), 't');
      await folder.rename('f1/t', 'f1/u');
      expect(readFileSync(join(root, 'f1/u'), 'utf8')).toBe('t');
      release();
      expect(openFds()).toBe(before);
      // Without holding, every check is a realpath again.
      symlinkSync(outside, join(root, 'f2-link'));
      expect(() => folder.checked('f2-link/secret')).toThrow(OutsideSyncFolder);
    });

    it('a sync folder the user reaches through a link of their own is held as usual', () => {
      const real = join(base, 'data');
      mkdirSync(join(real, 'docs'), { recursive: true });
      symlinkSync(real, join(base, 'via-link'));
      const folder = new LocalFolder(join(base, 'via-link'));
      const release = folder.hold();
      expect(folder.checked('docs/a.txt')).toBe(join(base, 'via-link', 'docs/a.txt'));
      expect(folder.checked('docs/b.txt')).toBe(join(base, 'via-link', 'docs/b.txt'));
      expect(folder.checked('top.txt')).toBe(join(base, 'via-link', 'top.txt'));
      release();
    });
  });
});
