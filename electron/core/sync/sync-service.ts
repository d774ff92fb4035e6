// The app's sync service for one account: turns its settings (its AccountSlot), the keyring and
// the demo into an engine configuration, runs the engine through an EngineHost (its own process in
// the app), keeps the SyncState the panel shows, and handles sign-in (Login Flow v2 or app
// password). Bridge handlers call this; SyncAccounts runs one per added account.
import { join } from 'node:path';
import type { CoreContext } from '../context.ts';
import type { SyncState } from '../bridge/contract-sync.ts';
import { AccountAuthError, AccountIdError, fetchUserId, findDavRoot, journalPathFor, loginNamedDavBase, normaliseServerUrl, pollLoginFlow, secretName, startLoginFlow } from './account.ts';
import { DavClient } from './dav-client.ts';
import type { ConflictChoice } from './conflicts.ts';
import type { EngineHost } from './engine-host.ts';
import { RemoteError } from './remote-error.ts';
import { idleStatus, type EngineStatus } from './status.ts';
import type { EngineConfig } from './worker-protocol.ts';
import { nodeProxyEnvForSetting, type NodeProxyEnv } from '../shell/proxy.ts';
import { SettingLockedError } from '../config/settings-service.ts';
import { accountTexts, inLanguage } from './account-texts.ts';
import { openSignInPage } from '../shell/sign-in-page.ts';
import { listServerFolders, readIgnorePatterns, writeIgnorePatterns, type ServerFolder } from './sync-choices.ts';
import { accountLabel, accountWithLogin, firstAccountSlot, overlappingAccount, type AccountSlot, type WritableField } from './account-slot.ts';
import { expandHome } from './local-dirs.ts';

interface Resolved {
  config: EngineConfig | null;
  serverUrl: string | null;
  user: string | null;
  demo: boolean;
  /** Why there is no config (not signed in, offline while looking up the server). */
  reason: SyncState['state'];
  message: string | null;
  /** Why it cannot run, as a code the renderer translates (a folder inside another account's). */
  problem?: SyncState['errors'][number];
}

export class SyncService {
  private readonly ctx: CoreContext;
  private readonly host: EngineHost;
  readonly slot: AccountSlot;
  private readonly emit: (state: SyncState) => void;
  private engineStatus: EngineStatus = idleStatus();
  /** The last proxy caveat logged (a SOCKS or PAC setting), so it is logged once. */
  private proxyNote: string | null = null;
  private resolved: Resolved = { config: null, serverUrl: null, user: null, demo: false, reason: 'not-configured', message: null };
  private running: string | null = null; // JSON of the running config, to restart only on change
  private login: { url: string; abort: AbortController; way: 'in-app' | 'browser' } | null = null;
  /** Why the last browser or in-app sign-in ended without an account (shown until the next try). */
  private loginFailure: string | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly offSettings: () => void;
  private closed = false;
  /** A login-named WebDAV root already checked against the server's user id in this run. */
  private checkedDavUrl: string | null = null;

  /** `emit`: where its state goes (the first account's: the `sync.state` event). */
  constructor(ctx: CoreContext, host: EngineHost, slot: AccountSlot = firstAccountSlot(ctx), emit?: (state: SyncState) => void) {
    this.ctx = ctx;
    this.host = host;
    this.slot = slot;
    this.emit = emit ?? ((state) => ctx.hub.emit('sync.state', state));
    host.onStatus((status) => {
      this.engineStatus = status;
      this.publish();
    });
    this.offSettings = ctx.settings.onChange(() => void this.apply());
  }

  state(): SyncState {
    const r = this.resolved;
    const base = r.config ? this.engineStatus : { ...idleStatus(), state: r.reason, message: r.message, errors: r.problem ? [r.problem] : [] };
    // The engine's 401 text is technical: the person reads why and what to do, in their language.
    const message = r.config && base.state === 'needs-sign-in' ? accountTexts(this.ctx.settings.language()).revoked() : base.message;
    return {
      ...base,
      message,
      localDir: r.config?.localDir ?? null,
      serverUrl: r.serverUrl,
      user: r.user,
      demo: r.demo,
      pendingLogin: this.login ? { loginUrl: this.login.url, way: this.login.way } : null,
      signInProblem: this.loginFailure,
    };
  }

  private publish(): void {
    if (!this.closed) this.emit(this.state());
  }

  private applying: Promise<SyncState> = Promise.resolve(null as unknown as SyncState);

  /** (Re)reads the configuration and starts, restarts or stops the engine to match; one at a time. */
  apply(): Promise<SyncState> {
    this.applying = this.applying.catch(() => undefined).then(() => this.applyNow());
    return this.applying;
  }

  private async applyNow(): Promise<SyncState> {
    if (this.closed) return this.state();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.resolved = await this.resolve();
    const key = this.resolved.config ? JSON.stringify(this.resolved.config) : null;
    if (key !== this.running) {
      if (this.running) this.host.send({ type: 'stop' });
      this.engineStatus = idleStatus();
      if (this.resolved.config) this.host.send({ type: 'start', config: this.resolved.config });
      this.running = key;
    }
    if (!this.resolved.config && this.resolved.reason === 'offline') {
      this.retryTimer = setTimeout(() => void this.apply(), 30_000);
      this.retryTimer.unref?.();
    }
    this.publish();
    return this.state();
  }

  /** The web apps' proxy setting, for the sync's own HTTP and its account lookups (a bad value: the session's, as the shell does). */
  private proxyEnv(): NodeProxyEnv | null {
    const { env, note } = nodeProxyEnvForSetting(this.ctx.settings.get('shell.proxy'), process.env);
    if (note && note !== this.proxyNote) this.ctx.log.warn(`sync: ${note}`);
    this.proxyNote = note;
    return env;
  }

  private async resolve(): Promise<Resolved> {
    const s = this.ctx.settings;
    const account = this.slot.read();
    if (!account) return { config: null, serverUrl: null, user: null, demo: false, reason: 'not-configured', message: null };
    const common = {
      parallel: s.get('sync.parallelTransfers'), deleteThreshold: s.get('sync.deleteThresholdFiles'),
      excluded: account.excludedFolders, excludeFile: this.excludeFile,
      pollIntervalSeconds: s.get('sync.pollIntervalSeconds'),
      uploadLimitKiBps: s.get('sync.uploadLimitKiBps'), downloadLimitKiBps: s.get('sync.downloadLimitKiBps'),
      freeSpaceReserveMiB: s.get('sync.freeSpaceReserveMiB'),
    };
    const proxyEnv = this.proxyEnv();
    const proxy = proxyEnv ? { proxyEnv } : {};
    const serverUrl = account.serverUrl;
    if (!serverUrl && this.ctx.demo && this.slot.id === null) {
      // No organisation yet: sync the embedded demo server so a new user sees sync working.
      const d = this.ctx.demo.webdav;
      const localDir = join(this.ctx.dataDir, 'Demo files');
      return {
        config: { ...common, localDir, server: { url: d.url, user: d.user, password: d.password, remoteDir: '/', ...proxy }, journalFile: journalPathFor(this.ctx.dataDir, d.url, '/', localDir) },
        serverUrl: d.url, user: d.user, demo: true, reason: 'idle', message: null,
      };
    }
    const user = account.user;
    const none = (reason: SyncState['state'], message: string | null = null): Resolved => ({ config: null, serverUrl: serverUrl || null, user: user || null, demo: false, reason, message });
    if (!account.enabled) return none('paused', 'sync is turned off in the settings');
    if (!serverUrl || !user) return none('not-configured');
    // Two engines in one folder would each upload the other's files to the wrong server: neither runs.
    const clash = overlappingAccount(this.ctx, this.slot.id, account.localDir);
    if (clash) {
      const message = accountTexts('en').folderOverlap(expandHome(account.localDir), accountLabel(clash));
      return { ...none('error', message), problem: { path: expandHome(account.localDir), kind: 'folderOverlap', message, action: null } };
    }
    const password = await this.ctx.keyring.get(secretName(serverUrl, user));
    const say = accountTexts(s.language());
    if (!password) return none('needs-sign-in', say.signInNeeded());
    let davUrl = account.davUrl;
    if (!davUrl) {
      // Named after the account's user id, which the server tells (never the login name).
      let found: { url: string; certain: boolean };
      try {
        found = await findDavRoot(serverUrl, user, { proxyEnv, password });
      } catch (error) {
        if (error instanceof AccountAuthError) return none('needs-sign-in', say.revoked());
        return none('error', error instanceof AccountIdError ? say.noUserId(error.status) : (error as Error).message);
      }
      if (!found.certain) return none('offline', say.offline());
      davUrl = found.url;
      // Remember it, so later starts (and settings changes) need no lookup.
      this.slot.write('davUrl', davUrl);
    }
    const legacyBase = this.slot.isLocked('davUrl') ? null : loginNamedDavBase(davUrl, user);
    if (legacyBase !== null && this.checkedDavUrl !== davUrl) {
      // Named after the login name, as older versions stored it: ask once which user id it is.
      this.checkedDavUrl = davUrl;
      try {
        const id = await fetchUserId(legacyBase, user, password, { proxyEnv });
        davUrl = `${legacyBase}/remote.php/dav/files/${encodeURIComponent(id)}/`;
        this.checkedDavUrl = davUrl;
        this.slot.write('davUrl', davUrl);
      } catch (error) {
        if (error instanceof AccountAuthError) return none('needs-sign-in', say.revoked());
        // Offline, or no OCS (not a Nextcloud after all): keep the stored root.
      }
    }
    const localDir = expandHome(account.localDir);
    const remoteDir = account.remoteDir;
    return {
      config: { ...common, localDir, server: { url: davUrl, user, password, remoteDir, ...proxy }, journalFile: journalPathFor(this.ctx.dataDir, davUrl, remoteDir, localDir) },
      serverUrl, user, demo: false, reason: 'idle', message: null,
    };
  }

  syncNow(): SyncState {
    this.host.send({ type: 'syncNow' });
    return this.state();
  }

  pause(): SyncState {
    this.host.send({ type: 'pause' });
    this.engineStatus = { ...this.engineStatus, state: 'paused' };
    this.publish();
    return this.state();
  }

  resume(): SyncState {
    this.host.send({ type: 'resume' });
    return this.state();
  }

  confirmDeletes(accept: boolean): SyncState {
    this.host.send({ type: 'confirmDeletes', accept });
    return this.state();
  }

  /** A conflict's choice, carried out by the engine (conflicts.ts); the list in the answer is the new one. */
  async resolveConflict(conflictCopy: string, choice: ConflictChoice): Promise<SyncState> {
    if (!this.resolved.config) throw new Error('sync is not running');
    await this.host.resolveConflict(conflictCopy, choice);
    return this.state();
  }

  /** Refuses, before anything is contacted or kept, a server or user the policy has fixed to another. */
  private refuseLocked(base: string, user?: string): void {
    const s = this.ctx.settings;
    if (this.slot.isLocked('serverUrl')) {
      const locked = this.slot.read()?.serverUrl ?? '';
      let same = false;
      try {
        same = normaliseServerUrl(locked) === base;
      } catch {
        same = false;
      }
      if (!same) throw new SettingLockedError(this.slot.id === null ? 'sync.serverUrl' : 'sync.accounts', s.language());
    }
    if (user === undefined) return;
    this.slot.ensureAllows('user', user);
    // One keyring entry per server and user: a second account with the same login would share it.
    const other = accountWithLogin(this.ctx, this.slot.id, base, user);
    if (other) throw new Error(accountTexts(s.language()).alreadyConnected(accountLabel(other)));
  }

  /**
   * Checks the app password against the server, then keeps it in the keyring and starts syncing.
   * The WebDAV root is named after the account's user id (OCS cloud/user), not the login name.
   */
  async signIn(server: string, user: string, appPassword: string): Promise<SyncState> {
    const base = normaliseServerUrl(server);
    this.refuseLocked(base, user);
    const s = this.ctx.settings;
    const say = accountTexts(s.language());
    let davUrl: string;
    const fixedDav = this.slot.isLocked('davUrl') ? this.slot.read()?.davUrl : '';
    if (fixedDav) davUrl = fixedDav;
    else {
      let found: { url: string; certain: boolean };
      try {
        found = await findDavRoot(base, user, { proxyEnv: this.proxyEnv(), password: appPassword });
      } catch (error) {
        if (error instanceof AccountAuthError) throw new Error(say.refused());
        throw error instanceof AccountIdError ? new Error(say.noUserId(error.status)) : error;
      }
      if (!found.certain) throw new Error(say.unreachable(base));
      davUrl = found.url;
    }
    const dav = new DavClient({ url: davUrl, user, password: appPassword });
    try {
      await dav.list('');
    } catch (error) {
      if (error instanceof RemoteError && error.kind === 'auth') throw new Error(say.refused());
      throw new Error(say.notDav((error as Error).message));
    } finally {
      dav.close();
    }
    await this.ctx.keyring.set(secretName(base, user), appPassword);
    for (const [field, value] of [['serverUrl', base], ['user', user], ['davUrl', davUrl]] as Array<[WritableField, string]>) this.slot.write(field, value);
    this.loginFailure = null;
    return this.apply();
  }

  /** Login Flow v2: open the login page (in-app or in the browser), then wait (in the background) for the app password. */
  async startLogin(server: string): Promise<{ loginUrl: string }> {
    this.login?.abort.abort();
    this.loginFailure = null;
    const base = normaliseServerUrl(server);
    this.refuseLocked(base);
    const proxyEnv = this.proxyEnv();
    const flow = await startLoginFlow(base, `Werkplek ${this.ctx.version}`, { proxyEnv });
    const abort = new AbortController();
    this.login = { url: flow.loginUrl, abort, way: 'browser' };
    // In-app on the apps' shared partition where the identity provider knows the person (one
    // sign-in); the person closing that window cancels. The window closes when the flow ends.
    const page = await openSignInPage(this.ctx, {
      purpose: 'files', serverUrl: base, startUrl: flow.loginUrl,
      onCancel: () => {
        if (this.login?.abort === abort) this.cancelLogin();
      },
    });
    this.login.way = page.route.way;
    this.publish();
    pollLoginFlow(flow, { signal: abort.signal, proxyEnv })
      .then((creds) => this.signIn(creds.server || base, creds.user, creds.appPassword))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        this.ctx.log.warn(`sync sign-in failed: ${(error as Error).message}`);
        this.loginFailure = (inLanguage(error, this.ctx.settings.language()) as Error).message;
      })
      .finally(() => {
        page.close();
        if (this.login?.abort === abort) this.login = null;
        this.publish();
      });
    return { loginUrl: flow.loginUrl };
  }

  cancelLogin(): SyncState {
    this.login?.abort.abort();
    this.login = null;
    this.publish();
    return this.state();
  }

  async signOut(): Promise<SyncState> {
    const account = this.slot.read();
    if (account?.serverUrl && account.user) await this.ctx.keyring.delete(secretName(account.serverUrl, account.user));
    return this.apply();
  }

  /** The server's folders in `path` (from the account's root), for the Files settings. */
  async serverFolders(path: string): Promise<ServerFolder[]> {
    const { config, message } = await this.resolve();
    if (!config) throw new Error(message ?? 'not signed in to a server yet');
    return listServerFolders(config.server, path);
  }

  private get excludeFile(): string {
    return join(this.ctx.dataDir, 'sync-exclude.lst');
  }

  ignorePatterns(): Promise<string> {
    return readIgnorePatterns(this.excludeFile);
  }

  /** Kept for the next run, which starts now (the engine reads the list at every run). */
  async setIgnorePatterns(text: string): Promise<SyncState> {
    await writeIgnorePatterns(this.excludeFile, text);
    return this.syncNow();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.offSettings();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.login?.abort.abort();
    await this.host.stop();
  }
}
