// The icon a site declares in its start page (link rel=icon, apple-touch-icon, manifest), read from
// real local HTTP servers that also play hostile: a huge page, icons on another origin, wrong
// content types and bytes, javascript: and data: addresses, a redirect away, an SVG with a script.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaviconCache } from '../../../electron/core/shell/favicons.ts';
import { iconLinks, manifestIcons } from '../../../electron/core/shell/icon-links.ts';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const ico = Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0]);
const svgWithScript = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><script>fetch("/stolen")</script><rect width="16" height="16" fill="#154273"/></svg>';
const dataUrl = (type: string, body: Buffer | string) => `data:${type};base64,${Buffer.from(body).toString('base64')}`;

type Route = (response: ServerResponse) => void;
interface Site {
  url: string;
  requests: string[];
  routes: Map<string, Route>;
  server: Server;
}

async function site(): Promise<Site> {
  const requests: string[] = [];
  const routes = new Map<string, Route>();
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const route = routes.get(request.url ?? '');
    if (route) route(response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests, routes, server };
}

const html = (body: string): Route => (response) => void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const image = (type: string, body: Buffer | string): Route => (response) => void response.writeHead(200, { 'content-type': type }).end(body);

let app: Site;
let other: Site;
beforeEach(async () => {
  app = await site();
  other = await site();
  app.routes.set('/favicon.ico', image('image/x-icon', ico));
});
afterEach(async () => {
  for (const s of [app, other]) await new Promise<void>((resolve) => s.server.close(() => resolve()));
});

async function iconOf(url: string): Promise<string | undefined> {
  const cache = new FaviconCache({ file: join(mkdtempSync(join(tmpdir(), 'werkplek-site-icons-')), 'favicons.json'), timeoutMs: 5_000 });
  const apps = [{ id: 'site', url }];
  await cache.refresh(apps);
  return cache.icons(apps).site;
}

describe('the icon a site declares', () => {
  it('prefers the SVG, then a PNG near 32–192 px, over the .ico; follows a redirect within the site', async () => {
    app.routes.set('/', (response) => void response.writeHead(302, { location: '/login' }).end());
    app.routes.set('/login', html(`<!doctype html><html><head>
      <link rel="shortcut icon" href="/favicon.ico">
      <link rel="icon" type="image/png" sizes="512x512" href="/big.png">
      <link rel=icon type=image/png sizes=32x32 href='/small.png?v=1&amp;t=2'>
      <link rel="apple-touch-icon" href="/touch.png">
      </head><body><link rel="icon" href="/in-body.svg"></body></html>`));
    app.routes.set('/small.png?v=1&t=2', image('image/png', png));
    expect(await iconOf(`${app.url}/`)).toBe(dataUrl('image/png', png));
    expect(app.requests).toEqual(['/', '/login', '/small.png?v=1&t=2']);

    app.routes.set('/login', html('<head><link rel="icon" href="/brand.svg"><link rel="icon" sizes="32x32" href="/small.png?v=1&amp;t=2"></head>'));
    app.routes.set('/brand.svg', image('image/svg+xml', svgWithScript));
    // Kept: the shell shows it only as an <img> (no script runs there, nothing it names is loaded).
    expect(await iconOf(`${app.url}/`)).toBe(dataUrl('image/svg+xml', svgWithScript));
  });

  it('takes icons from the web app manifest when the page names only that', async () => {
    app.routes.set('/', html('<head><link rel="manifest" href="/manifest.webmanifest"></head>'));
    app.routes.set('/manifest.webmanifest', image('application/manifest+json', JSON.stringify({ icons: [{ src: '/mask.png', sizes: '192x192', purpose: 'maskable' }, { src: 'icons/192.png', sizes: '192x192', type: 'image/png' }] })));
    app.routes.set('/icons/192.png', image('image/png', png));
    expect(await iconOf(`${app.url}/`)).toBe(dataUrl('image/png', png));
    expect(app.requests).not.toContain('/mask.png');
  });

  it('never fetches from another origin: not an icon there, not a redirect there', async () => {
    other.routes.set('/icon.png', image('image/png', png));
    app.routes.set('/', html(`<head><link rel="icon" href="${other.url}/icon.png"><link rel="apple-touch-icon" href="//127.0.0.1:${new URL(other.url).port}/icon.png"></head>`));
    expect(await iconOf(`${app.url}/`)).toBe(dataUrl('image/x-icon', ico));
    app.routes.set('/away', (response) => void response.writeHead(301, { location: `${other.url}/page` }).end());
    expect(await iconOf(`${app.url}/away`)).toBe(dataUrl('image/x-icon', ico));
    expect(other.requests).toEqual([]);
  });

  it('ignores javascript:, data: and file: addresses, wrong content types and bytes that are no image', async () => {
    app.routes.set('/', html(`<head>
      <link rel="icon" href="javascript:alert(1)">
      <link rel="icon" href="  JaVaScRiPt:fetch('/x')">
      <link rel="icon" href="data:image/svg+xml,<svg onload=alert(1)>">
      <link rel="icon" href="file:///etc/passwd">
      <link rel="icon" sizes="64x64" href="/page.png">
      <link rel="icon" sizes="48x48" href="/lying.png">
      </head>`));
    app.routes.set('/page.png', image('text/html', '<html>sign in</html>'));
    app.routes.set('/lying.png', image('image/png', '<html>sign in</html>'));
    expect(await iconOf(`${app.url}/`)).toBe(dataUrl('image/x-icon', ico));
    expect(app.requests.sort()).toEqual(['/', '/favicon.ico', '/lying.png', '/page.png']);
  });

  it('reads only the start of a huge page and still finds an icon early in it', async () => {
    let sent = 0;
    const endless = (prefix: string): Route => (response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write(prefix);
      const chunk = `<p>${'x'.repeat(64 * 1024)}</p>`;
      const more = () => {
        // 64 MiB at most, should the reader never stop.
        while (sent < 64 * 1024 * 1024 && response.write(chunk)) sent += chunk.length;
        if (sent >= 64 * 1024 * 1024) response.end();
      };
      response.on('drain', more);
      response.on('close', () => response.off('drain', more));
      more();
    };
    app.routes.set('/', endless('<!doctype html><head><link rel="icon" sizes="32x32" href="/early.png">'));
    app.routes.set('/early.png', image('image/png', png));
    const started = Date.now();
    expect(await iconOf(`${app.url}/`)).toBe(dataUrl('image/png', png));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sent).toBeLessThan(8 * 1024 * 1024);

    // An icon named only after the first 256 KiB is not looked for: the .ico serves.
    sent = 0;
    app.routes.set('/late', (response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<head>${' '.repeat(300 * 1024)}<link rel="icon" href="/late.png"></head>`);
    });
    app.routes.set('/late.png', image('image/png', png));
    expect(await iconOf(`${app.url}/late`)).toBe(dataUrl('image/x-icon', ico));
    expect(app.requests).not.toContain('/late.png');
  });

  it('drops an icon over 128 KiB and a page that is not HTML', async () => {
    app.routes.set('/', html('<head><link rel="icon" sizes="32x32" href="/huge.png"></head>'));
    app.routes.set('/huge.png', image('image/png', Buffer.concat([png, Buffer.alloc(200 * 1024)])));
    expect(await iconOf(`${app.url}/`)).toBe(dataUrl('image/x-icon', ico));
    app.routes.set('/json', image('application/json', '{"x":"<link rel=icon href=/small.png>"}'));
    app.routes.set('/small.png', image('image/png', png));
    expect(await iconOf(`${app.url}/json`)).toBe(dataUrl('image/x-icon', ico));
    expect(app.requests).not.toContain('/small.png');
  });
});

describe('the icon a catalog entry names', () => {
  it('is fetched from its address (any origin, no credentials), before the site is asked', async () => {
    other.routes.set('/logo.png', image('image/png', png));
    const cache = new FaviconCache({ file: join(mkdtempSync(join(tmpdir(), 'werkplek-site-icons-')), 'favicons.json') });
    const apps = [{ id: 'named', url: `${app.url}/`, icon: `${other.url}/logo.png` }];
    expect(await cache.refresh(apps)).toBe(true);
    expect(cache.icons(apps)).toEqual({ named: dataUrl('image/png', png) });
    expect(other.requests).toEqual(['/logo.png']);
    // Kept: a new refresh asks neither.
    app.requests.length = 0;
    await cache.refresh(apps);
    expect([...app.requests, ...other.requests.slice(1)]).toEqual([]);
  });

  it('one that is no image, or a name rather than an address, leaves the site’s own icon', async () => {
    other.routes.set('/logo.png', image('text/html', '<html>not found</html>'));
    const apps = [{ id: 'broken', url: `${app.url}/`, icon: `${other.url}/logo.png` }, { id: 'word', url: `${app.url}/w/`, icon: 'calendar' }];
    const cache = new FaviconCache({ file: join(mkdtempSync(join(tmpdir(), 'werkplek-site-icons-')), 'favicons.json') });
    await cache.refresh(apps);
    expect(cache.icons(apps)).toEqual({ broken: dataUrl('image/x-icon', ico), word: dataUrl('image/x-icon', ico) });
  });
});

describe('reading link tags', () => {
  it('takes rel tokens in any case and order, resolves against the page, keeps none from the body', () => {
    const page = 'https://cloud.example.nl/apps/files/';
    const { icons, manifest } = iconLinks('<HEAD><LINK HREF="../../core/img/favicon.svg" REL="Shortcut Icon"><link rel="manifest" href="/manifest.json"><link rel="stylesheet" href="/x.css"></HEAD><body><link rel=icon href=/b.png>', page);
    expect(icons.map((icon) => icon.url)).toEqual(['https://cloud.example.nl/core/img/favicon.svg']);
    expect(manifest).toBe('https://cloud.example.nl/manifest.json');
  });

  it('a page of unfinished tags and quotes is read in one pass', () => {
    for (const hostile of ['<link '.repeat(40_000) + '"', '<link "'.repeat(36_000), `<link rel="icon" href="${"'".repeat(10)}`.repeat(9_000)]) {
      const started = performance.now();
      expect(iconLinks(hostile, 'https://a.example/').icons.length).toBeLessThan(10_000);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('a manifest that is no JSON or has no icon list gives nothing', () => {
    expect(manifestIcons('not json', 'https://a.example/m.json')).toEqual([]);
    expect(manifestIcons('{"icons":"x"}', 'https://a.example/m.json')).toEqual([]);
    expect(manifestIcons('null', 'https://a.example/m.json')).toEqual([]);
  });
});
