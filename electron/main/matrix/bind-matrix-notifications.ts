// The Electron side of the Matrix notifier, kept thin: core's `matrix.notification` events become
// native notifications (title, body, avatar, sound); a click focuses the window and opens the room in
// the chat tab; `matrix.withdraw` closes them; which room is in front (window focused, chat tab active,
// its URL) goes back to core so that room does not pop up; waking from sleep syncs at once.
import { Notification, nativeImage, powerMonitor, type BrowserWindow } from 'electron';
import type { CoreContext } from '../../core/context.ts';
import type { Dispatch } from '../../core/bridge/dispatcher.ts';
import type { EventHub } from '../../core/bridge/event-hub.ts';
import type { CommandInput, CommandName } from '../../core/bridge/contract.ts';
import type { MatrixNotification } from '../../core/bridge/contract-matrix.ts';
import { findChatApp, roomIdFromChatUrl } from '../../core/matrix/chat-room-url.ts';

export interface MatrixNotificationDeps {
  ctx: CoreContext;
  hub: EventHub;
  dispatch: Dispatch;
  window: () => BrowserWindow | null;
  /** The URL an app's tab shows now (null when it has no view), e.g. from the tab manager. */
  tabUrl: (appId: string) => string | null;
}

/** Binds native notifications to the core notifier; returns the unbind function (call on quit). */
export function bindMatrixNotifications(deps: MatrixNotificationDeps): () => void {
  const { ctx } = deps;
  const shown = new Map<string, Notification>();
  let lastFocused: string | null | undefined;

  const call = <K extends CommandName>(name: K, input: CommandInput<K>) =>
    deps.dispatch({ kind: 'call', id: 0, name, input })
      .then((reply) => {
        if (!reply.ok) ctx.log.warn(`matrix: ${name} failed: ${reply.error.message}`);
      })
      .catch((error: unknown) => ctx.log.warn(`matrix: ${name} failed`, error instanceof Error ? error.message : error));

  const focusWindow = () => {
    const window = deps.window();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const show = (n: MatrixNotification) => {
    if (!n.popup || !Notification.isSupported()) return;
    const icon = n.icon ? nativeImage.createFromDataURL(n.icon) : undefined;
    const native = new Notification({
      title: n.title,
      body: n.body,
      ...(icon && !icon.isEmpty() ? { icon } : {}),
      silent: !n.sound,
      urgency: n.highlight ? 'critical' : 'normal',
    });
    native.on('click', () => {
      focusWindow();
      // A room opens in the chat tab; a summary of several rooms opens the notification centre.
      if (n.roomId) void call('matrix.openRoom', { roomId: n.roomId });
      else void call('shell.setPanel', { panel: 'notifications' });
    });
    native.on('close', () => shown.delete(n.id));
    shown.set(n.id, native);
    native.show();
  };

  /** The room in front of the user: window focused, chat tab active and showing a room. */
  const reportFocus = () => {
    const window = deps.window();
    const chat = findChatApp(ctx.catalog.enabledApps());
    let roomId: string | null = null;
    if (chat && window && !window.isDestroyed() && window.isFocused() && ctx.shell.activeAppId === chat.id && ctx.shell.panel === null) {
      const url = deps.tabUrl(chat.id);
      roomId = url ? roomIdFromChatUrl(chat, url) : null;
    }
    if (roomId === lastFocused) return;
    lastFocused = roomId;
    void call('matrix.setFocusedRoom', { roomId });
  };

  const unsubscribe = deps.hub.subscribe((name, payload) => {
    if (name === 'matrix.notification') show(payload as MatrixNotification);
    else if (name === 'matrix.withdraw') {
      for (const id of (payload as { ids: string[] }).ids) shown.get(id)?.close();
    } else if (name === 'shell.activate' || name === 'shell.panel' || name === 'shell.load') reportFocus();
  });
  // Room switches inside Element change only the URL fragment; a light poll while focused catches them.
  const poll = setInterval(reportFocus, 1500);
  const window = deps.window();
  window?.on('focus', reportFocus);
  window?.on('blur', reportFocus);
  const onResume = () => void call('matrix.resume', {});
  powerMonitor.on('resume', onResume);
  powerMonitor.on('unlock-screen', onResume);

  return () => {
    unsubscribe();
    clearInterval(poll);
    window?.off('focus', reportFocus);
    window?.off('blur', reportFocus);
    powerMonitor.off('resume', onResume);
    powerMonitor.off('unlock-screen', onResume);
    for (const native of shown.values()) native.close();
    shown.clear();
  };
}
