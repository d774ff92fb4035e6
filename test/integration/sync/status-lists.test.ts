// What the Files panel lists after a real run (StatusTracker over a real engine and server): the
// items a run skips on purpose stay listed after it (they are reported right after reconciling,
// before the run's start event), and a new run replaces them.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';
import { StatusTracker } from '../../../electron/core/sync/status.ts';
import { describeEachServer } from './each-server.ts';

describeEachServer('the Files panel lists against %s', ({ withFixture }) => {
  it('a name the server will not take is listed as skipped until it is renamed', () => withFixture(async (f) => {
    const tracker = new StatusTracker(f.engine, () => {}, 0);
    f.writeLocal('Notes\\draft.txt', 'a backslash in the name');
    f.writeLocal('ok.txt', 'fine');
    await f.sync();
    expect(tracker.current.skipped).toEqual([expect.objectContaining({ path: 'Notes\\draft.txt', kind: 'invalid-name-local' })]);
    expect(await f.readRemote('ok.txt')).toBe('fine');
    rmSync(join(f.localDir, 'Notes\\draft.txt'));
    await f.sync();
    expect(tracker.current.skipped).toEqual([]);
    tracker.dispose();
  }));
}, [npmWebdavServer]);
