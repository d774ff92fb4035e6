// Picks the bridge transport: in Electron the preload has put the contract's methods on
// `window.werkplek`; in the preview host the same calls travel over a WebSocket.
import type { BridgeApi } from '../../../electron/core/bridge/contract.ts';
import type { ServerMessage } from '../../../electron/core/bridge/protocol.ts';
import { createBridgeClient } from './message-client.ts';

declare global {
  interface Window {
    werkplek?: BridgeApi;
  }
}

export function connectBridge(): Promise<BridgeApi> {
  if (window.werkplek) return Promise.resolve(window.werkplek);
  return new Promise((resolve, reject) => {
    const url = new URL('/bridge', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    const listeners: Array<(message: ServerMessage) => void> = [];
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as ServerMessage;
      for (const listener of listeners) listener(message);
    });
    socket.addEventListener('open', () =>
      resolve(createBridgeClient({ send: (message) => socket.send(JSON.stringify(message)), onMessage: (listener) => listeners.push(listener) })),
    );
    socket.addEventListener('error', () => reject(new Error('cannot reach the Werkplek preview host')));
  });
}
