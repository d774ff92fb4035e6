// Connecting a file server whose sign-in ends with an error: the Files panel says why, in Dutch,
// instead of silently going back to the form. The server starts Login Flow v2, then answers the
// poll with HTTP 500.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, startPreviewHost, type PreviewHost } from './fixtures.ts';

let host: PreviewHost;
let broken: Server;
test.afterEach(async () => {
  await host?.stop();
  await new Promise<void>((done) => (broken ? broken.close(() => done()) : done()));
});

test('a sign-in the server ends with an error is explained in the panel (Dutch)', async ({ page }) => {
  broken = createServer((request, response) => {
    const base = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    if (request.url === '/index.php/login/v2') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ login: `${base}/login/flow`, poll: { token: 't', endpoint: `${base}/login/v2/poll` } }));
    } else response.writeHead(500).end();
  });
  await new Promise<void>((done) => broken.listen(0, '127.0.0.1', done));
  host = await startPreviewHost({ locale: 'nl-NL' });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Bestanden', exact: true }).click();
  const panel = page.locator('.sync-panel');
  await panel.getByRole('button', { name: 'Server koppelen' }).click();
  await panel.getByLabel('Serveradres').fill(`http://127.0.0.1:${(broken.address() as AddressInfo).port}`);
  await panel.getByRole('button', { name: 'Aanmelden met je organisatieaccount' }).click();
  await expect(panel.getByRole('alert')).toHaveText('aanmelden mislukt (HTTP 500)', { timeout: 15_000 });
});
