// The SabreDAV test server must behave like Nextcloud where the sync engine relies on it:
// properties, stable fileids, propagated folder etags, chunked upload v2 as documented,
// capabilities, read-only shares, checksums and X-OC-MTime.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startSabreDav, availableServers, type WebdavServerHandle } from '../../fixtures/servers/index.ts';

const sabre = availableServers().find((s) => s.name === 'sabredav')!;
if (!sabre.available) console.warn(`[sabredav] skipped: ${sabre.reason}`);

const PROPS = `<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop>
<d:getetag/><oc:fileid/><oc:permissions/><oc:size/><oc:checksums/><d:getcontentlength/><d:resourcetype/></d:prop></d:propfind>`;

interface Entry { href: string; etag?: string; fileid?: string; permissions?: string; size?: string; checksum?: string }

function parse(xml: string): Entry[] {
  return xml.split(/<d:response>/).slice(1).map((r) => {
    const get = (tag: string): string | undefined => r.match(new RegExp(`<${tag}>([^<]*)</${tag}>`))?.[1];
    const e: Entry = { href: decodeURIComponent(get('d:href')!) };
    for (const [k, tag] of [['etag', 'd:getetag'], ['fileid', 'oc:fileid'], ['permissions', 'oc:permissions'], ['size', 'oc:size'], ['checksum', 'oc:checksum']] as const) {
      const v = get(tag);
      if (v !== undefined) e[k] = v;
    }
    return e;
  });
}

describe.skipIf(!sabre.available)('SabreDAV test server, Nextcloud behaviour', () => {
  let h: WebdavServerHandle;
  let uploads: string;
  const auth = (): Record<string, string> => ({ authorization: 'Basic ' + Buffer.from(`${h.user}:${h.password}`).toString('base64') });
  const req = async (method: string, url: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<{ status: number; headers: Headers; text: string }> => {
    const res = await fetch(url, { method, headers: { ...auth(), ...headers }, ...(body !== undefined ? { body: typeof body === 'string' ? body : new Uint8Array(body) } : {}), signal: AbortSignal.timeout(20_000) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const list = async (path: string, depth = '1'): Promise<Entry[]> => {
    const r = await req('PROPFIND', h.url + path, { depth, 'content-type': 'application/xml' }, PROPS);
    expect(r.status).toBe(207);
    return parse(r.text);
  };
  const one = async (path: string): Promise<Entry> => (await list(path, '0'))[0]!;

  beforeAll(async () => {
    h = await startSabreDav({ minChunkBytes: 1024, quotaBytes: 50 * 1024 * 1024 });
    uploads = h.url.replace('/remote.php/dav/files/', '/remote.php/dav/uploads/');
  });
  afterAll(async () => { await h?.stop(); });

  it('uses Nextcloud URLs and announces chunking v2 and SHA1 checksums', async () => {
    expect(h.url).toMatch(/\/remote\.php\/dav\/files\/alice\/$/);
    const caps = await req('GET', new URL('/ocs/v2.php/cloud/capabilities?format=json', h.url).href, { 'ocs-apirequest': 'true' });
    const json = JSON.parse(caps.text);
    expect(json.ocs.data.capabilities.dav.chunking).toBe('1.0');
    expect(json.ocs.data.capabilities.checksums.supportedTypes).toContain('SHA1');
    const xml = await req('GET', new URL('/ocs/v2.php/cloud/capabilities', h.url).href, { 'ocs-apirequest': 'true' });
    expect(xml.text).toContain('<chunking>1.0</chunking>');
  });

  it('answers fileid, permissions, size, checksums, and keeps fileids across overwrite and move', async () => {
    expect((await req('MKCOL', h.url + 'A')).status).toBe(201);
    const put = await req('PUT', h.url + 'A/a.txt', { 'x-oc-mtime': '1600000000' }, 'one');
    expect(put.status).toBe(201);
    expect(put.headers.get('x-oc-mtime')).toBe('accepted');
    expect(put.headers.get('oc-fileid')).toMatch(/^\d{8}ocwerkplek$/);
    expect(statSync(join(h.dataDir, 'A/a.txt')).mtimeMs).toBe(1600000000_000);
    const a1 = await one('A/a.txt');
    expect(a1.permissions).toBe('RGDNVW');
    expect(a1.size).toBe('3');
    expect(a1.checksum).toBe('SHA1:' + createHash('sha1').update('one').digest('hex'));
    expect(put.headers.get('etag')).toBe(a1.etag);
    expect((await req('PUT', h.url + 'A/a.txt', {}, 'two!')).status).toBe(204);
    const a2 = await one('A/a.txt');
    expect(a2.fileid).toBe(a1.fileid);
    expect(a2.etag).not.toBe(a1.etag);
    expect((await req('MKCOL', h.url + 'B')).status).toBe(201);
    expect((await req('MOVE', h.url + 'A/a.txt', { destination: h.url + 'B/moved.txt' })).status).toBe(201);
    expect((await one('B/moved.txt')).fileid).toBe(a1.fileid);
    const dir = await one('B');
    expect(dir.permissions).toBe('RGDNVCK');
    expect(dir.size).toBe('4');
  });

  it('changes every folder etag above a change, and only those', async () => {
    await req('MKCOL', h.url + 'P');
    await req('MKCOL', h.url + 'P/Q');
    await req('MKCOL', h.url + 'Other');
    const before = new Map((await list('')).map((e) => [e.href, e.etag]));
    const q1 = (await one('P/Q')).etag;
    await req('PUT', h.url + 'P/Q/deep.txt', {}, 'x');
    const after = new Map((await list('')).map((e) => [e.href, e.etag]));
    const root = new URL(h.url).pathname;
    expect(after.get(root)).not.toBe(before.get(root));
    expect(after.get(root + 'P/')).not.toBe(before.get(root + 'P/'));
    expect(after.get(root + 'Other/')).toBe(before.get(root + 'Other/'));
    expect((await one('P/Q')).etag).not.toBe(q1);
    const p = (await one('P')).etag;
    expect((await req('DELETE', h.url + 'P/Q/deep.txt')).status).toBe(204);
    expect((await one('P')).etag).not.toBe(p);
  });

  it('refuses a body whose OC-Checksum does not match, leaving the old file', async () => {
    await req('PUT', h.url + 'sum.txt', {}, 'good');
    const bad = await req('PUT', h.url + 'sum.txt', { 'oc-checksum': 'SHA1:' + '0'.repeat(40) }, 'evil');
    expect(bad.status).toBe(400);
    expect(readFileSync(join(h.dataDir, 'sum.txt'), 'utf8')).toBe('good');
  });

  it('chunked upload v2: MKCOL, PUT chunks in any order, MOVE .file assembles in number order', async () => {
    const dest = h.url + 'big%20file.bin';
    const c1 = Buffer.alloc(2048, 1);
    const c2 = Buffer.alloc(2048, 2);
    const c3 = Buffer.from('tail');
    const total = String(c1.length + c2.length + c3.length);
    // Without Destination it is the older chunked upload (ChunkingNg.php), which Nextcloud still takes: not v2.
    expect((await req('MKCOL', uploads + 'up-0')).status).toBe(201);
    expect((await req('MKCOL', uploads + 'up-1', { destination: dest })).status).toBe(201);
    expect((await req('PUT', uploads + 'up-1/00003', { destination: dest, 'oc-total-length': total }, c3)).status).toBe(201);
    expect((await req('PUT', uploads + 'up-1/00001', { destination: dest, 'oc-total-length': total }, c1)).status).toBe(201);
    expect((await req('PUT', uploads + 'up-1/2', { destination: dest, 'oc-total-length': total }, c2)).status).toBe(201);
    expect((await req('PUT', uploads + 'up-1/10001', { destination: dest, 'oc-total-length': total }, c2)).status).toBe(400);
    expect((await req('PUT', uploads + 'up-1/4', { destination: h.url + 'elsewhere', 'oc-total-length': total }, c2)).status).toBe(400);
    expect((await req('GET', uploads + 'up-1/00001')).status).toBe(403);
    const listing = await req('PROPFIND', uploads + 'up-1', { depth: '1' });
    expect(listing.status).toBe(207);
    expect(listing.text).toContain('up-1/2<');
    expect((await req('MOVE', uploads + 'up-1/.file', { destination: dest, 'oc-total-length': '1' })).status).toBe(400);
    const done = await req('MOVE', uploads + 'up-1/.file', { destination: dest, 'oc-total-length': total, 'x-oc-mtime': '1500000000' });
    expect(done.status).toBe(201);
    expect(done.headers.get('oc-fileid')).toMatch(/ocwerkplek$/);
    expect(done.headers.get('x-oc-mtime')).toBe('accepted');
    expect(readFileSync(join(h.dataDir, 'big file.bin'))).toEqual(Buffer.concat([c1, c2, c3]));
    expect(statSync(join(h.dataDir, 'big file.bin')).mtimeMs).toBe(1500000000_000);
    expect((await req('PROPFIND', uploads + 'up-1', { depth: '0' })).status).toBe(404);
    const e = await one('big%20file.bin');
    expect(e.checksum).toBe('SHA1:' + createHash('sha1').update(Buffer.concat([c1, c2, c3])).digest('hex'));
  });

  it('the older chunked upload (nextcloudcmd 3.7): MKCOL without Destination, chunks named by offset, MOVE .file with If-None-Match', async () => {
    const dest = h.url + 'ng%20file.bin';
    const a = Buffer.alloc(3000, 7);
    const b = Buffer.from('rest');
    expect((await req('MKCOL', uploads + 'ng-1')).status).toBe(201);
    expect((await req('PUT', uploads + 'ng-1/0000000000003000', {}, b)).status).toBe(201);
    expect((await req('PUT', uploads + 'ng-1/0000000000000000', {}, a)).status).toBe(201);
    expect((await req('MOVE', uploads + 'ng-1/.file', { destination: dest, 'oc-total-length': '9' })).status).toBe(400);
    const done = await req('MOVE', uploads + 'ng-1/.file', { destination: dest, 'oc-total-length': String(a.length + b.length), 'x-oc-mtime': '1500000000', 'if-none-match': '*' });
    expect(done.status).toBe(201);
    expect(done.headers.get('oc-etag')).toBeTruthy();
    expect(readFileSync(join(h.dataDir, 'ng file.bin'))).toEqual(Buffer.concat([a, b]));
    expect(statSync(join(h.dataDir, 'ng file.bin')).mtimeMs).toBe(1500000000_000);
    // A second upload to the same name with If-None-Match: * is refused; the file stays.
    expect((await req('MKCOL', uploads + 'ng-2')).status).toBe(201);
    expect((await req('PUT', uploads + 'ng-2/0000000000000000', {}, b)).status).toBe(201);
    expect((await req('MOVE', uploads + 'ng-2/.file', { destination: dest, 'oc-total-length': '4', 'if-none-match': '*' })).status).toBe(412);
    expect(readFileSync(join(h.dataDir, 'ng file.bin'))).toEqual(Buffer.concat([a, b]));
  });

  it('chunked upload v2: a stale If-Match on MOVE gets 412, a small middle chunk 400, DELETE aborts', async () => {
    const dest = h.url + 'target.bin';
    await req('PUT', dest, {}, 'v1');
    const etag = (await one('target.bin')).etag!;
    await req('PUT', dest, {}, 'v2 by someone else');
    await req('MKCOL', uploads + 'up-2', { destination: dest });
    await req('PUT', uploads + 'up-2/1', { destination: dest, 'oc-total-length': '2048' }, Buffer.alloc(2048));
    const stale = await req('MOVE', uploads + 'up-2/.file', { destination: dest, 'oc-total-length': '2048', 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(readFileSync(join(h.dataDir, 'target.bin'), 'utf8')).toBe('v2 by someone else');
    const fresh = (await one('target.bin')).etag!;
    const ok = await req('MOVE', uploads + 'up-2/.file', { destination: dest, 'oc-total-length': '2048', 'if-match': fresh });
    expect(ok.status).toBe(204);

    await req('MKCOL', uploads + 'up-3', { destination: h.url + 'small.bin' });
    await req('PUT', uploads + 'up-3/1', { destination: h.url + 'small.bin' }, Buffer.alloc(10));
    await req('PUT', uploads + 'up-3/2', { destination: h.url + 'small.bin' }, Buffer.alloc(10));
    expect((await req('MOVE', uploads + 'up-3/.file', { destination: h.url + 'small.bin' })).status).toBe(400);
    expect((await req('DELETE', uploads + 'up-3')).status).toBe(204);
    expect((await req('PUT', uploads + 'up-3/3', { destination: h.url + 'small.bin' }, 'x')).status).toBe(404);
  });

  it('chunked upload v2: an expired upload folder answers 404', async () => {
    const dest = h.url + 'late.bin';
    await req('MKCOL', uploads + 'up-4', { destination: dest });
    await req('PUT', uploads + 'up-4/1', { destination: dest }, Buffer.alloc(2048));
    await h.expireUploads!();
    expect((await req('PUT', uploads + 'up-4/2', { destination: dest }, 'x')).status).toBe(404);
    expect((await req('MOVE', uploads + 'up-4/.file', { destination: dest })).status).toBe(404);
  });

  it('quota: 507 on a chunk whose OC-Total-Length does not fit, and on a too large PUT', async () => {
    const dest = h.url + 'huge.bin';
    await req('MKCOL', uploads + 'up-5', { destination: dest });
    const r = await req('PUT', uploads + 'up-5/1', { destination: dest, 'oc-total-length': String(60 * 1024 * 1024) }, Buffer.alloc(2048));
    expect(r.status).toBe(507);
    expect((await req('PUT', h.url + 'huge.bin', {}, Buffer.alloc(51 * 1024 * 1024))).status).toBe(507);
  });

  it('read-only paths answer permissions without W and refuse writes with 403', async () => {
    await req('MKCOL', h.url + 'Shared');
    await req('PUT', h.url + 'Shared/doc.txt', {}, 'read me');
    await h.setReadOnly!(['Shared']);
    expect((await one('Shared/doc.txt')).permissions).toBe('SG');
    expect((await req('PUT', h.url + 'Shared/doc.txt', {}, 'changed')).status).toBe(403);
    expect((await req('PUT', h.url + 'Shared/new.txt', {}, 'new')).status).toBe(403);
    expect((await req('DELETE', h.url + 'Shared/doc.txt')).status).toBe(403);
    expect((await req('MOVE', h.url + 'sum.txt', { destination: h.url + 'Shared/sum.txt' })).status).toBe(403);
    await h.setReadOnly!([]);
    expect((await req('PUT', h.url + 'Shared/doc.txt', {}, 'changed')).status).toBe(204);
  });
});
