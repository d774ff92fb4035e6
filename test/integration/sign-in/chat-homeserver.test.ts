// The chat offer's homeserver from the chat app's Element /config.json when the policy names none:
// a local "Element" serves different config files; only a web address is taken.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { homeserverFromElementConfig } from '../../../electron/core/shell/chat-homeserver.ts';
import { createTestCore } from '../../fixtures/test-core.ts';
import { matrixServiceOf } from '../../../electron/core/matrix/matrix-handlers.ts';

const configs: Record<string, { status: number; body: string }> = {
  '/element/config.json': { status: 200, body: JSON.stringify({ default_server_config: { 'm.homeserver': { base_url: 'https://matrix.voorbeeld.nl/', server_name: 'voorbeeld.nl' } } }) },
  '/plain-http/config.json': { status: 200, body: JSON.stringify({ default_server_config: { 'm.homeserver': { base_url: 'http://matrix.voorbeeld.nl' } } }) },
  '/javascript/config.json': { status: 200, body: JSON.stringify({ default_server_config: { 'm.homeserver': { base_url: 'javascript:alert(1)' } } }) },
  '/no-server/config.json': { status: 200, body: JSON.stringify({ brand: 'Element' }) },
  '/broken/config.json': { status: 200, body: '{"default_server_config": ' },
  '/gone/config.json': { status: 404, body: 'not found' },
};
let server: Server;
let origin = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = configs[req.url ?? ''] ?? { status: 404, body: '' };
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('the homeserver from Element\'s config.json', () => {
  it.each([
    ['element', 'https://matrix.voorbeeld.nl'],
    ['plain-http', null],
    ['javascript', null],
    ['no-server', null],
    ['broken', null],
    ['gone', null],
  ])('%s → %s', async (folder, expected) => {
    expect(await homeserverFromElementConfig(`${origin}/${folder}/#/home`)).toBe(expected);
  });
  it('no answer at all is unknown, not an error', async () => {
    expect(await homeserverFromElementConfig('http://127.0.0.1:9/', { timeoutMs: 2000 })).toBeNull();
  });

  it('makes the chat offer without a preset homeserver', async () => {
    const core = await createTestCore({ policy: { apps: [{ id: 'chat', name: 'Chat', url: `${origin}/element/`, kind: 'chat' }] } });
    try {
      core.ctx.shell.setLoadState({ appId: 'chat', state: 'ready', errorCode: null, errorText: null, retryAt: null, url: `${origin}/element/#/home` });
      await vi.waitFor(async () => expect(await core.handlers['signIn.offers']({})).toEqual([{ kind: 'chat', appId: 'chat', appName: 'Chat', server: 'https://matrix.voorbeeld.nl' }]));
    } finally {
      await matrixServiceOf(core.ctx)?.dispose();
      await core.close();
    }
  });
});
