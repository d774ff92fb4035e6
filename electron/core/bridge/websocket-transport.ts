// The bridge over a WebSocket (the preview host; tests). Generic over the contract: it moves
// messages, the dispatcher validates them. Only same-origin pages may connect.
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from './dispatcher.ts';
import type { EventHub } from './event-hub.ts';
import type { ServerMessage } from './protocol.ts';

export interface WebSocketBridge {
  server: WebSocketServer;
  close(): Promise<void>;
}

export function createWebSocketBridge(options: { dispatch: Dispatch; hub: EventHub; allowedOrigin: () => string; log: { warn(message: string): void } }): WebSocketBridge {
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
  });
  const sockets = new Set<WebSocket>();
  const send = (socket: WebSocket, message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = options.hub.subscribe((name, payload) => {
    for (const socket of sockets) send(socket, { kind: 'event', name, payload });
  });

  server.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    if (request.headers.origin !== options.allowedOrigin()) {
      options.log.warn(`bridge: refused a WebSocket from origin ${request.headers.origin ?? '(none)'}`);
      socket.close(1008, 'origin not allowed');
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        raw = { unparseable: true };
      }
      void options.dispatch(raw).then((reply) => send(socket, reply));
    });
  });

  return {
    server,
    close: async () => {
      unsubscribe();
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
