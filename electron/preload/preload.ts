// The shell UI's preload: exposes exactly the bridge contract's commands (and `on` for its events)
// as `window.werkplek`. Generic over the contract: no per-method glue, no raw ipcRenderer, and no
// Electron event object ever reaches the page. Hosted web apps get no preload at all.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { commandNames, eventNames, type EventName } from '../core/bridge/contract.ts';
import type { ReplyMessage } from '../core/bridge/protocol.ts';
import { callChannel, eventChannel } from '../core/bridge/ipc-channels.ts';

const api: Record<string, unknown> = {};

for (const name of commandNames) {
  api[name] = async (input: unknown) => {
    const reply = (await ipcRenderer.invoke(callChannel, name, input ?? {})) as ReplyMessage;
    if (reply.ok) return reply.value;
    const error = new Error(reply.error.message);
    error.name = `BridgeError:${reply.error.code}`;
    throw error;
  };
}

api.on = (name: EventName, listener: (payload: unknown) => void) => {
  if (!eventNames.includes(name)) throw new Error(`unknown event "${String(name)}"`);
  if (typeof listener !== 'function') throw new Error('listener must be a function');
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(eventChannel(name), forward);
  return () => {
    ipcRenderer.removeListener(eventChannel(name), forward);
  };
};

contextBridge.exposeInMainWorld('werkplek', Object.freeze(api));
