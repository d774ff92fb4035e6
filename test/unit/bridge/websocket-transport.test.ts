// Both ends of the preview transport, for real: a WebSocket server with the dispatcher, and the
// renderer's generic client over a real socket.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createWebSocketBridge, type WebSocketBridge } from '../../../electron/core/bridge/websocket-transport.ts';
import { createBridgeClient, BridgeCallError } from '../../../renderer/src/bridge/message-client.ts';
import type { ServerMessage } from '../../../electron/core/bridge/protocol.ts';
import { createTestCore } from '../../fixtures/test-core.ts';

describe('WebSocket bridge', () => {
  let server: Server;
  let bridge: WebSocketBridge;
  let origin = '';
  let url = '';
  let core: Awaited<ReturnType<typeof createTestCore>>;

  beforeAll(async () => {
    core = await createTestCore();
    server = createServer();
    bridge = createWebSocketBridge({ dispatch: core.dispatch, hub: core.hub, allowedOrigin: () => origin, log: { warn: () => {} } });
    server.on('upgrade', (request, socket, head) => bridge.server.handleUpgrade(request, socket, head, (ws) => bridge.server.emit('connection', ws, request)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    url = `${origin.replace('http', 'ws')}/bridge`;
  });
  afterAll(async () => {
    await bridge.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const connect = (headers: Record<string, string>) =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });

  const clientFor = (socket: WebSocket) =>
    createBridgeClient({
      send: (message) => socket.send(JSON.stringify(message)),
      onMessage: (listener) => socket.on('message', (data) => listener(JSON.parse(data.toString()) as ServerMessage)),
    });

  it('carries calls, replies and events', async () => {
    const socket = await connect({ origin });
    const api = clientFor(socket);
    const view = await api['settings.get']({});
    expect(view.values['sync.parallelTransfers']).toBe(6);
    const changed = new Promise((resolve) => api.on('settings.changed', resolve));
    await api['settings.set']({ key: 'sync.parallelTransfers', value: 3 });
    await expect(changed).resolves.toMatchObject({ values: { 'sync.parallelTransfers': 3 } });
    socket.close();
  });

  it('rejects a failing call on the calling side with its code', async () => {
    const socket = await connect({ origin });
    const api = clientFor(socket);
    const failure = await api['catalog.remove']({ id: 'missing' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BridgeCallError);
    expect((failure as BridgeCallError).code).toBe('failed');
    socket.close();
  });

  it('answers garbage with an error reply and stays up', async () => {
    const socket = await connect({ origin });
    const reply = new Promise<ServerMessage>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()) as ServerMessage)));
    socket.send('{not json');
    await expect(reply).resolves.toMatchObject({ kind: 'reply', ok: false, error: { code: 'bad-message' } });
    const api = clientFor(socket);
    await expect(api['app.info']({})).resolves.toMatchObject({ host: 'preview' });
    socket.close();
  });

  it('closes sockets from another origin', async () => {
    const socket = await connect({ origin: 'http://evil.example' });
    const code = await new Promise<number>((resolve) => socket.once('close', resolve));
    expect(code).toBe(1008);
  });
});
