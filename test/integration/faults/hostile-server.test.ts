// A server that lies, against the whole engine: listings with hrefs that climb out of the folder
// (.., %2e%2e, %2F, absolute URLs to other hosts), names no disk should take, nonsense dates and
// sizes, answered by a misbehaving WebDAV server (hostile-dav.ts). Property: whatever it sends,
// nothing outside the sync folder changes (real paths, snapshot of the folder around it), the
// run ends with a summary (never a crash), and every entry it left out is reported.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../electron/core/sync/engine.ts';
import { davResponse, multistatus, startHostileDav, type HostileDav } from '../../fixtures/hostile-dav.ts';
import { snapshotTree } from '../../fixtures/outside-watch.ts';

/** Name parts a hostile server might send, raw (the server percent-encodes some of them itself). */
const hostileSegments = [
  '..', '.', '%2e%2e', '%2E%2E', '..%2F..%2Foutside', '%2F', 'a%2Fb', '%00', '%0A', 'x%0d%0ay', '%1b%5b2J',
  '~', '%7e', ' ', '%20', 'ok.txt', 'dir', 'CON', 'a%5cb', '%E2%80%AE', 'Ma%CC%88rz', 'M%C3%A4rz', 'x'.repeat(300), '%ff%fe',
];
const hostileDates = ['Mon, 23 Nov 2026 10:00:00 GMT', 'not a date', 'Sat, 01 Jan 275760 00:00:00 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT', ''];

interface Planted { href: string; dir: boolean; date: string; size: number }

describe('a lying server cannot reach outside the sync folder', () => {
  let dav: HostileDav;
  let listing: Planted[] = [];
  let endless = false;
  let base: string;
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'werkplek-hostile-'));
    dav = await startHostileDav({
      propfind: ({ path }) => {
        // The root lists the planted entries; a folder below lists them too when `endless` is on
        // (relative hrefs then make a tree without end), else only itself.
        const self = davResponse({ href: path.endsWith('/') ? path : `${path}/`, dir: true, etag: 'root' });
        const planted = path === dav.root || endless ? listing : [];
        return multistatus([self, ...planted.map((e, i) => davResponse({ href: e.href, dir: e.dir, etag: `e${i}`, size: e.size, lastModified: e.date }))]);
      },
      other: ({ method }) => (method === 'GET' ? { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: 'hostile bytes' } : { status: method === 'MKCOL' ? 405 : 204 }),
    });
  });
  afterAll(async () => {
    await dav?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  /** A home folder with the user's own files beside the sync folder, and an engine for it. */
  let homes = 0;
  const makeHome = (): { home: string; localDir: string; engine: SyncEngine; outside: () => ReturnType<typeof snapshotTree> } => {
    const home = join(base, `home-${++homes}`);
    const localDir = join(home, 'Werkplek');
    mkdirSync(localDir, { recursive: true });
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'id_ed25519'), 'key');
    writeFileSync(join(home, 'outside'), 'outside');
    const engine = new SyncEngine({
      localDir,
      server: { url: dav.url, user: 'anna', password: 'secret' },
      journalFile: join(home, 'state', 'journal.sqlite'),
      trash: async () => { throw new Error('nothing may be deleted in this test'); },
      minFileAgeMs: 0,
    });
    const ours = (p: string): boolean => p.startsWith(localDir) || p.startsWith(join(home, 'state'));
    return { home, localDir, engine, outside: () => snapshotTree(home, ours) };
  };

  it('a server that leads into an endless tree: the run ends, the path where it stops is reported', async () => {
    endless = true;
    listing = [{ href: 'deeper', dir: true, date: 'Mon, 23 Nov 2026 10:00:00 GMT', size: 0 }];
    const { engine, outside } = makeHome();
    const before = outside();
    try {
      const summary = await engine.syncNow();
      expect(summary.outcome).toBe('ok');
      expect(summary.issues.map((i) => i.message)).toEqual(['not downloaded: the path is longer than 3072 bytes']);
    } finally {
      await engine.close();
      endless = false;
    }
    expect(outside()).toEqual(before);
  }, 120_000);

  it('whatever hrefs, names, dates and sizes it lists', async () => {
    const entry = fc.record({
      prefix: fc.constantFrom('', 'rel', 'abs', 'other-host', 'parent'),
      segments: fc.array(fc.constantFrom(...hostileSegments), { minLength: 1, maxLength: 3 }),
      dir: fc.boolean(),
      date: fc.constantFrom(...hostileDates),
      size: fc.constantFrom(0, 13, -5, 1e18),
    });
    let downloads = 0;
    let dropped = 0;
    await fc.assert(fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), async (entries) => {
      const { localDir, engine, outside } = makeHome();
      listing = entries.map((e) => {
        const tail = e.segments.join('/');
        const href = e.prefix === 'abs' ? `${dav.origin}${dav.root}${tail}`
          : e.prefix === 'other-host' ? `http://elsewhere.invalid${dav.root}${tail}`
          : e.prefix === 'parent' ? `${dav.root}../${tail}`
          : e.prefix === 'rel' ? tail
          : `${dav.root}${tail}`;
        return { href, dir: e.dir, date: e.date, size: e.size };
      });
      // One plausible file among them: hostile siblings must not keep it from arriving.
      listing.push({ href: `${dav.root}plain.txt`, dir: false, date: 'Mon, 23 Nov 2026 10:00:00 GMT', size: 13 });
      const before = outside();
      try {
        const summary = await engine.syncNow();
            // The plausible file arrived; of the others, something arrived or something was said.
        expect(summary.outcome).not.toBe('failed');
        const arrived = readdirSync(localDir).filter((n) => n !== 'plain.txt' && !n.startsWith('.werkplek')).length;
        expect(summary.issues.length + summary.errors.length + arrived).toBeGreaterThan(0);
        expect(readFileSync(join(localDir, 'plain.txt'), 'utf8')).toBe('hostile bytes');
        downloads += summary.actions.download ?? 0;
        dropped += summary.issues.length;
      } finally {
        await engine.close();
      }
      expect(outside()).toEqual(before);
    }), { numRuns: 60 });
    // The runs took both paths: hostile entries left out and said, plausible ones downloaded.
    expect(downloads).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
    console.log(`hostile listings: ${downloads} files downloaded, ${dropped} entries reported over 60 runs`);
  }, 240_000);
});
