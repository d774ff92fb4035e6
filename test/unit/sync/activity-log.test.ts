// The activity list's store: newest first, bounded, kept in its file across a restart, and a
// damaged file costs only the history.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIVITY_LIMIT, ActivityLog, activityFileFor } from '../../../electron/core/sync/activity-log.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'werkplek-activity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ActivityLog', () => {
  it('lists newest first and keeps only the newest ACTIVITY_LIMIT', () => {
    const log = new ActivityLog(join(dir, 'a.json'));
    for (let i = 0; i < ACTIVITY_LIMIT + 50; i++) log.add('uploaded', `f${i}.txt`, null, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    const list = log.list();
    expect(list).toHaveLength(ACTIVITY_LIMIT);
    expect(list[0]).toEqual({ at: '2026-01-01T00:02:29.000Z', kind: 'uploaded', path: 'f149.txt', from: null });
    expect(list.at(-1)!.path).toBe('f50.txt');
  });

  it('survives a restart, and its file stays small', () => {
    const file = join(dir, 'sync', 'journal-1.activity.json');
    const log = new ActivityLog(file);
    log.add('movedOnServer', 'new/place.odt', 'old/place.odt');
    log.add('deletedHere', 'gone.txt');
    for (let i = 0; i < 500; i++) log.add('downloaded', `${'long-name-'.repeat(10)}${i}.pdf`);
    log.flush();
    const again = new ActivityLog(file).list();
    expect(again).toEqual(log.list());
    expect(again).toHaveLength(ACTIVITY_LIMIT);
    expect(statSync(file).size).toBeLessThan(32 * 1024);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a damaged or foreign file starts an empty list; entries of unknown kinds are dropped', () => {
    const file = join(dir, 'a.json');
    writeFileSync(file, '{not json');
    expect(new ActivityLog(file).list()).toEqual([]);
    writeFileSync(file, JSON.stringify([{ at: 'x', kind: 'uploaded', path: 'ok.txt', from: null }, { at: 'x', kind: 'rm -rf', path: 'bad', from: null }, 'junk']));
    expect(new ActivityLog(file).list().map((e) => e.path)).toEqual(['ok.txt']);
  });

  it('an upload that turned into a conflict is one line', () => {
    const log = new ActivityLog(join(dir, 'a.json'));
    log.add('conflict', 'report.txt');
    log.add('uploaded', 'report.txt');
    log.add('uploaded', 'other.txt');
    expect(log.list().map((e) => `${e.kind} ${e.path}`)).toEqual(['uploaded other.txt', 'conflict report.txt']);
  });

  it('writes nothing until something happened', () => {
    const file = join(dir, 'a.json');
    new ActivityLog(file).flush();
    expect(() => readFileSync(file)).toThrow();
  });

  it('is named after its journal', () => {
    expect(activityFileFor('/data/sync/journal-abc.sqlite')).toBe('/data/sync/journal-abc.activity.json');
  });
});
