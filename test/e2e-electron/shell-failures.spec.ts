// Load failures under real Electron: an app whose certificate cannot be verified is blocked with
// an explanation and no way around it (scenario 48); an app whose server is down shows the
// offline page and comes back by itself when the server answers again.
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronBinary, electronSkipReason } from './electron-binary.ts';

const binary = electronBinary();
const skip = electronSkipReason(); // no binary, no display (run under Xvfb) or root (the sandbox stays on)
const root = resolve(import.meta.dirname, '../..');
if (skip) console.log(`[electron e2e] shell failure specs skipped: ${skip}`);

function selfSignedServer(dir: string): Server {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  return createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_request, response) => response.end('<title>Secret</title><h1>should never show</h1>'));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

async function launch(apps: unknown[]): Promise<{ app: ElectronApplication; window: Page }> {
  const userData = mkdtempSync(join(tmpdir(), 'werkplek-electron-'));
  const policy = join(userData, 'policy.json');
  writeFileSync(policy, JSON.stringify({ apps, defaults: { 'shell.closeToTray': false } }));
  const app = await electron.launch({ executablePath: (binary as { path: string }).path, args: [root, `--user-data-dir=${userData}`], env: { ...process.env, WERKPLEK_POLICY: policy, HOME: userData } });
  return { app, window: await app.firstWindow() };
}

const visibleViews = (app: ElectronApplication) => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.contentView.children.filter((child) => child.getVisible() && 'webContents' in child).length);

test.describe('load failures under Electron', () => {
  test.skip(skip !== null, skip ?? '');

  test('a self-signed certificate blocks the app with no override', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'werkplek-cert-'));
    const server = selfSignedServer(dir);
    const port = await listen(server);
    const { app, window } = await launch([{ id: 'intranet', name: 'Intranet', url: `https://127.0.0.1:${port}/` }]);
    try {
      await expect(window.getByRole('heading', { name: 'The connection to Intranet is not secure' })).toBeVisible({ timeout: 30_000 });
      await expect(window.getByRole('button', { name: 'Try again now' })).toHaveCount(0);
      expect(await visibleViews(app)).toBe(0);
    } finally {
      await app.close();
      server.close();
    }
  });

  test('a server that is down shows the offline page, and the app returns when it answers', async () => {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise<void>((done) => probe.close(() => done())); // nothing listens there now
    const { app, window } = await launch([{ id: 'portal', name: 'Portal', url: `http://127.0.0.1:${port}/` }]);
    const server = createServer((_request, response) => response.end('<title>Portal</title><h1>Back</h1>'));
    try {
      await expect(window.getByRole('heading', { name: 'Portal cannot be reached' })).toBeVisible({ timeout: 30_000 });
      expect(await visibleViews(app)).toBe(0);
      await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
      await expect(window.getByRole('heading', { name: 'Portal cannot be reached' })).toHaveCount(0, { timeout: 60_000 });
      await expect.poll(() => visibleViews(app)).toBe(1);
    } finally {
      await app.close();
      server.close();
    }
  });
});
