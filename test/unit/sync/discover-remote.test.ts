// Remote discovery's decisions over listings given as data (a stand-in for the server; the
// discovery itself is what is tested): listing order never decides the outcome, folders are
// listed by the server's own spelling, and everything left out is said once.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DavClient, Listing } from '../../../electron/core/sync/dav-client.ts';
import { discoverRemote } from '../../../electron/core/sync/discover-remote.ts';
import type { JournalEntry, RemoteEntry } from '../../../electron/core/sync/model.ts';
import { IgnoreList } from '../../../electron/core/sync/names.ts';

const entry = (name: string, type: 'file' | 'dir', etag = `e-${name}`): RemoteEntry => ({
  path: name.normalize('NFC'), name, type, etag, fileId: null, permissions: null, size: 1, mtimeMs: 1000, checksum: null,
});

/** Listings by the server's spelling of the folder; a request in another spelling gets the 404 a server answers. */
function server(folders: Record<string, { children: RemoteEntry[]; dropped?: Listing['dropped']; ownCloudProps?: boolean }>): { dav: DavClient; asked: string[]; lean: string[] } {
  const asked: string[] = [];
  const lean: string[] = [];
  const dav = {
    async list(name: string, _signal?: AbortSignal, leanBody = false): Promise<Listing> {
      asked.push(name);
      if (leanBody) lean.push(name);
      const folder = folders[name];
      if (!folder) throw Object.assign(new Error(`404 ${name}`), { stopsRun: false });
      return { self: entry(name, 'dir'), children: folder.children, nextcloud: false, ownCloudProps: (folder.ownCloudProps ?? false) && !leanBody, dataFingerprint: null, dropped: folder.dropped ?? [] };
    },
  } as unknown as DavClient;
  return { dav, asked, lean };
}

const options = { ignore: IgnoreList.load(null), excluded: [] };

describe('discoverRemote', () => {
  it('lists a folder stored in NFD by that spelling and keys it by NFC', async () => {
    const nfd = 'Ma\u0308rz';
    const { dav, asked } = server({ '': { children: [entry(nfd, 'dir')] }, [nfd]: { children: [entry(`${nfd}/plan.txt`, 'file')] } });
    const found = await discoverRemote(dav, new Map(), options);
    expect(asked).toEqual(['', nfd]);
    expect(found.unavailable).toEqual([]);
    expect(found.entries.get('M\u00e4rz/plan.txt')?.name).toBe(`${nfd}/plan.txt`);
  });

  it('both Unicode forms of one name: the same one is synced whatever the listing order', async () => {
    const forms = [entry('Ma\u0308rz.txt', 'file', 'nfd'), entry('M\u00e4rz.txt', 'file', 'nfc'), entry('other.txt', 'file')];
    await fc.assert(fc.asyncProperty(fc.shuffledSubarray(forms, { minLength: 3, maxLength: 3 }), async (order) => {
      const found = await discoverRemote(server({ '': { children: order } }).dav, new Map(), options);
      expect(found.entries.get('M\u00e4rz.txt')?.etag).toBe('nfc');
      expect(found.issues.map((i) => i.kind)).toEqual(['case-clash']);
    }));
  });

  it('reports what it leaves out: dropped hrefs, ignored names, names one side cannot store', async () => {
    const { dav } = server({ '': {
      children: [entry('.DS_Store', 'file'), entry('trailing ', 'file'), entry('ok.txt', 'file')],
      dropped: [{ href: 'http://elsewhere.example/x', reason: 'another host' }],
    } });
    const found = await discoverRemote(dav, new Map(), options);
    expect([...found.entries.keys()].sort()).toEqual(['', 'ok.txt']);
    expect(found.issues.map((i) => [i.path, i.kind])).toEqual([
      ['', 'listing-entry-dropped'], ['.DS_Store', 'ignored-remote'], ['trailing ', 'invalid-name-remote'],
    ]);
  });

  it('a folder taken from the journal (ETag unchanged) leaves out journal names that are no longer synced', async () => {
    const dir = { ...entry('docs', 'dir', 'same'), fileId: '1' };
    const journal = new Map<string, JournalEntry>();
    for (const [path, type] of [['docs', 'dir'], ['docs/a.txt', 'file'], ['docs/b\\c.txt', 'file'], ['docs/Thumbs.db', 'file']] as const) {
      journal.set(path, { path, type, localInode: 1, localSize: 1, localMtimeMs: 1, remoteEtag: type === 'dir' ? 'same' : 'x', remoteFileId: null, remotePermissions: null, remoteSize: 1, remoteMtimeMs: 1 });
    }
    const { dav } = server({ '': { children: [dir] } });
    const listing = await dav.list('');
    (dav as unknown as { list: () => Promise<Listing> }).list = async () => ({ ...listing, nextcloud: true, self: { ...listing.self, fileId: '0' } });
    const found = await discoverRemote(dav, journal, options);
    expect([...found.entries.keys()].sort()).toEqual(['', 'docs', 'docs/a.txt']);
  });

  describe('the lean listing (DAV: properties only)', () => {
    const tree = (ownCloudProps: boolean) => ({
      '': { children: [entry('A', 'dir'), entry('B', 'dir')], ownCloudProps },
      A: { children: [entry('A/a.txt', 'file'), entry('A/sub', 'dir')], ownCloudProps },
      B: { children: [entry('B/b.txt', 'file')], ownCloudProps },
      'A/sub': { children: [entry('A/sub/c.txt', 'file')], ownCloudProps },
    });

    it('is used after a listing with files and no ownCloud/Nextcloud property, never before', async () => {
      const { dav, asked, lean } = server(tree(false));
      const found = await discoverRemote(dav, new Map(), { ...options, concurrency: 1 });
      expect(asked).toEqual(['', 'A', 'B', 'A/sub']);
      // The root holds no file (a checksum could only show on one): A is asked in full, then the rest lean.
      expect(lean).toEqual(['B', 'A/sub']);
      expect(found.entries.has('A/sub/c.txt')).toBe(true);
    });

    it('is never used where the server sends such properties', async () => {
      const { dav, lean } = server(tree(true));
      await discoverRemote(dav, new Map(), { ...options, concurrency: 1 });
      expect(lean).toEqual([]);
    });
  });
});
