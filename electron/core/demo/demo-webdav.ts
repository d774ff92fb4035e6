// The demo's file server: a real WebDAV server (webdav-server from npm) on loopback, serving a
// folder of sample files, so a new user sees sync working before their organisation sets it up.
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import webdavServer from 'webdav-server';

const { v2: webdav } = webdavServer;

export interface DemoWebdav {
  url: string;
  user: string;
  password: string;
  root: string;
  close(): Promise<void>;
}

const sampleFiles: Record<string, string> = {
  'Welkom.txt': 'Welkom bij Werkplek. Deze map staat op je laptop en op de server.\nWelcome to Werkplek. This folder lives on your laptop and on the server.\n',
  'Projecten/Plan van aanpak.md': '# Plan van aanpak\n\n1. Inventarisatie\n2. Uitvoering\n3. Evaluatie\n',
  'Projecten/Begroting 2027.csv': 'post;bedrag\npersoneel;120000\nmateriaal;35000\n',
  'Gedeeld/Notulen overleg.txt': 'Notulen van het werkoverleg.\n',
};

export function seedSampleFiles(root: string): void {
  if (existsSync(join(root, 'Welkom.txt'))) return;
  for (const [path, content] of Object.entries(sampleFiles)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
  }
}

/** Serves one folder over WebDAV on loopback with one Basic-auth account (the demo; test servers). */
export async function serveFolderOverWebdav(options: { root: string; user: string; password: string; realm: string; port?: number }): Promise<{ url: string; close(): Promise<void> }> {
  const users = new webdav.SimpleUserManager();
  const account = users.addUser(options.user, options.password, false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(account, '/', ['all']);
  const server = new webdav.WebDAVServer({
    hostname: '127.0.0.1',
    requireAuthentification: true,
    httpAuthentication: new webdav.HTTPBasicAuthentication(users, options.realm),
    privilegeManager: privileges,
    rootFileSystem: new webdav.PhysicalFileSystem(options.root),
  });
  // Our own listener (webdav-server's start() treats port 0 as "default 1900"), so the OS picks a free port.
  const http = createServer((request, response) => server.executeRequest(request, response));
  http.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

export async function startDemoWebdav(root: string, port = 0): Promise<DemoWebdav> {
  mkdirSync(root, { recursive: true });
  seedSampleFiles(root);
  const credentials = { user: 'demo', password: 'demo' };
  const served = await serveFolderOverWebdav({ root, ...credentials, realm: 'Werkplek demo', port });
  return { url: served.url, ...credentials, root, close: served.close };
}
