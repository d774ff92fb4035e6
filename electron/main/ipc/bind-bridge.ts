// The bridge over Electron IPC: one `ipcMain.handle` for every command (generic, validated by the
// dispatcher) behind the sender check, and every hub event forwarded to the shell UI.
import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import type { Dispatch } from '../../core/bridge/dispatcher.ts';
import type { EventHub } from '../../core/bridge/event-hub.ts';
import { isTrustedSender } from '../../core/bridge/sender-policy.ts';
import { callChannel, eventChannel } from '../../core/bridge/ipc-channels.ts';

function frameInfo(frame: WebFrameMain | null) {
  if (!frame || frame.isDestroyed()) return null;
  return { url: frame.url, isTopFrame: frame.parent === null };
}

export function bindBridge(options: { dispatch: Dispatch; hub: EventHub; shellContents: () => WebContents | null; log: { warn(message: string): void } }): () => void {
  ipcMain.handle(callChannel, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(frameInfo(event.senderFrame))) {
      options.log.warn(`bridge: call from untrusted frame ${event.senderFrame?.url ?? '(destroyed)'} refused`);
      return { kind: 'reply', id: 0, ok: false, error: { code: 'bad-message', message: 'sender not allowed' } };
    }
    return options.dispatch({ kind: 'call', id: 0, name, input });
  });
  const unsubscribe = options.hub.subscribe((name, payload) => {
    const contents = options.shellContents();
    if (contents && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
  });
  return () => {
    ipcMain.removeHandler(callChannel);
    unsubscribe();
  };
}
