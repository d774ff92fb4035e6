// The Files settings' choices against real servers: the server's folders with their sizes (on the
// Nextcloud-shaped SabreDAV; plain WebDAV tells no folder sizes), and the ignore patterns, which
// the engine honours at its next run.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSabreDav, type SabreDavHandle } from '../../fixtures/servers/sabredav.ts';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { listServerFolders, readIgnorePatterns, writeIgnorePatterns, MAX_IGNORE_BYTES } from '../../../electron/core/sync/sync-choices.ts';
import { SyncEngine } from '../../../electron/core/sync/engine.ts';
import { DavClient } from '../../../electron/core/sync/dav-client.ts';

describe('the server folders the Files settings show', () => {
  let sabre: SabreDavHandle;
  let plain: WebdavServerHandle;
  beforeAll(async () => {
    sabre = await startSabreDav();
    plain = await npmWebdavServer.start();
    for (const server of [sabre, plain]) {
      // Written through WebDAV, so the Nextcloud-shaped server keeps its folder sizes.
      const dav = new DavClient({ url: server.url, user: server.user, password: server.password });
      await dav.mkdir('Projecten');
      await dav.mkdir('Projecten/2027');
      await dav.mkdir('Gedeeld');
      await dav.put('Projecten/plan.txt', Buffer.alloc(3000, 1), 3000, {});
      await dav.put('Projecten/2027/begroting.csv', Buffer.alloc(1000, 2), 1000, {});
      await dav.put('los bestand.txt', Buffer.from('not a folder'), 12, {});
      dav.close();
    }
  }, 60_000);
  afterAll(async () => {
    await sabre?.stop();
    await plain?.stop();
  });

  it('Nextcloud-shaped: folders only, sorted, each with its size (everything below it)', async () => {
    const top = await listServerFolders({ url: sabre.url, user: sabre.user, password: sabre.password }, '');
    expect(top).toEqual([{ path: 'Gedeeld', name: 'Gedeeld', size: 0 }, { path: 'Projecten', name: 'Projecten', size: 4000 }]);
    const inside = await listServerFolders({ url: sabre.url, user: sabre.user, password: sabre.password, remoteDir: '/Elders' }, '/Projecten/');
    expect(inside).toEqual([{ path: 'Projecten/2027', name: '2027', size: 1000 }]);
  });

  it('plain WebDAV: the same folders, sizes unknown; a path with .. is refused before any request', async () => {
    const top = await listServerFolders({ url: plain.url, user: plain.user, password: plain.password }, '');
    expect(top.map((f) => [f.path, f.size])).toEqual([['Gedeeld', null], ['Projecten', null]]);
    await expect(listServerFolders({ url: plain.url, user: plain.user, password: plain.password }, 'Projecten/../..')).rejects.toThrow(/not a server folder/);
  });

  it('ignore patterns: kept whole and tidy, bounded, and honoured by the next run', async () => {
    const base = mkdtempSync(join(tmpdir(), 'werkplek-choices-'));
    const file = join(base, 'sync-exclude.lst');
    expect(await readIgnorePatterns(file)).toBe('');
    await writeIgnorePatterns(file, '*.bak  \r\nScans/**\r\n\r\n');
    expect(readFileSync(file, 'utf8')).toBe('*.bak\nScans/**\n');
    await expect(writeIgnorePatterns(file, 'x'.repeat(MAX_IGNORE_BYTES + 1))).rejects.toThrow(/larger than 64 KiB/);
    expect(await readIgnorePatterns(file)).toBe('*.bak\nScans/**\n'); // the old list stays

    const local = join(base, 'local');
    mkdirSync(join(local, 'Scans'), { recursive: true });
    writeFileSync(join(local, 'brief.bak'), 'old');
    writeFileSync(join(local, 'Scans', 'scan1.pdf'), 'pdf');
    writeFileSync(join(local, 'brief.txt'), 'new');
    const engine = new SyncEngine({ localDir: local, server: { url: plain.url, user: plain.user, password: plain.password, remoteDir: '/' }, journalFile: join(base, 'j.sqlite'), excludeFile: file, minFileAgeMs: 0 });
    const run = await engine.syncNow();
    await engine.close();
    expect(run.errors).toEqual([]);
    expect(existsSync(join(plain.dataDir, 'brief.txt'))).toBe(true);
    expect(existsSync(join(plain.dataDir, 'brief.bak'))).toBe(false);
    expect(existsSync(join(plain.dataDir, 'Scans', 'scan1.pdf'))).toBe(false);
  });
});
