// The bulk upload wire format (bulk-multipart.ts): the body read back part by part as Nextcloud's
// MultipartRequestParser reads it, and every shape of answer.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bulkBody, parseBulkAnswer } from '../../../electron/core/sync/bulk-multipart.ts';

/** Reads a body as the server does: boundary line, headers up to an empty line, Content-Length bytes, CRLF. */
function readParts(body: Buffer, contentType: string): { headers: Record<string, string>; data: Buffer }[] {
  const boundary = contentType.match(/^multipart\/related; boundary=(.+)$/)![1]!;
  const parts: { headers: Record<string, string>; data: Buffer }[] = [];
  let at = 0;
  for (;;) {
    if (body.subarray(at, at + boundary.length + 6).toString() === `--${boundary}--\r\n`) break;
    expect(body.subarray(at, at + boundary.length + 4).toString()).toBe(`--${boundary}\r\n`);
    at += boundary.length + 4;
    const headers: Record<string, string> = {};
    for (;;) {
      const end = body.indexOf('\r\n', at);
      const line = body.subarray(at, end).toString('utf8');
      at = end + 2;
      if (line === '') break;
      const [k, ...v] = line.split(':');
      headers[k!.trim().toLowerCase()] = v.join(':').trim();
    }
    const length = Number(headers['content-length']);
    parts.push({ headers, data: body.subarray(at, at + length) });
    at += length;
    expect(body.subarray(at, at + 2).toString()).toBe('\r\n');
    at += 2;
  }
  expect(at + boundary.length + 6).toBe(body.length);
  return parts;
}

describe('bulk upload body', () => {
  it('has one part per file with X-File-Path, the MD5 of its bytes, its mtime in seconds and its length', () => {
    const a = Buffer.from('hello\r\n--not a boundary\r\n');
    const b = Buffer.alloc(0);
    const c = Buffer.from([0, 255, 13, 10, 45, 45]);
    const { body, contentType } = bulkBody([
      { serverPath: '/docs/a b ü.txt', data: a, mtimeMs: 1_700_000_000_999 },
      { serverPath: '/empty', data: b, mtimeMs: 0 },
      { serverPath: '/x/bin', data: c, mtimeMs: 5000 },
    ]);
    const parts = readParts(body, contentType);
    expect(parts.map((p) => p.headers['x-file-path'])).toEqual(['/docs/a b ü.txt', '/empty', '/x/bin']);
    expect(parts.map((p) => p.headers['x-file-mtime'])).toEqual(['1700000000', '0', '5']);
    parts.forEach((p, i) => {
      const data = [a, b, c][i]!;
      expect(p.data.equals(data)).toBe(true);
      expect(p.headers['x-file-md5']).toBe(createHash('md5').update(data).digest('hex'));
    });
  });

  it('refuses a path with a line break (it would end the part\'s headers)', () => {
    expect(() => bulkBody([{ serverPath: '/a\r\nX-File-Path: /b', data: Buffer.from('x'), mtimeMs: 0 }])).toThrow(/bulk upload/);
  });

  it('takes a new boundary each time', () => {
    expect(bulkBody([]).contentType).not.toBe(bulkBody([]).contentType);
  });
});

describe('bulk upload answer', () => {
  it('maps each sent path to its ETag (unquoted), numeric file id and permissions, or its error', () => {
    const answer = JSON.stringify({
      '/a': { error: false, etag: '"abc"', fileid: '00000042ocinstance', permissions: 'RGDNVW' },
      '/b': { error: true, message: 'Could not create path "/alice/files/b"' },
      '/c': { error: false, etag: '' },
    });
    const parsed = parseBulkAnswer(answer, ['/a', '/b', '/c', '/d']);
    expect(parsed.get('/a')).toEqual({ ok: true, etag: 'abc', fileId: '42', permissions: 'RGDNVW' });
    expect(parsed.get('/b')).toEqual({ ok: false, message: 'Could not create path "/alice/files/b"' });
    expect(parsed.get('/c')).toMatchObject({ ok: false });
    expect(parsed.get('/d')).toEqual({ ok: false, message: 'the bulk upload answer does not mention this file' });
  });

  it('an answer that is not a JSON object fails every file (each is sent again on its own)', () => {
    for (const text of ['', '<html>', '[]', 'null']) {
      expect([...parseBulkAnswer(text, ['/a']).values()]).toEqual([{ ok: false, message: 'the bulk upload answer does not mention this file' }]);
    }
  });
});
