// The downloads list through the real core (shell.download → fetch into the downloads folder) against
// a loopback server: names from Content-Disposition, no overwrite, cancel, redirects out refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCore } from '../../fixtures/test-core.ts';
import type { Download } from '../../../electron/core/bridge/contract-shell.ts';
import { fileNameFromDisposition } from '../../../electron/core/shell/content-disposition.ts';

let server: Server;
let base = '';
let slowCancelled = false;
const longName = `${'Notulen '.repeat(31)}abc.pdf`; // 255 bytes

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/report') {
      response.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="../../evil.pdf"; filename*=UTF-8''Jaar%C3%A9verslag%20%E2%80%AE.pdf`, 'content-length': '11' }).end('hello world');
    } else if (request.url === '/long') {
      response.writeHead(200, { 'content-disposition': `attachment; filename="${longName}"`, 'content-length': '4' }).end('long');
    } else if (request.url === '/slow') {
      response.writeHead(200, { 'content-length': String(1024 * 1024), 'content-disposition': 'attachment; filename=slow.bin' });
      response.write(Buffer.alloc(1024));
      request.on('close', () => (slowCancelled = true)); // never finishes by itself
    } else if (request.url === '/away') {
      response.writeHead(302, { location: 'http://localhost:1/elsewhere' }).end();
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function core() {
  const downloadsDir = mkdtempSync(join(tmpdir(), 'werkplek-dl-'));
  const core = await createTestCore({ policy: { apps: [{ id: 'docs', name: 'Docs', url: `${base}/` }], locked: { 'shell.downloadsDir': downloadsDir } } });
  const call = core.handlers;
  const until = (predicate: (list: Download[]) => boolean) =>
    new Promise<Download[]>((resolve) => {
      const check = () => {
        const list = core.ctx.shell.downloads!.list();
        if (predicate(list)) {
          unsubscribe();
          resolve(list);
        }
      };
      const unsubscribe = core.hub.subscribe((name) => name === 'shell.downloads' && check());
      check();
    });
  return { core, call, downloadsDir, until };
}

describe('downloads', () => {
  it('saves under the sanitised server name inside the downloads folder, never overwriting', async () => {
    const { call, downloadsDir, until } = await core();
    await call['shell.download']({ appId: 'docs', url: `${base}/report` });
    await until((list) => list.every((entry) => entry.state === 'completed'));
    await call['shell.download']({ appId: 'docs', url: `${base}/report` });
    const list = await until((entries) => entries.length === 2 && entries.every((entry) => entry.state === 'completed'));
    expect(readdirSync(downloadsDir).sort()).toEqual(['Jaaréverslag (1).pdf', 'Jaaréverslag .pdf'].sort());
    expect(readFileSync(join(downloadsDir, 'Jaaréverslag .pdf'), 'utf8')).toBe('hello world');
    expect(list[0]).toMatchObject({ appId: 'docs', receivedBytes: 11, totalBytes: 11, state: 'completed' });
  });

  it('saves a 255-byte name, and the second download of it under a shortened numbered name', async () => {
    expect(Buffer.byteLength(longName)).toBe(255);
    const { call, downloadsDir, until } = await core();
    await call['shell.download']({ appId: 'docs', url: `${base}/long` });
    await until((list) => list.every((entry) => entry.state !== 'progressing'));
    await call['shell.download']({ appId: 'docs', url: `${base}/long` });
    const list = await until((entries) => entries.length === 2 && entries.every((entry) => entry.state !== 'progressing'));
    expect(list.map((entry) => [entry.state, entry.error])).toEqual([
      ['completed', null],
      ['completed', null],
    ]);
    const second = `${'Notulen '.repeat(30)}Notulen (1).pdf`;
    expect(Buffer.byteLength(second)).toBeLessThanOrEqual(255);
    expect(readdirSync(downloadsDir).sort()).toEqual([longName, second].sort());
    expect(readFileSync(join(downloadsDir, second), 'utf8')).toBe('long');
  });

  it('cancels a running download, removes the partial file and aborts the request', async () => {
    const { call, downloadsDir, until } = await core();
    const started = await call['shell.download']({ appId: 'docs', url: `${base}/slow` });
    await until((list) => (list[0]?.receivedBytes ?? 0) > 0);
    const after = await call['shell.downloadAction']({ id: started.id, action: 'cancel' });
    expect(after[0]?.state).toBe('cancelled');
    await expect.poll(() => slowCancelled).toBe(true);
    await expect.poll(() => readdirSync(downloadsDir)).toEqual([]);
    await call['shell.downloadAction']({ id: started.id, action: 'remove' });
    expect(await call['shell.downloads']({})).toEqual([]);
  });

  it('refuses URLs outside the app and redirects that leave it', async () => {
    const { call, downloadsDir } = await core();
    await expect(call['shell.download']({ appId: 'docs', url: 'https://evil.example.com/x' })).rejects.toThrow(/does not belong to Docs/);
    await expect(call['shell.download']({ appId: 'docs', url: `${base}/away` })).rejects.toThrow(/redirected outside the app/);
    expect(existsSync(downloadsDir) ? readdirSync(downloadsDir) : []).toEqual([]);
  });

  it('open and show need a finished download; preview has no desktop to open it in', async () => {
    const { call, until } = await core();
    const started = await call['shell.download']({ appId: 'docs', url: `${base}/report` });
    await until((list) => list[0]?.state === 'completed');
    await expect(call['shell.downloadAction']({ id: started.id, action: 'open' })).rejects.toThrow(/desktop app/);
  });
});

describe('fileNameFromDisposition', () => {
  it.each([
    ['attachment; filename="a b.pdf"', 'a b.pdf'],
    ["attachment; filename*=UTF-8''%E2%82%AC%20rates.txt", '€ rates.txt'],
    ['attachment; filename=plain.txt', 'plain.txt'],
    ['attachment; filename="q\\"uote.txt"', 'q"uote.txt'],
    ["attachment; filename*=UTF-8''%E0%A4%A; filename=fallback.txt", 'fallback.txt'],
    ['inline', null],
    [null, null],
  ])('%j → %j', (header, name) => {
    expect(fileNameFromDisposition(header)).toBe(name);
  });
});
