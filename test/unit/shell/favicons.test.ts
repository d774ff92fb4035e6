// Site icons for apps without one: a start page that declares none (404 here) leaves the site's
// /favicon.ico, fetched from a real local HTTP server, kept on disk (read again by a new cache), not asked again while fresh, retried after a
// day when missing, and never a non-image answer.
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaviconCache } from '../../../electron/core/shell/favicons.ts';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let server: Server;
let base: string;
let requests: string[];
let answer: 'png' | 'html' | 'missing';

beforeEach(async () => {
  requests = [];
  answer = 'png';
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url !== '/favicon.ico' || answer === 'missing') return void response.writeHead(404).end();
    if (answer === 'html') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    response.writeHead(200, { 'content-type': 'image/png' }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('favicons', () => {
  it('fetches the site icon once for the apps of one origin and keeps it on disk', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'werkplek-favicons-')), 'favicons.json');
    const apps = [{ id: 'mail', url: `${base}/mail/` }, { id: 'agenda', url: `${base}/agenda/` }, { id: 'own', url: `${base}/x/`, icon: 'data:image/png;base64,AA==' }];
    const cache = new FaviconCache({ file });
    expect(cache.icons(apps)).toEqual({});
    expect(await cache.refresh(apps)).toBe(true);
    const icon = `data:image/png;base64,${png.toString('base64')}`;
    expect(cache.icons(apps)).toEqual({ mail: icon, agenda: icon });
    expect(requests).toEqual(['/mail/', '/favicon.ico']);
    // A new start reads it from disk and does not ask while it is fresh.
    const again = new FaviconCache({ file });
    expect(again.icons(apps)).toEqual({ mail: icon, agenda: icon });
    expect(await again.refresh(apps)).toBe(false);
    expect(requests).toHaveLength(2);
  });

  it('takes no answer that is not an image, and asks again only after a day', async () => {
    let now = 1_000_000;
    const file = join(mkdtempSync(join(tmpdir(), 'werkplek-favicons-')), 'favicons.json');
    const cache = new FaviconCache({ file, now: () => now });
    const apps = [{ id: 'portal', url: `${base}/` }];
    answer = 'html';
    expect(await cache.refresh(apps)).toBe(false);
    expect(cache.icons(apps)).toEqual({});
    now += 3600_000;
    await cache.refresh(apps);
    expect(requests).toHaveLength(2);
    now += 24 * 3600_000;
    answer = 'png';
    expect(await cache.refresh(apps)).toBe(true);
    expect(Object.keys(cache.icons(apps))).toEqual(['portal']);
    expect(requests).toHaveLength(4);
  });

  it('keeps an icon it had when the site stops answering', async () => {
    let now = 1_000_000;
    const file = join(mkdtempSync(join(tmpdir(), 'werkplek-favicons-')), 'favicons.json');
    const cache = new FaviconCache({ file, now: () => now });
    const apps = [{ id: 'portal', url: `${base}/` }];
    await cache.refresh(apps);
    now += 8 * 24 * 3600_000;
    answer = 'missing';
    expect(await cache.refresh(apps)).toBe(false);
    expect(Object.keys(cache.icons(apps))).toEqual(['portal']);
  });
});
