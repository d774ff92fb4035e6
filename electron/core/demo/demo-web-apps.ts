// The demo's web apps: small pages on loopback, each on its own port (so its own origin, as real
// apps have), that show what Werkplek does: cross-app links, unread badges, a files listing.
import { createServer, type Server, type ServerResponse } from 'node:http';
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

// Inside the preview host an app is a cross-origin iframe: it tells the parent its title (for the
// unread badge) and hands over download links, which the sandboxed frame may not save itself.
// In the desktop app the page is top-level and Werkplek reads both directly, so nothing is posted.
const previewBridgeScript = `<script>(function(){if(window.parent===window)return;
var send=function(){parent.postMessage({werkplek:'title',title:document.title},'*');};send();
new MutationObserver(send).observe(document.querySelector('title'),{childList:true,characterData:true,subtree:true});
document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('a[download]');if(!a)return;e.preventDefault();parent.postMessage({werkplek:'download',url:a.href},'*');});})();</script>`;

const welcomeText = 'Welkom bij Werkplek!\n\nDit bestand komt uit de demo-app Documenten. Het staat nu in je map Downloads.\n';
const presentationBytes = 32 * 1024 * 1024;

/** The demo's downloadable files; the large one is paced (~2 MB/s) so the progress bar shows. */
function serveFile(path: string, response: ServerResponse): boolean {
  if (path === '/bestanden/welkom.txt') {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': `attachment; filename="Welkom bij Werkplek.txt"`, 'content-length': Buffer.byteLength(welcomeText) }).end(welcomeText);
    return true;
  }
  if (path === '/bestanden/presentatie.bin') {
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="Presentatie.bin"', 'content-length': presentationBytes });
    const chunk = Buffer.alloc(64 * 1024, 0x2a);
    let sent = 0;
    const timer = setInterval(() => {
      if (response.destroyed) return clearInterval(timer);
      response.write(chunk);
      sent += chunk.length;
      if (sent >= presentationBytes) {
        clearInterval(timer);
        response.end();
      }
    }, 30);
    response.on('close', () => clearInterval(timer));
    return true;
  }
  return false;
}

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
<button id="more" type="button">Nog een bericht</button> <button id="notify" type="button">Toon een melding</button>
<script>let n=2;document.getElementById('more').addEventListener('click',()=>{n++;document.title='('+n+') Chat — Werkplek demo';});
document.getElementById('notify').addEventListener('click',async()=>{if(!('Notification' in window))return;const p=await Notification.requestPermission();if(p==='granted'){const m=new Notification('Chat',{body:'Nieuw bericht in de demo-chat'});m.onclick=()=>window.focus();}});</script>`,
  },
  {
    id: 'documenten',
    name: 'Documenten',
    kind: 'docs',
    title: 'Documenten — Werkplek demo',
    body: (links) => `<h1>Documenten</h1><p>Je bestanden staan ook offline in je Werkplek-map. <a href="${links.portaal}">Terug naar het portaal</a>.</p>
<h2>Downloaden</h2><ul><li><a href="/bestanden/welkom.txt" download>Welkom bij Werkplek.txt</a></li><li><a href="/bestanden/presentatie.bin" download>Presentatie (32 MB, laadt rustig zodat je de voortgang ziet)</a></li></ul>`,
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
      if (serveFile(new URL(request.url ?? '/', 'http://demo').pathname, response)) return;
      const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escape(page.title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>body{font:16px system-ui,sans-serif;margin:2rem;max-width:40rem;color:#1b1b1b}a{color:#154273}</style></head>
<body>${page.body(links)}${previewBridgeScript}</body></html>`;
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
