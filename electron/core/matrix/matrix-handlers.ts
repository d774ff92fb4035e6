// Bridge handlers for the Matrix notifier: build the one MatrixService from the core context, send
// its notifications, unread counts and status out as bridge events, and feed the chat tab's badge.
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { matrixCommands } from '../bridge/contract-matrix.ts';
import { MatrixService } from './matrix-service.ts';
import { MatrixWorkerHost, type MatrixBackend, type MatrixWorkerHostDeps } from './matrix-worker-host.ts';
import type { MatrixWorkerLauncher } from './worker-protocol.ts';
import { findChatApp, roomUrlFor } from './chat-room-url.ts';
import type { RoomUnread } from './sdk/matrix-session.ts';
import { openSignInPage, type OpenedSignInPage } from '../shell/sign-in-page.ts';
import { isVerificationErrorKind } from './verification-errors.ts';

type MatrixHandlers = Pick<CommandHandlers, keyof typeof matrixCommands>;

const services = new WeakMap<CoreContext, MatrixBackend>();

/** The context's Matrix service (for the host's shutdown: `await matrixServiceOf(ctx)?.dispose()`). */
export function matrixServiceOf(ctx: CoreContext): MatrixBackend | undefined {
  return services.get(ctx);
}

let launcher: MatrixWorkerLauncher | null = null;

/**
 * The app installs a utilityProcess launcher before building the core services, so the notifier runs
 * in its own process (matrix-worker-host.ts); without one it runs in this process (preview host, CLI).
 */
export function setMatrixWorkerLauncher(launch: MatrixWorkerLauncher | null): void {
  launcher = launch;
}

export interface MatrixHandlerOptions {
  /** Resume the saved session at once (default true). */
  restore?: boolean;
  fetchFn?: typeof fetch;
  pollTimeoutMs?: number;
}

export function createMatrixHandlers(ctx: CoreContext, options: MatrixHandlerOptions = {}): MatrixHandlers {
  const chatApp = () => findChatApp(ctx.catalog.enabledApps());
  let ssoPage: OpenedSignInPage | null = null;
  const onUnread = (rooms: RoomUnread[]) => {
    const unread = rooms.filter((r) => r.notificationCount > 0 || r.highlightCount > 0);
    const app = chatApp();
    if (app) {
      ctx.shell.serviceCountedApps.add(app.id);
      ctx.shell.setBadge(app.id, unread.length);
    }
    service.updateCounts(unread.length, rooms.reduce((sum, r) => sum + r.highlightCount, 0));
    ctx.hub.emit('matrix.rooms', rooms);
  };
  const deps: MatrixWorkerHostDeps = {
    keyring: ctx.keyring,
    dataDir: ctx.dataDir,
    log: ctx.log,
    // The only page the service opens is its SSO sign-in: in-app on the shared partition, or the browser.
    openExternal: async (url) => {
      ssoPage?.close();
      ssoPage = await openSignInPage(ctx, { purpose: 'chat', serverUrl: new URL(url).origin, startUrl: url, returnUrl: new URL(url).searchParams.get('redirectUrl'), onCancel: () => service.cancelSignIn() });
    },
    settings: () => ({
      enabled: ctx.settings.get('matrix.enabled'),
      homeserver: ctx.settings.get('matrix.homeserver'),
      content: ctx.settings.get('matrix.notificationContent'),
      sound: ctx.settings.get('matrix.sound'),
      doNotDisturb: ctx.settings.get('matrix.doNotDisturb'),
      dndSchedule: ctx.settings.get('matrix.dndSchedule'),
      locale: ctx.locale,
    }),
    output: {
      status: (status) => {
        if (status.state !== 'signing-in') {
          ssoPage?.close();
          ssoPage = null;
        }
        // Signed out: the chat page's own title counts again.
        if (status.state !== 'syncing' && status.state !== 'connecting' && status.state !== 'offline') ctx.shell.serviceCountedApps.clear();
        ctx.hub.emit('matrix.status', status);
      },
      notification: (record) => ctx.hub.emit('matrix.notification', record),
      withdraw: (ids) => ctx.hub.emit('matrix.withdraw', { ids }),
      unread: onUnread,
      decision: () => {},
      emojiVerification: (state) => ctx.hub.emit('matrix.emojiVerification', state),
    },
    ...(options.pollTimeoutMs ? { pollTimeoutMs: options.pollTimeoutMs } : {}),
  };
  const host = launcher ? new MatrixWorkerHost(launcher, deps) : null;
  const service: MatrixBackend = host ?? new MatrixService({ ...deps, ...(options.fetchFn ? { fetchFn: options.fetchFn } : {}) });
  services.set(ctx, service);
  ctx.settings.onChange(() => {
    host?.settingsChanged();
    ctx.hub.emit('matrix.status', service.status());
    service.applyEnabled().catch((error: unknown) => ctx.log.error('matrix: could not apply matrix.enabled', error));
  });
  if (options.restore !== false) service.restore().catch((error: unknown) => ctx.log.error('matrix: could not resume the saved session', error));

  /** A locked homeserver refuses sign-in anywhere else, before anything is contacted (a trailing '/' is the same server). */
  const allowHomeserver = (homeserver: string): void => {
    const locked = ctx.settings.isLocked('matrix.homeserver') ? ctx.settings.get('matrix.homeserver') : null;
    const same = locked !== null && locked.replace(/\/+$/, '') === homeserver.replace(/\/+$/, '');
    ctx.settings.ensureAllows('matrix.homeserver', same ? locked : homeserver);
  };

  return {
    'matrix.status': async () => service.status(),
    'matrix.loginFlows': async ({ homeserver }) => service.flows(homeserver),
    'matrix.signInPassword': async ({ homeserver, user, password }) => {
      allowHomeserver(homeserver);
      ctx.settings.ensureAllows('matrix.user', user);
      const status = await service.signInWithPassword(homeserver, user, password);
      if (!ctx.settings.isLocked('matrix.homeserver')) ctx.settings.set('matrix.homeserver', status.homeserver ?? homeserver);
      if (!ctx.settings.isLocked('matrix.user')) ctx.settings.set('matrix.user', user);
      return service.status();
    },
    'matrix.signInSso': async ({ homeserver }) => {
      allowHomeserver(homeserver);
      const status = await service.signInWithSso(homeserver);
      if (!ctx.settings.isLocked('matrix.homeserver')) ctx.settings.set('matrix.homeserver', status.homeserver ?? homeserver);
      return service.status();
    },
    'matrix.cancelSignIn': async () => {
      service.cancelSignIn();
      return service.status();
    },
    'matrix.signOut': async () => service.signOut(),
    'matrix.notifications': async () => service.notifications,
    'matrix.clearNotifications': async () => {
      service.clearNotifications();
      return service.notifications;
    },
    'matrix.openRoom': async ({ roomId }) => {
      const app = chatApp();
      if (!app) return { appId: null, url: null };
      const url = roomUrlFor(app, roomId);
      ctx.shell.activeAppId = app.id;
      ctx.shell.panel = null;
      ctx.hub.emit('shell.panel', { panel: null });
      ctx.hub.emit('shell.activate', { appId: app.id, url });
      return { appId: app.id, url };
    },
    'matrix.rooms': async () => service.rooms(),
    'matrix.verification': async () => service.verification(),
    'matrix.emojiVerification': async () => service.emojiVerification(),
    'matrix.acceptEmojiVerification': async () => service.acceptEmojiVerification(),
    'matrix.confirmEmojiVerification': async ({ match }) => service.confirmEmojiVerification(match),
    'matrix.cancelEmojiVerification': async () => service.cancelEmojiVerification(),
    'matrix.verifyWithRecoveryKey': async ({ recoveryKey }) => {
      try {
        return { ...(await service.verifyWithRecoveryKey(recoveryKey)), error: null };
      } catch (error) {
        // A reason the person can act on comes back as a code the renderer translates; others fail the call.
        const kind = (error as { kind?: unknown }).kind;
        if (!isVerificationErrorKind(kind)) throw error;
        return { ...(await service.verification()), restoredKeys: null, error: kind };
      }
    },
    'matrix.setRoomMuted': async ({ roomId, muted }) => {
      await service.setRoomMuted(roomId, muted);
      return service.rooms();
    },
    'matrix.setDoNotDisturb': async ({ enabled }) => {
      ctx.settings.set('matrix.doNotDisturb', enabled);
      return service.status();
    },
    'matrix.resume': async () => {
      service.retryNow();
      return service.status();
    },
    'matrix.setFocusedRoom': async ({ roomId }) => {
      service.setFocusedRoom(roomId);
      return { roomId };
    },
  };
}
