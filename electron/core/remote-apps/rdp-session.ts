// Remote-app sessions: one FreeRDP process per catalog entry, started on request (the sidebar, or
// its reconnect), watched until it ends. Sign-in: single sign-on where the entry asks for it and
// this FreeRDP can do it (FreeRDP 3); otherwise the user name and password kept in the keyring, or
// asked once (and then kept). A password the server refuses is forgotten, so the next start asks.
import type { Keyring } from '../secrets/keyring.ts';
import type { Log } from '../context.ts';
import { rdpSettingsSchema } from './rdp-schema.ts';
import { rdpTarget, remoteEntryProblem, userNameProblem } from './rdp-rules.ts';
import { RdpArgumentError, rdpArguments, type RemoteAppEntry } from './rdp-arguments.ts';
import type { FreeRdpClient } from './rdp-client.ts';
import { isOneLine, type RdpLaunchOptions, type RdpProcess } from './rdp-launcher.ts';
import { exitReason, forgetsPassword, type RdpExitReason } from './rdp-exit.ts';

export type RemoteEndReason = RdpExitReason | 'no-client' | 'cancelled' | 'refused' | 'unsupported' | 'stopped';

export interface RemoteSessionState {
  appId: string;
  state: 'starting' | 'running' | 'ended';
  reason: RemoteEndReason | null;
  /** For 'refused': which value (its path in the entry, e.g. rdp.program; the log and the policy check say why). */
  detail: string | null;
  at: number;
}

export interface RemoteCredentials {
  username: string;
  password: string;
}

export interface RemoteSessionPorts {
  apps(): RemoteAppEntry[];
  keyring: Keyring;
  log: Log;
  findClient(): FreeRdpClient | null;
  launch(options: RdpLaunchOptions): RdpProcess;
  /** Asks the person once; null: they cancelled (or nobody can be asked here). */
  askCredentials(app: RemoteAppEntry, host: string, suggestedUser: string, fixedUser: boolean): Promise<RemoteCredentials | null>;
  desktopUser(): string;
  onChange(state: RemoteSessionState): void;
  now?(): number;
}

/** One keyring entry per RD host and domain: the RemoteApps of one farm share a sign-in. */
export function credentialName(host: string, domain: string | undefined): string {
  return `remote-app:${host}:${domain ?? ''}`;
}

/** What the keyring holds for a host; null when nothing (or something unreadable: then the person is asked). */
function keptCredentials(text: string | null): RemoteCredentials | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<RemoteCredentials>;
    return typeof value.username === 'string' && typeof value.password === 'string' ? { username: value.username, password: value.password } : null;
  } catch {
    return null;
  }
}

export class RemoteSessions {
  private readonly ports: RemoteSessionPorts;
  private readonly states = new Map<string, RemoteSessionState>();
  private readonly processes = new Map<string, RdpProcess>();

  constructor(ports: RemoteSessionPorts) {
    this.ports = ports;
  }

  list(): Record<string, RemoteSessionState> {
    return Object.fromEntries(this.states);
  }

  /** Starts the app's session, or returns the one that is starting or running. */
  async start(appId: string): Promise<RemoteSessionState> {
    const current = this.states.get(appId);
    if (current && current.state !== 'ended') return current;
    const app = this.ports.apps().find((entry) => entry.id === appId);
    if (!app) throw new Error(`no remote app with id "${appId}"`);
    this.set(appId, 'starting', null);
    try {
      return await this.launch(app);
    } catch (error) {
      if (error instanceof RdpArgumentError) {
        this.ports.log.warn(`remote app ${appId}: not started, ${error.message}`);
        return this.set(appId, 'ended', 'refused', error.problem.path.join('.'));
      }
      this.ports.log.warn(`remote app ${appId}: not started`, error instanceof Error ? error.message : error);
      return this.set(appId, 'ended', 'failed');
    }
  }

  stop(appId: string): void {
    this.processes.get(appId)?.stop();
  }

  stopAll(): void {
    for (const process of this.processes.values()) process.stop();
  }

  private async launch(app: RemoteAppEntry): Promise<RemoteSessionState> {
    // A hostile entry is refused before the person is asked anything.
    const problem = remoteEntryProblem(app);
    if (problem) throw new RdpArgumentError(problem);
    const rdp = rdpSettingsSchema.parse(app.rdp ?? {});
    const target = rdpTarget(app.url);
    if (!target.ok) throw new RdpArgumentError(target.problem);
    const client = this.ports.findClient();
    if (!client) return this.set(app.id, 'ended', 'no-client');
    const sso = rdp.signIn === 'sso' && client.dialect === 3;
    let credentials: RemoteCredentials | null = null;
    const keyName = credentialName(target.target.host, rdp.domain);
    if (!sso) {
      credentials = await this.credentials(app, target.target.host, keyName, rdp.username);
      if (!credentials) return this.set(app.id, 'ended', 'cancelled');
    }
    const args = rdpArguments(app, { dialect: client.dialect, username: credentials?.username ?? rdp.username ?? null, passwordFromStdin: credentials !== null });
    const process = this.ports.launch({ client, args, password: credentials?.password ?? null });
    this.processes.set(app.id, process);
    void process.exited.then(async (exit) => {
      this.processes.delete(app.id);
      const reason: RemoteEndReason = exit.failure === 'spawn-failed' ? 'no-client' : exit.failure ? 'failed' : exit.signal === 'SIGTERM' ? 'stopped' : exitReason(exit.code);
      if (reason !== 'closed' && reason !== 'stopped') this.ports.log.warn(`remote app ${app.id}: FreeRDP ended (${exit.failure ?? exit.code ?? exit.signal})`, exit.output.slice(-1000));
      if (credentials && reason !== 'stopped' && reason !== 'no-client' && forgetsPassword(reason)) await this.ports.keyring.delete(keyName).catch(() => {});
      this.set(app.id, 'ended', reason);
    });
    await process.handedOver.catch(() => {});
    const now = this.states.get(app.id);
    return now?.state === 'ended' ? now : this.set(app.id, 'running', null);
  }

  private async credentials(app: RemoteAppEntry, host: string, keyName: string, fixedUser: string | undefined): Promise<RemoteCredentials | null> {
    const kept = keptCredentials(await this.ports.keyring.get(keyName).catch(() => null));
    if (kept) return fixedUser ? { ...kept, username: fixedUser } : kept;
    const answer = await this.ports.askCredentials(app, host, fixedUser ?? this.ports.desktopUser(), fixedUser !== undefined);
    if (!answer) return null;
    const bad = userNameProblem(fixedUser ?? answer.username, ['username']);
    if (bad) throw new RdpArgumentError(bad); // never kept, never passed on
    if (!isOneLine(answer.password)) throw new RdpArgumentError({ path: ['password'], en: 'may not contain line breaks', nl: 'mag geen regeleinden bevatten' });
    const credentials = { username: fixedUser ?? answer.username, password: answer.password };
    await this.ports.keyring.set(keyName, JSON.stringify(credentials)).catch((error: unknown) => this.ports.log.warn('remote app sign-in not kept in the keyring', error instanceof Error ? error.message : error));
    return credentials;
  }

  private set(appId: string, state: RemoteSessionState['state'], reason: RemoteEndReason | null, detail: string | null = null): RemoteSessionState {
    const next: RemoteSessionState = { appId, state, reason, detail, at: this.ports.now?.() ?? Date.now() };
    this.states.set(appId, next);
    this.ports.onChange(next);
    return next;
  }
}
