// A server-side rename that is already made here when the run starts: the sync was killed between
// renaming the file locally and recording that in the journal (the crash-safety suite found it:
// WERKPLEK_CRASH_SEED=545403), or the person made the same rename. The journal follows, the
// server's edit arrives, and no conflict copy is made. SabreDAV (Nextcloud-shaped: file ids).
import { renameSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sabreDavServer } from '../../fixtures/servers/sabredav.ts';
import { describeEachServer } from './each-server.ts';

describeEachServer('a server rename already made locally, against %s', ({ withFixture }) => {
  it('an edited and renamed file: the edit arrives at the new name, no conflict', () => withFixture(async (f) => {
    f.writeLocal('R2/deep/report.bin', 'first version');
    await f.syncUntilStable();
    await f.remote.putFileContents('/R2/deep/report.bin', 'edited on the server', { overwrite: true });
    await f.remote.createDirectory('/R1');
    await f.remote.moveFile('/R2/deep/report.bin', '/R1/renamed.bin');
    // What the killed run had done: the local rename, without its journal record.
    mkdirSync(join(f.localDir, 'R1'));
    renameSync(join(f.localDir, 'R2/deep/report.bin'), join(f.localDir, 'R1/renamed.bin'));

    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.conflicts).toEqual([]);
    await f.syncUntilStable();
    expect(f.readLocal('R1/renamed.bin')).toBe('edited on the server');
    expect(await f.readRemote('R1/renamed.bin')).toBe('edited on the server');
    expect(f.localTree()).toEqual(f.remoteTree());
    expect(f.trashed()).toEqual([]);
  }));

  it('a renamed folder: its files stay, nothing is downloaded again', () => withFixture(async (f) => {
    f.writeLocal('Plans/a.txt', 'a');
    f.writeLocal('Plans/b.txt', 'b');
    await f.syncUntilStable();
    await f.remote.moveFile('/Plans', '/Plannen');
    renameSync(join(f.localDir, 'Plans'), join(f.localDir, 'Plannen'));

    const run = await f.sync();
    expect(run.errors).toEqual([]);
    expect(run.conflicts).toEqual([]);
    expect(run.actions.download).toBeUndefined();
    expect(run.actions.upload).toBeUndefined();
    await f.syncUntilStable();
    expect(f.localTree()).toEqual(f.remoteTree());
    expect(Object.keys(f.localTree()).sort()).toEqual(['Plannen', 'Plannen/a.txt', 'Plannen/b.txt']);
  }));
}, [sabreDavServer]);
