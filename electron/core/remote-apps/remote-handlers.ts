// Bridge handlers for remote apps, and the one RemoteSessions of a core context. The Electron host
// gives it the person's sign-in prompt (setRemotePrompt); without one (the preview host) a start
// ends at once as 'unsupported': a browser cannot start FreeRDP.
import { userInfo } from 'node:os';
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { remoteCommands } from '../bridge/contract-remote.ts';
import { RemoteSessions, type RemoteSessionPorts } from './rdp-session.ts';
import { findFreeRdp } from './rdp-client.ts';
import { launchFreeRdp } from './rdp-launcher.ts';

type RemoteHandlers = Pick<CommandHandlers, keyof typeof remoteCommands>;

const sessions = new WeakMap<CoreContext, RemoteSessions>();
const prompts = new WeakMap<CoreContext, RemoteSessionPorts['askCredentials']>();

/** The Electron host's sign-in prompt (electron/main/remote-apps.ts). */
export function setRemotePrompt(ctx: CoreContext, ask: RemoteSessionPorts['askCredentials']): void {
  prompts.set(ctx, ask);
}

export function remoteSessionsOf(ctx: CoreContext): RemoteSessions | undefined {
  return sessions.get(ctx);
}

export function createRemoteHandlers(ctx: CoreContext, overrides: Partial<RemoteSessionPorts> = {}): RemoteHandlers {
  const remote = new RemoteSessions({
    apps: () => ctx.catalog.enabledRemoteApps(),
    keyring: ctx.keyring,
    log: ctx.log,
    findClient: () => findFreeRdp(),
    launch: launchFreeRdp,
    askCredentials: async (...args) => (prompts.get(ctx) ?? (async () => null))(...args),
    desktopUser: () => userInfo().username,
    onChange: (state) => ctx.hub.emit('remote.session', state),
    ...overrides,
  });
  sessions.set(ctx, remote);
  return {
    'remote.sessions': async () => remote.list(),
    'remote.start': async ({ appId }) => {
      if (!prompts.has(ctx) && !overrides.askCredentials) {
        if (!ctx.catalog.enabledRemoteApps().some((app) => app.id === appId)) throw new Error(`no remote app with id "${appId}"`);
        return { appId, state: 'ended', reason: 'unsupported', detail: null, at: Date.now() };
      }
      return remote.start(appId);
    },
  };
}
