import { describe, expect, it } from 'vitest';
import { conflictName, IgnoreList, isConflictCopy, localNameProblem, remoteNameProblem } from '../../../electron/core/sync/names.ts';

describe('conflict copy names', () => {
  const at = new Date(2026, 10, 23, 14, 5, 2);
  it.each([
    ['report.pdf', 'report (conflicted copy 2026-11-23 140502).pdf'],
    ['dir/a.tar.gz', 'dir/a.tar (conflicted copy 2026-11-23 140502).gz'],
    ['.bashrc', '.bashrc (conflicted copy 2026-11-23 140502)'],
    ['README', 'README (conflicted copy 2026-11-23 140502)'],
    ['v1.0/notes', 'v1.0/notes (conflicted copy 2026-11-23 140502)'],
  ])('%s → %s', (name, expected) => {
    expect(conflictName(name, at)).toBe(expected);
    expect(isConflictCopy(expected)).toBe(true);
  });
  it('a second conflict in the same second gets a number', () => {
    expect(conflictName('a.txt', at, 2)).toBe('a (conflicted copy 2026-11-23 140502 2).txt');
  });
});

describe('ignore list', () => {
  const list = IgnoreList.load(null, ['*.bak', 'build/', '/top-only/cache', '# comment', '[Tt]emp*']);
  it.each([
    ['.~lock.report.odt#', true], ['~$budget.xlsx', true], ['.werkplek-tmp-abc123', true], ['a/b/.DS_Store', true],
    ['notes.txt.swp', false], ['.notes.txt.swp', true], ['x.part', true], ['old.bak', true], ['deep/old.bak', true],
    ['build', true], ['src/build', true], ['top-only/cache', true], ['other/top-only/cache', false],
    ['Temporary.txt', true], ['temp', true], ['report.txt', false], ['café.txt', false],
  ])('%s ignored: %s', (path, ignored) => {
    expect(list.isIgnored(path)).toBe(ignored);
  });
  it('an exclude line that is no valid pattern is named in the error, not a bare RegExp message', () => {
    expect(() => IgnoreList.load(null, ['*.bak', '[z-a]*'])).toThrow('the exclude pattern "[z-a]*" cannot be read');
  });
});

describe('names one side cannot store', () => {
  it.each([['.', true], ['..', true], ['a/b', true], ['x'.repeat(256), true], ['ok name.txt', false], ['é'.repeat(127), false], ['é'.repeat(128), true]])(
    'local %s refused: %s', (name, refused) => expect(localNameProblem(name) !== null).toBe(refused));
  it.each([['back\\slash', true], ['line\nbreak', true], [' leading', true], ['trailing ', true], ['.htaccess', true], ['hash#%?.txt', false], ['😀', false]])(
    'server %s refused: %s', (name, refused) => expect(remoteNameProblem(name) !== null).toBe(refused));
});
