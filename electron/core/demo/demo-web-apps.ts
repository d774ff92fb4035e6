// The demo's web apps: small pages on loopback, each on its own port (so its own origin, as real
// apps have), that show what Werkplek does: cross-app links, unread badges, a files listing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppDefinition } from '../config/catalog-schema.ts';

interface DemoPage {
  id: string;
  name: string;
  kind: AppDefinition['kind'];
  title: string;
  body: (links: Record<string, string>) => string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const pages: DemoPage[] = [
  {
    id: 'portaal',
    name: 'Portaal',
    kind: 'portal',
    title: 'Portaal — Werkplek demo',
    body: (links) => `<h1>Goedemorgen</h1><p>Dit is het demo-portaal van Werkplek. Je organisatie vervangt deze apps via het beleidsbestand.</p>
<ul><li><a href="${links.chat}">Naar de chat</a></li><li><a href="${links.documenten}">Naar de documenten</a></li><li><a href="https://www.rijksoverheid.nl/">Een externe site (opent in je browser)</a></li></ul>`,
  },
  {
    id: 'chat',
    name: 'Chat',
    kind: 'chat',
    title: '(2) Chat — Werkplek demo',
    body: () => `<h1>Chat</h1><p>Twee ongelezen berichten. De teller staat in de titel van deze pagina, Werkplek toont hem in de zijbalk.</p>
<button id="more" type="button">Nog een bericht</button>
<script>let n=2;document.getElementById('more').addEventListener('click',()=>{n++;document.title='('+n+') Chat — Werkplek demo';});</script>`,
  },
  {
    id: 'documenten',
    name: 'Documenten',
    kind: 'docs',
    title: 'Documenten — Werkplek demo',
    body: (links) => `<h1>Documenten</h1><p>Je bestanden staan ook offline in je Werkplek-map. <a href="${links.portaal}">Terug naar het portaal</a>.</p>`,
  },
];

export interface DemoWebApps {
  apps: AppDefinition[];
  close(): Promise<void>;
}

export async function startDemoWebApps(): Promise<DemoWebApps> {
  const servers: Server[] = [];
  const links: Record<string, string> = {};
  const listen = async (page: DemoPage) => {
    const server = createServer((request, response) => {
      if (request.method !== 'GET') {
        response.writeHead(405).end();
        return;
      }
      const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escape(page.title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>body{font:16px system-ui,sans-serif;margin:2rem;max-width:40rem;color:#1b1b1b}a{color:#154273}</style></head>
<body>${page.body(links)}</body></html>`;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    links[page.id] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  };
  for (const page of pages) await listen(page);
  const apps: AppDefinition[] = pages.map((page) => ({
    id: page.id,
    name: page.name,
    url: links[page.id]!,
    kind: page.kind,
    origins: [],
    partition: 'persist:werkplek',
    permissions: ['notifications', 'clipboard-sanitized-write'],
    badge: 'title-count',
  }));
  return {
    apps,
    close: async () => {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
