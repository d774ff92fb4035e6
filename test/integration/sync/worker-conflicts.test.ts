// A conflict decided across the process boundary, as in the app (the engine in its own process,
// worker protocol over child_process.fork, SabreDAV where installed, else webdav-server): the
// conflict shows in the status, "keep theirs" is answered once the folder changed, the copy is in
// the trash and gone from the server after the run, the activity file keeps the choice after the
// process ended, and a path that is not a listed copy is refused with the engine's reason.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';
import { sabreDavServer } from '../../fixtures/servers/sabredav.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { forkNodeWorker, WorkerHost } from '../../../electron/core/sync/engine-host.ts';
import type { EngineStatus } from '../../../electron/core/sync/status.ts';
import { ActivityLog, activityFileFor } from '../../../electron/core/sync/activity-log.ts';

let server: WebdavServerHandle;
const xdgBefore = process.env.XDG_DATA_HOME;
const base = mkdtempSync(join(tmpdir(), 'werkplek-worker-conflict-'));
beforeAll(async () => {
  server = await (sabreDavServer.available ? sabreDavServer : npmWebdavServer).start();
  process.env.XDG_DATA_HOME = join(base, 'xdg-data'); // the forked engine's trash
}, 60_000);
afterAll(async () => {
  process.env.XDG_DATA_HOME = xdgBefore;
  await server?.stop();
  rmSync(base, { recursive: true, force: true });
});

it('keep theirs through the engine process: answered, trashed, carried to the server, remembered', async () => {
  const localDir = join(base, 'local');
  const journalFile = join(base, 'state', 'j.sqlite');
  const host = new WorkerHost(forkNodeWorker, () => {});
  let latest: EngineStatus | null = null;
  const waiters: Array<() => void> = [];
  host.onStatus((s) => {
    latest = s;
    for (const w of waiters.splice(0)) w();
  });
  const until = async (test: (s: EngineStatus) => boolean): Promise<EngineStatus> => {
    while (!latest || !test(latest)) await new Promise<void>((done) => waiters.push(done));
    return latest;
  };
  const remote = async (path: string, body: string): Promise<void> => {
    const answer = await fetch(new URL(path, server.url), { method: 'PUT', body, headers: { authorization: `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}` } });
    expect(answer.ok).toBe(true);
  };
  await remote('report.txt', 'original');
  host.send({ type: 'start', config: {
    localDir, server: { url: server.url, user: server.user, password: server.password }, journalFile,
    parallel: 2, deleteThreshold: 100, excluded: [], excludeFile: null, pollIntervalSeconds: 1, uploadLimitKiBps: 0, downloadLimitKiBps: 0,
  } });
  await until((s) => s.state === 'idle' && existsSync(join(localDir, 'report.txt')));
  host.send({ type: 'pause' });
  await until((s) => s.state === 'paused');
  writeFileSync(join(localDir, 'report.txt'), 'my edit');
  await remote('report.txt', 'their edit, longer');
  host.send({ type: 'resume' });
  const conflicted = await until((s) => s.conflicts.length === 1 && s.state === 'idle');
  const copy = conflicted.conflicts[0]!.conflictCopy;

  await expect(host.resolveConflict('../report.txt', 'mine')).rejects.toThrow(/"\.\."/);
  await expect(host.resolveConflict('report.txt', 'mine')).rejects.toThrow(/not a conflict/);
  await host.resolveConflict(copy, 'theirs');
  expect(existsSync(join(localDir, copy))).toBe(false);
  expect(readFileSync(join(base, 'xdg-data', 'Trash', 'files', copy), 'utf8')).toBe('my edit');
  await until((s) => s.conflicts.length === 0 && s.activity.some((a) => a.kind === 'deletedOnServer' && a.path === copy));
  expect(readFileSync(join(localDir, 'report.txt'), 'utf8')).toBe('their edit, longer');
  await host.stop();
  expect(new ActivityLog(activityFileFor(journalFile)).list().map((a) => `${a.kind} ${a.path}`)).toEqual(expect.arrayContaining(['keptTheirs report.txt', 'conflict report.txt']));
  expect(readdirSync(localDir).sort()).toEqual(['report.txt']);
}, 60_000);
