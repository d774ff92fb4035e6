// DavClient.list() and stat() against a misbehaving server (test/fixtures/hostile-dav.ts): every
// href that is not the folder or a direct child is reported with its reason; XML that is not
// well-formed, cut off or not a multistatus fails the folder (never a shorter listing); an answer
// past a bound (entries, bytes, one text) fails cleanly while memory stays bounded.
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DavClient, DEFAULT_LISTING_LIMITS, DROPPED, type DavOptions } from '../../../electron/core/sync/dav-client.ts';
import { davResponse, lazyMultistatus, multistatus, MULTISTATUS_CLOSE, MULTISTATUS_OPEN, startHostileDav, type Handler, type HostileDav } from '../../fixtures/hostile-dav.ts';

const MiB = 1024 * 1024;
let handler: Handler = () => '';
let dav: HostileDav;
let client: DavClient;
const clients: DavClient[] = [];

/** The account root, the synced folder and the folder listed in most tests. */
const root = '/remote.php/dav/files/anna/';
const docs = `${root}Sync/Docs/`;
const self = davResponse({ href: docs, dir: true, etag: 'docs', fileId: '7', dataFingerprint: 'fp1' });
const file = (href: string, etag = 'e'): string => davResponse({ href, etag, size: 3, fileId: '9', permissions: 'RGDNVW', lastModified: 'Mon, 23 Nov 2026 10:00:00 GMT' });

const clientWith = (options: Partial<DavOptions> = {}): DavClient => {
  const c = new DavClient({ url: dav.url, user: 'anna', password: 'pw', remoteDir: '/Sync', ...options });
  clients.push(c);
  return c;
};

/**
 * client.list('Docs') fails with a protocol error matching `message`; the server was cut off
 * (the client went away) before `servedMiB` of its answer; and the process's RSS, sampled every
 * 5 ms, grew by less than `growthMiB` over its level before. GC is forced nowhere: the growth
 * includes garbage not yet collected (and the test server's), so the bounds are upper bounds.
 */
async function failsWithin(message: RegExp, servedMiB: number, growthMiB: number): Promise<void> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 5);
  const [result] = await Promise.allSettled([client.list('Docs')]);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  expect(result!.status).toBe('rejected');
  expect((result as PromiseRejectedResult).reason).toMatchObject({ kind: 'protocol', message: expect.stringMatching(message) });
  const served = await dav.lastAnswer();
  expect(served.closedEarly).toBe(true);
  expect(served.bytes).toBeLessThan(servedMiB * MiB);
  expect((peak - before) / MiB).toBeLessThan(growthMiB);
}

beforeAll(async () => {
  dav = await startHostileDav({ propfind: (request) => handler(request) });
  client = clientWith();
});
afterEach(() => {
  handler = () => '';
});
afterAll(async () => {
  for (const c of clients) c.close();
  await dav.stop();
});

describe('hrefs that are not the folder or a direct child', () => {
  it('are each reported with their reason; the children keep the server spelling of the name', async () => {
    handler = () => multistatus([
      self,
      file(`${docs}a.txt`),
      file(`${docs}b%20c%C3%A9.txt`),
      // Another port of the same host name (a proxy's, a TLS front's): the same server.
      file(`http://127.0.0.1:1${docs}abs.txt`),
      file(`https://evil.example${docs}evil.txt`),
      file('mailto:anna@example.org'),
      file(`${root}Sync/Other/x.txt`),
      davResponse({ href: `${root}Sync/`, dir: true, etag: 'parent' }),
      file(`${docs}sub/deep.txt`),
      file(`${docs}a%2Fb.txt`),
      file(`${docs}..`),
      file(`${docs}%2E`),
      file(`${docs}/`),
      file(`${docs}bad%E9.txt`),
      file(`${docs}a.txt`, 'second'),
      davResponse({ href: `${root}Sync/Docs`, dir: true, etag: 'again' }),
    ]);
    const listing = await client.list('Docs');
    expect(listing.self).toMatchObject({ path: 'Docs', type: 'dir', etag: 'docs', fileId: '7' });
    expect(listing.dataFingerprint).toBe('fp1');
    expect(listing.children.map((c) => [c.path, c.name, c.etag])).toEqual([
      ['Docs/a.txt', 'Docs/a.txt', 'e'],
      ['Docs/b cé.txt'.normalize('NFC'), 'Docs/b cé.txt', 'e'],
      ['Docs/abs.txt', 'Docs/abs.txt', 'e'],
    ]);
    expect(listing.dropped).toEqual([
      { href: `https://evil.example${docs}evil.txt`, reason: DROPPED.otherHost },
      { href: 'mailto:anna@example.org', reason: DROPPED.otherHost },
      { href: `${root}Sync/Other/x.txt`, reason: DROPPED.outside },
      { href: `${root}Sync/`, reason: DROPPED.outside },
      { href: `${docs}sub/deep.txt`, reason: DROPPED.deeper },
      { href: `${docs}a%2Fb.txt`, reason: DROPPED.encodedSlash },
      { href: `${docs}..`, reason: DROPPED.badName },
      { href: `${docs}%2E`, reason: DROPPED.badName },
      { href: `${docs}/`, reason: DROPPED.badName },
      { href: `${docs}bad%E9.txt`, reason: DROPPED.undecodable },
      { href: `${docs}a.txt`, reason: DROPPED.duplicate },
      { href: `${root}Sync/Docs`, reason: DROPPED.duplicate },
    ]);
    // Depth 1, on the folder's URL with its trailing slash.
    expect(dav.requests.at(-1)).toMatchObject({ method: 'PROPFIND', path: docs, depth: '1' });
  });

  it('childNames (the check before a bulk upload) asks for <d:resourcetype> only, keeps the server spelling, and is incomplete when an href cannot be placed', async () => {
    handler = () => multistatus([self, file(`${docs}a.txt`), file(`${docs}b%20c%C3%A9.txt`), davResponse({ href: `${docs}sub/`, dir: true, etag: 's' })]);
    expect(await client.childNames('Docs')).toEqual({ names: new Set(['Docs/a.txt', 'Docs/b cé.txt'.normalize('NFC'), 'Docs/sub']), complete: true });
    expect(dav.requests.at(-1)).toMatchObject({ method: 'PROPFIND', path: docs, depth: '1' });
    expect(dav.requests.at(-1)!.body).toMatch(/<d:prop><d:resourcetype\/><\/d:prop>/);
    // Any href it cannot place in the folder might be one of the names asked about: not complete.
    for (const odd of [`${docs}sub/deep.txt`, `https://evil.example${docs}evil.txt`, `${docs}a%2Fb.txt`, `${docs}bad%E9.txt`]) {
      handler = () => multistatus([self, file(`${docs}a.txt`), file(odd)]);
      expect(await client.childNames('Docs'), odd).toEqual({ names: new Set(['Docs/a.txt']), complete: false });
    }
    // An answer that does not describe the folder itself is no answer.
    handler = () => multistatus([file(`${docs}a.txt`)]);
    await expect(client.childNames('Docs')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringMatching(/does not describe the folder itself/) });
  });

  it('a listing whose folder is only on another host, or with an entry that says nothing, fails, saying why', async () => {
    handler = () => multistatus([davResponse({ href: `http://elsewhere.example${docs}`, dir: true, etag: 'x' }), file(`${docs}a.txt`)]);
    await expect(client.list('Docs')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringMatching(/the listing of \/Sync\/Docs does not describe the folder itself.*on another host/) });
    // As before: an entry of the folder without properties fails the folder instead of vanishing.
    handler = () => multistatus([self, `<d:response><d:href>${docs}gone.txt</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>`]);
    await expect(client.list('Docs')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringContaining('without properties') });
  });
});

describe('namespaces and propstats', () => {
  it('properties are matched by namespace URI, not prefix, and only 2xx propstats count', async () => {
    // DAV: as the default namespace and as "x:", owncloud's as "d:", a stranger's "z:getetag";
    // the 404 propstat comes first and names values the server does not have.
    handler = () => `<?xml version="1.0"?>
<multistatus xmlns="DAV:" xmlns:x="DAV:" xmlns:d="http://owncloud.org/ns" xmlns:z="urn:not-dav">
 <response><href>${docs}</href><propstat><prop><resourcetype><collection/></resourcetype><getetag>"docs"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response>
 <x:response><x:href>${docs}a.txt</x:href>
  <x:propstat><x:prop><x:getetag>"stale"</x:getetag><x:resourcetype><x:collection/></x:resourcetype></x:prop><x:status>HTTP/1.1 404 Not Found</x:status></x:propstat>
  <x:propstat><x:prop><x:resourcetype/><x:getetag>"real"</x:getetag><z:getetag>"wrong"</z:getetag><d:fileid>0042</d:fileid>
   <d:checksums><d:checksum>SHA1:abc MD5:def</d:checksum><d:checksum>SHA256:ghi</d:checksum></d:checksums>
   <x:getcontentlength> 12 </x:getcontentlength><x:getlastmodified>Mon, 23 Nov 2026 10:00:00 GMT</x:getlastmodified></x:prop>
   <x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response>
 <response xmlns="urn:not-dav"><href>${docs}ghost.txt</href></response>
</multistatus>`;
    const listing = await client.list('Docs');
    expect(listing.children).toEqual([{
      path: 'Docs/a.txt', name: 'Docs/a.txt', type: 'file', etag: 'real', fileId: '0042', permissions: null,
      size: 12, mtimeMs: Date.UTC(2026, 10, 23, 10), checksum: 'SHA1:abc',
    }]);
    expect(listing.nextcloud).toBe(false);
    expect(listing.dropped).toEqual([]);
  });
});

describe('answers that are not well-formed XML fail the folder', () => {
  const fails = async (body: string, pattern: RegExp): Promise<void> => {
    handler = () => body;
    await expect(client.list('Docs')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringMatching(pattern) });
  };

  it('an undefined entity (&foo;, or HTML\'s &nbsp;) is an error, never read into a name', async () => {
    // davResponse escapes what it is given: the entity goes in afterwards.
    await fails(multistatus([self, file(`${docs}x-ENTITY-y.txt`)]).replace('-ENTITY-', '&foo;'), /the listing of \/Sync\/Docs is not well-formed XML/);
    await fails(multistatus([self, file(`${docs}x-ENTITY-y.txt`)]).replace('-ENTITY-', '&nbsp;'), /not well-formed XML/);
  });

  it('a cut-off body, even one that still ends in </d:multistatus>, or a connection lost mid-body', async () => {
    const whole = multistatus([self, file(`${docs}a.txt`), file(`${docs}b.txt`)]);
    await fails(whole.slice(0, whole.indexOf('b.txt') + 3), /the listing of \/Sync\/Docs is (cut off|not well-formed XML)/);
    await fails(whole.slice(0, whole.lastIndexOf('</d:response>')), /the listing of \/Sync\/Docs is cut off/);
    await fails(`${whole.slice(0, whole.indexOf('b.txt') - 40)}</d:multistatus>\n`, /not well-formed XML/);
    handler = () => ({ body: (async function* () {
      yield MULTISTATUS_OPEN + self;
      throw new Error('cut');
    })() });
    await expect(client.list('Docs')).rejects.toMatchObject({ name: 'RemoteError' });
  });

  it('another root, a second root, text after the root, an unbound prefix, an empty body, bytes that are not UTF-8', async () => {
    await fails('<!DOCTYPE html><html><body>Log in</body></html>', /is not well-formed XML|not a WebDAV multistatus/);
    await fails('<?xml version="1.0"?><d:error xmlns:d="DAV:"><d:message>x</d:message></d:error>', /not a WebDAV multistatus \(its root is <error> in DAV:\)/);
    await fails(multistatus([self]) + multistatus([file(`${docs}b.txt`)]).replace(/<\?xml[^>]*>/, ''), /more than one root element|not well-formed/);
    await fails(`${multistatus([self])}trailing`, /not well-formed XML/);
    await fails(multistatus([self, file(`${docs}a.txt`).replace('<d:getetag>', '<q:getetag>').replace('</d:getetag>', '</q:getetag>')]), /not well-formed XML \(Unbound namespace prefix/);
    await fails('', /is empty or not XML/);
    handler = () => Buffer.concat([Buffer.from(MULTISTATUS_OPEN), Buffer.from([0xff, 0xfe]), Buffer.from('</d:multistatus>')]);
    await expect(client.list('Docs')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringContaining('is not UTF-8') });
  });
});

describe('bounds', () => {
  it('the entry bound (default 100,000): 1,000,000 entries streamed lazily fail cleanly, the request is aborted, memory stays bounded', async () => {
    expect(DEFAULT_LISTING_LIMITS.maxEntries).toBe(100_000);
    handler = () => ({ body: lazyMultistatus([self], 1_000_000, (i) => file(`${docs}f${i}.txt`, `e${i}`)) });
    // ~330 bytes an entry: the client stops after about a tenth of the 330 MB. It keeps 100,000
    // entries (~0.26 KB each) and makes garbage not yet collected; the old client grew by ~4 GB here.
    await failsWithin(/the listing of \/Sync\/Docs has more than 100000 entries.*raise maxEntries of the server option listingLimits/, 60, 256);
  }, 120_000);

  it('the entry bound is settable; exactly that many entries is fine', async () => {
    const small = clientWith({ listingLimits: { maxEntries: 11 } });
    const ten = Array.from({ length: 10 }, (_, i) => file(`${docs}f${i}.txt`));
    handler = () => multistatus([self, ...ten]);
    expect((await small.list('Docs')).children).toHaveLength(10);
    handler = () => multistatus([self, ...ten, file(`${docs}one-more.txt`)]);
    await expect(small.list('Docs')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringContaining('more than 11 entries') });
  });

  it('the byte bound (default 256 MiB): a 1 GB answer of few entries fails cleanly, memory stays bounded', async () => {
    expect(DEFAULT_LISTING_LIMITS.maxBytes).toBe(256 * MiB);
    // Each entry padded with 1 MiB of a property nobody asked for (one Buffer, sent again and
    // again, so the server side makes little garbage of its own).
    const pad = Buffer.from(`<z:junk xmlns:z="urn:junk">${'x'.repeat(MiB)}</z:junk>`);
    handler = () => ({ body: (async function* () {
      yield MULTISTATUS_OPEN + self;
      for (let i = 0; i < 1024; i++) {
        const [start, end] = davResponse({ href: `${docs}f${i}.txt`, etag: 'e', extra: '-PAD-' }).split('-PAD-');
        yield start!;
        yield pad;
        yield end!;
      }
      yield MULTISTATUS_CLOSE;
    })() });
    // Growth below 128 MiB: holding the text read up to the bound would take 256 MiB. (96 was too
    // tight for an RSS that includes uncollected garbage: 99 MiB once in a loaded CI run.)
    await failsWithin(/the listing of \/Sync\/Docs is larger than 256 MiB.*raise maxBytes of the server option listingLimits/, 300, 128);
  }, 120_000);

  it('the byte bound counts the decompressed bytes: a small gzip bomb stops early; a gzip listing is read', async () => {
    const small = clientWith({ listingLimits: { maxBytes: 8 * MiB } });
    handler = () => ({ headers: { 'content-encoding': 'gzip' }, body: gzipSync(multistatus([self, file(`${docs}a.txt`)])) });
    expect((await small.list('Docs')).children.map((c) => c.name)).toEqual(['Docs/a.txt']);
    // 64 MiB of padding in a property nobody asked for (no text bound applies), gzipped to < 1 MiB.
    const bomb = gzipSync(Buffer.concat([Buffer.from(`${MULTISTATUS_OPEN + self}<z:junk xmlns:z="urn:junk">`), Buffer.alloc(64 * MiB, 0x61)]));
    expect(bomb.length).toBeLessThan(MiB);
    handler = () => ({ headers: { 'content-encoding': 'gzip' }, body: bomb });
    await expect(small.list('Docs')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringContaining('the listing of /Sync/Docs is larger than 8 MiB') });
    handler = () => ({ headers: { 'content-encoding': 'compress' }, body: 'x' });
    await expect(small.list('Docs')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringContaining('(compress)') });
  });

  it('one huge text (a 500 MB href, a 500 MB ETag) fails at 64 KiB, without reading on', async () => {
    const around: [string, string][] = [['<d:response><d:href>', '</d:href>'], [`<d:response><d:href>${docs}a.txt</d:href><d:propstat><d:prop><d:getetag>`, '</d:getetag>']];
    for (const [open, close] of around) {
      handler = () => ({ body: (async function* () {
        yield MULTISTATUS_OPEN + self + open;
        const block = 'a'.repeat(MiB);
        for (let i = 0; i < 500; i++) yield block;
        yield close;
      })() });
      await failsWithin(/the listing of \/Sync\/Docs has a <(href|getetag)> text longer than 64 KiB/, 16, 64);
    }
  }, 60_000);

  it('endless attributes or nesting fail early', async () => {
    handler = () => ({ body: (async function* () {
      yield `${MULTISTATUS_OPEN}<d:response a0="1"`;
      for (let i = 1; i < 10_000_000; i++) yield ` a${i}="1"`;
    })() });
    await expect(client.list('Docs')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringContaining('more than 256 attributes') });
    handler = () => ({ body: (async function* () {
      yield MULTISTATUS_OPEN;
      for (let i = 0; i < 10_000_000; i++) yield '<d:x>';
    })() });
    await expect(client.list('Docs')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringContaining('deeper than 64 levels') });
  }, 60_000);
});

describe('stat (PROPFIND Depth 0, the same reader)', () => {
  it('reads the item itself, ignores other hrefs, null on 404, fails on XML that is not well-formed', async () => {
    handler = ({ depth }) => (depth === '0' ? multistatus([file(`${root}Sync/Docs/other.txt`, 'no'), file(`${docs}a%20b.txt`, 'yes')]) : '');
    expect(await client.stat('Docs/a b.txt')).toMatchObject({ path: 'Docs/a b.txt', type: 'file', etag: 'yes', fileId: '9', size: 3 });
    expect(dav.requests.at(-1)).toMatchObject({ path: `${docs}a%20b.txt`, depth: '0' });
    handler = () => ({ status: 404, body: '' });
    expect(await client.stat('Docs/none.txt')).toBeNull();
    handler = () => multistatus([file(`${docs}a.txt-ENTITY-`)]).replace('-ENTITY-', '&bogus;');
    await expect(client.stat('Docs/a.txt')).rejects.toMatchObject({ kind: 'protocol', message: expect.stringContaining('the properties of /Sync/Docs/a.txt is not well-formed XML') });
  });
});
