// Which way connecting Files signs in, on a real core with a host that has the in-app window:
// the window on the shared partition by default; the system browser when the policy locks
// shell.signInInBrowser, or when the files app has a partition of its own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import type { SignInWindowRequest } from '../../../electron/core/shell/sign-in-page.ts';

let server: Server;
let origin = '';
beforeAll(async () => {
  // Login Flow v2's first step only; polls stay "not yet".
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/index.php/login/v2') res.end(JSON.stringify({ poll: { token: 't', endpoint: `${origin}/login/v2/poll` }, login: `${origin}/login/v2/flow/x` }));
    else res.writeHead(404).end('[]');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

async function startLogin(policy: Record<string, unknown>, partition?: string) {
  const core = await createTestCore({ policy: { apps: [{ id: 'bestanden', name: 'Bestanden', url: `${origin}/apps/files/`, kind: 'files', ...(partition ? { partition } : {}) }], ...policy } });
  const windows: SignInWindowRequest[] = [];
  core.ctx.shell.host.signInWindow = (request) => {
    windows.push(request);
    return { close: () => {} };
  };
  try {
    const { loginUrl } = await core.handlers['sync.startLogin']({ server: origin });
    const state = await core.handlers['sync.state']({});
    return { loginUrl, windows, opened: [...core.opened], way: state.pendingLogin?.way };
  } finally {
    await core.handlers['sync.cancelLogin']({});
    await core.close();
  }
}

describe('the way connecting Files signs in', () => {
  it('in-app on the shared partition by default', async () => {
    const result = await startLogin({});
    expect(result.windows.map((w) => [w.url, w.partition])).toEqual([[result.loginUrl, 'persist:werkplek']]);
    expect(result.opened).toEqual([]);
    expect(result.way).toBe('in-app');
  });
  it('the system browser when the policy says so', async () => {
    const result = await startLogin({ locked: { 'shell.signInInBrowser': true } });
    expect(result.windows).toEqual([]);
    expect(result.opened).toEqual([result.loginUrl]);
    expect(result.way).toBe('browser');
  });
  it('the system browser for a files app with a partition of its own', async () => {
    const result = await startLogin({}, 'persist:bestanden');
    expect(result.windows).toEqual([]);
    expect(result.opened).toEqual([result.loginUrl]);
  });
});
