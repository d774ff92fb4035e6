// DavClient's reading of a PUT answer and the request it writes, against a local HTTP server that
// answers with chosen headers (what Nextcloud, Apache and odd servers send), and records what came.
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DavClient } from '../../../electron/core/sync/dav-client.ts';

describe('DavClient PUT answers', () => {
  let server: http.Server;
  let answer: [string, string][] = [];
  const seen: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let client: DavClient;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
        res.sendDate = false; // the test decides whether a Date goes out
        res.writeHead(201, answer.flat());
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new DavClient({ url: `http://127.0.0.1:${port}/remote.php/dav/files/anna/`, user: 'anna', password: 'pw', remoteDir: '/Werk plek' });
  });
  afterAll(async () => {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('Nextcloud: OC-ETag wins over ETag, the long OC-FileId becomes the numeric one, Date is the server clock', async () => {
    answer = [['ETag', '"other"'], ['OC-ETag', '"abc123"'], ['OC-FileId', '00000042ocinstance'], ['Date', 'Mon, 23 Nov 2026 10:00:00 GMT']];
    const result = await client.put('a/b.txt', Buffer.from('hello'), 5, { ifNoneMatch: true, mtimeMs: 1_700_000_000_999 });
    expect(result).toEqual({ etag: 'abc123', fileId: '42', serverTimeMs: Date.UTC(2026, 10, 23, 10, 0, 0) });
    const request = seen.at(-1)!;
    // Path segments percent-encoded under the account root; the body and the headers as sent.
    expect(request.url).toBe('/remote.php/dav/files/anna/Werk%20plek/a/b.txt');
    expect(request.body).toBe('hello');
    expect(request.headers['if-none-match']).toBe('*');
    expect(request.headers['x-oc-mtime']).toBe('1700000000');
    expect(request.headers['content-length']).toBe('5');
    expect(request.headers.host).toBe(`127.0.0.1:${(server.address() as AddressInfo).port}`);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('anna:pw').toString('base64')}`);
  });

  it('a weak ETag is read without W/ and quotes; If-Match carries the known version', async () => {
    answer = [['etag', 'W/"5-1700000000"']];
    const result = await client.put('c.txt', Buffer.from('x'), 1, { ifMatch: 'v1' });
    expect(result).toEqual({ etag: '5-1700000000', fileId: null, serverTimeMs: null });
    expect(seen.at(-1)!.headers['if-match']).toBe('"v1"');
  });

  it('no ETag and an unreadable Date: both null, never a made-up value', async () => {
    answer = [['Date', 'not a date']];
    expect(await client.put('d.txt', Buffer.from(''), 0, {})).toEqual({ etag: null, fileId: null, serverTimeMs: null });
    answer = [['Date', 'Mon, 23 Nov 2026 10:00:01 GMT']];
    expect((await client.put('d.txt', Buffer.from(''), 0, {})).serverTimeMs).toBe(Date.UTC(2026, 10, 23, 10, 0, 1));
  });

  it('names with #, % and ? are sent as path segments, not as fragment or query', async () => {
    answer = [];
    await client.put('100% #1?.txt', Buffer.from('y'), 1, {});
    expect(seen.at(-1)!.url).toBe('/remote.php/dav/files/anna/Werk%20plek/100%25%20%231%3F.txt');
  });
});

describe('DavClient requests cancelled by their run', () => {
  let server: http.Server;
  let client: DavClient;
  let arrived = 0;
  const held: http.ServerResponse[] = [];

  beforeAll(async () => {
    // Takes every body, then answers only MKCOL: PUTs hang until the test ends.
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        arrived++;
        if (req.method === 'MKCOL') res.writeHead(201).end();
        else held.push(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new DavClient({ url: `http://127.0.0.1:${port}/dav/`, user: 'u', password: 'p', maxSockets: 8 });
  });
  afterAll(async () => {
    client.close();
    for (const res of held) res.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('an abort fails every request still waiting on that signal, at once, and none that finished', async () => {
    const run = new AbortController();
    const other = new AbortController();
    await client.mkdir('done-before', run.signal); // finished: must not be touched by the abort
    const waiting = [1, 2, 3].map((n) => client.put(`f${n}.txt`, Buffer.from('x'), 1, { signal: run.signal }));
    const unrelated = client.put('other.txt', Buffer.from('x'), 1, { signal: other.signal });
    const outcomes = Promise.allSettled(waiting);
    while (arrived < 5) await new Promise((r) => setTimeout(r, 5));
    const started = performance.now();
    run.abort(new Error('stopped by the user'));
    const settled = await outcomes;
    expect(performance.now() - started).toBeLessThan(1000);
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      expect((s as PromiseRejectedResult).reason).toMatchObject({ name: 'RemoteError', kind: 'network' });
    }
    // A request on another signal is still waiting for its answer.
    const state = await Promise.race([unrelated.then(() => 'answered', () => 'failed'), new Promise((r) => setTimeout(() => r('waiting'), 100))]);
    expect(state).toBe('waiting');
    other.abort();
    await expect(unrelated).rejects.toMatchObject({ kind: 'network' });
    // The aborted signal refuses new requests before anything is sent.
    const before = arrived;
    await expect(client.mkdir('late', run.signal)).rejects.toThrow('stopped by the user');
    expect(arrived).toBe(before);
  });
});

describe('DavClient GET answers', () => {
  let server: http.Server;
  let answer: { status: number; headers: [string, string][]; body: Buffer } = { status: 200, headers: [], body: Buffer.alloc(0) };
  const seen: http.IncomingHttpHeaders[] = [];
  let client: DavClient;
  const read = async (body: NodeJS.ReadableStream): Promise<string> => {
    const parts: Buffer[] = [];
    for await (const part of body) parts.push(part as Buffer);
    return Buffer.concat(parts).toString();
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(answer.status, answer.headers.flat());
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new DavClient({ url: `http://127.0.0.1:${port}/dav/`, user: 'anna', password: 'pw' });
  });
  afterAll(async () => {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('asks for no compression, reads the length, and sends Range + If-Range for a resume', async () => {
    answer = { status: 206, headers: [['Content-Length', '3']], body: Buffer.from('llo') };
    const got = await client.get('a.txt', undefined, { from: 2, ifRange: 'v1' });
    expect(got.length).toBe(3);
    expect(got.partial).toBe(true);
    expect(await read(got.body)).toBe('llo');
    expect(seen.at(-1)!['accept-encoding']).toBeUndefined();
    expect(seen.at(-1)!.range).toBe('bytes=2-');
    expect(seen.at(-1)!['if-range']).toBe('"v1"');
  });

  it('a body compressed although nothing was asked is decompressed, its length unknown; an unknown encoding is an error', async () => {
    answer = { status: 200, headers: [['Content-Encoding', 'gzip']], body: gzipSync('hello, unpacked') };
    const got = await client.get('b.txt');
    expect(got.length).toBeNull();
    expect(await read(got.body)).toBe('hello, unpacked');
    answer = { status: 200, headers: [['Content-Encoding', 'zstd-of-the-future']], body: Buffer.from('?') };
    await expect(client.get('c.txt')).rejects.toThrow(/in an encoding this client does not read \(zstd-of-the-future\)/);
  });

  it('a status outside 2xx is a RemoteError of its kind', async () => {
    answer = { status: 404, headers: [], body: Buffer.from('not here') };
    await expect(client.get('d.txt')).rejects.toMatchObject({ name: 'RemoteError', kind: 'notFound' });
    answer = { status: 401, headers: [], body: Buffer.alloc(0) };
    await expect(client.get('d.txt')).rejects.toMatchObject({ kind: 'auth' });
  });
});
