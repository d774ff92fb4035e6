// The Matrix account's life cycle: sign in (password or SSO), keep the access token in the keyring,
// run the session and its notifier, sign out (the server deletes the device), and ask to sign in
// again when the token dies. One instance per app; the bridge handlers and the CLI both use it.
// First: routes matrix-js-sdk's root logger before any SDK module binds it to the console.
import './sdk/sdk-logger.ts';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Keyring } from '../secrets/keyring.ts';
import type { MatrixStatus } from '../bridge/contract-matrix.ts';
import { Notifier, type NotifierOutput, type NotifierSettings } from './notifier.ts';
import { rateLimitedFetch, defaultRateLimitOptions } from './rate-limit.ts';
import { listenForLoginToken } from './sso-loopback.ts';
import { MatrixSession, type SessionState } from './sdk/matrix-session.ts';
import { PersistentCryptoStore } from './sdk/crypto-store.ts';
import type { VerificationResult, VerificationState } from './sdk/session-verification.ts';
import type { EmojiVerificationState } from './sdk/emoji-verification.ts';
import { MatrixVerificationError } from './verification-errors.ts';
import { logout, normaliseHomeserver, passwordLogin, ssoRedirectUrl, tokenLogin, loginFlows, type Credentials, type LoginFlows } from './sdk/matrix-login.ts';
import type { Log } from '../context.ts';

export const keyringName = 'matrix.session';
const disabledMessage = 'chat notifications are turned off by your organisation (matrix.enabled)';

export interface MatrixServiceDeps {
  keyring: Keyring;
  dataDir: string;
  log: Log;
  /** `enabled: false` (policy) means: no sign-in, no session. */
  settings: () => NotifierSettings & { homeserver: string; enabled?: boolean };
  output: NotifierOutput & { status(status: MatrixStatus): void; emojiVerification?(state: EmojiVerificationState): void };
  openExternal(url: string): Promise<void>;
  fetchFn?: typeof fetch;
  pollTimeoutMs?: number;
  deviceName?: string;
  /** The bounded wait for a room key that arrives after its message (default 10 s). */
  keyWaitMs?: number;
  /** False: no crypto at all (encrypted events stay "Encrypted message"); only for measuring its cost. */
  endToEnd?: boolean;
}

export class MatrixService {
  private readonly deps: MatrixServiceDeps;
  private readonly fetchFn: typeof fetch;
  private session: MatrixSession | null = null;
  private notifier: Notifier | null = null;
  private current: MatrixStatus;
  private disposed = false;
  private focusedRoomId: string | null = null;
  private ssoAbort: AbortController | null = null;

  constructor(deps: MatrixServiceDeps) {
    this.deps = deps;
    this.fetchFn = rateLimitedFetch(deps.fetchFn ?? fetch, {
      ...defaultRateLimitOptions,
      onWait: (ms, url) => deps.log.warn(`matrix: rate limited, waiting ${ms} ms before retrying ${new URL(url).pathname}`),
    });
    this.current = this.baseStatus(deps.settings().homeserver ? 'signed-out' : 'not-configured');
    if (!this.enabled) this.current = { ...this.baseStatus('not-configured'), message: disabledMessage };
  }

  private get enabled(): boolean {
    return this.deps.settings().enabled !== false;
  }

  private requireEnabled(): void {
    if (!this.enabled) throw new Error(disabledMessage);
  }

  /** Follows the `matrix.enabled` setting: stops the session when switched off, resumes when on. */
  async applyEnabled(): Promise<void> {
    if (!this.enabled && this.session) {
      await this.stopSession();
      this.setStatus({ ...this.baseStatus('not-configured'), message: disabledMessage });
    } else if (this.enabled && !this.session && this.current.state === 'not-configured') {
      this.setStatus(this.baseStatus(this.deps.settings().homeserver ? 'signed-out' : 'not-configured'));
      await this.restore();
    }
  }

  get deviceName(): string {
    return this.deps.deviceName ?? `Werkplek on ${hostname()}`;
  }

  get stateFile(): string {
    return join(this.deps.dataDir, 'matrix', 'sync-state.json');
  }

  /** The device's end-to-end keys, AES-256-GCM with a key in the keyring (see sdk/crypto-store.ts). */
  get cryptoFile(): string {
    return join(this.deps.dataDir, 'matrix', 'crypto-store.bin');
  }

  status(): MatrixStatus {
    return { ...this.current, doNotDisturb: this.deps.settings().doNotDisturb };
  }

  get notifications() {
    return this.notifier?.notifications() ?? [];
  }

  clearNotifications(): void {
    this.notifier?.clear();
  }

  rooms() {
    return this.session?.unreadRooms() ?? [];
  }

  /** Live events held in memory for a room (diagnostics; the memory cap's test). */
  liveEventCount(roomId: string): number {
    return this.session?.liveEventCount(roomId) ?? 0;
  }

  setFocusedRoom(roomId: string | null): void {
    this.focusedRoomId = roomId;
    this.notifier?.setFocusedRoom(roomId);
  }

  async setRoomMuted(roomId: string, muted: boolean): Promise<void> {
    if (!this.session) throw new Error('sign in to Matrix first');
    await this.session.setRoomMuted(roomId, muted);
    this.notifier?.updateUnread();
  }

  /** Whether this device is verified, can be verified with a recovery key, and backs up keys. */
  async verification(): Promise<VerificationState> {
    return this.session ? this.session.verification() : { verified: false, recoveryAvailable: false, keyBackup: false };
  }

  /** "Verify with Security Key": cross-signs this device and restores room keys from the key backup. */
  async verifyWithRecoveryKey(recoveryKey: string): Promise<VerificationResult> {
    if (!this.session) throw new MatrixVerificationError('not-signed-in', 'sign in to Matrix first');
    return this.session.verifyWithRecoveryKey(recoveryKey);
  }

  /** An emoji verification from another own session: where it stands (emoji to compare, done, …). */
  emojiVerification(): EmojiVerificationState {
    return this.session?.emojiVerification?.state ?? { phase: 'none' };
  }

  async acceptEmojiVerification(): Promise<EmojiVerificationState> {
    await this.requireEmoji().accept();
    return this.emojiVerification();
  }

  /** The person compared the emoji on both screens: `match` verifies, otherwise it is cancelled. */
  async confirmEmojiVerification(match: boolean): Promise<EmojiVerificationState> {
    await this.requireEmoji().confirm(match);
    return this.emojiVerification();
  }

  async cancelEmojiVerification(): Promise<EmojiVerificationState> {
    await this.session?.emojiVerification?.cancel();
    return this.emojiVerification();
  }

  private requireEmoji() {
    const emoji = this.session?.emojiVerification;
    if (!emoji) throw new MatrixVerificationError('not-signed-in', 'sign in to Matrix first');
    return emoji;
  }

  /** At start-up: resume the saved session, if the keyring has one. */
  async restore(): Promise<void> {
    if (!this.enabled) return;
    const saved = await this.deps.keyring.get(keyringName);
    if (!saved) return;
    let credentials: Credentials;
    try {
      credentials = JSON.parse(saved) as Credentials;
    } catch {
      this.deps.log.warn('matrix: the saved session is unreadable; sign in again');
      await this.deps.keyring.delete(keyringName);
      return;
    }
    await this.startSession(credentials);
  }

  async flows(homeserver: string): Promise<LoginFlows & { homeserver: string }> {
    const url = normaliseHomeserver(homeserver);
    return { homeserver: url, ...(await loginFlows(url, this.fetchFn)) };
  }

  async signInWithPassword(homeserver: string, user: string, password: string): Promise<MatrixStatus> {
    this.requireEnabled();
    const url = normaliseHomeserver(homeserver);
    this.setStatus({ ...this.baseStatus('signing-in'), homeserver: url });
    // After a soft logout, sign in to the same device so its sync position stays valid.
    const previous = await this.savedCredentials();
    const sameAccount = previous && previous.homeserver === url && (previous.userId === user || previous.userId.startsWith(`@${user}:`));
    try {
      const credentials = await passwordLogin(url, user, password, this.deviceName, this.fetchFn, sameAccount ? previous.deviceId : undefined);
      return await this.signedIn(credentials);
    } catch (error) {
      this.setStatus({ ...this.baseStatus('signed-out'), homeserver: url, message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  async signInWithSso(homeserver: string): Promise<MatrixStatus> {
    this.requireEnabled();
    const url = normaliseHomeserver(homeserver);
    this.ssoAbort?.abort();
    const abort = new AbortController();
    this.ssoAbort = abort;
    this.setStatus({ ...this.baseStatus('signing-in'), homeserver: url });
    const loopback = await listenForLoginToken(5 * 60_000, abort.signal);
    try {
      await this.deps.openExternal(ssoRedirectUrl(url, loopback.redirectUrl));
      const loginToken = await loopback.token;
      return await this.signedIn(await tokenLogin(url, loginToken, this.deviceName, this.fetchFn));
    } catch (error) {
      this.setStatus({ ...this.baseStatus('signed-out'), homeserver: url, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      loopback.close();
      if (this.ssoAbort === abort) this.ssoAbort = null;
    }
  }

  /** Gives up waiting for the browser (single sign-on); the pending sign-in rejects. */
  cancelSignIn(): void {
    this.ssoAbort?.abort();
  }

  /** Signs out: the server deletes the device; the token and the local sync state are removed. */
  async signOut(): Promise<MatrixStatus> {
    const credentials = (await this.savedCredentials()) ?? this.session?.credentials ?? null;
    const session = this.session;
    await this.stopSession();
    if (credentials) {
      try {
        await logout(credentials, this.fetchFn);
      } catch (error) {
        // The token may already be dead; what matters locally is that nothing of it remains.
        this.deps.log.warn(`matrix: sign-out at the server failed: ${String(error)}`);
      }
    }
    if (session) await session.forgetLocalData();
    else await this.forgetLocalData(credentials);
    await this.deps.keyring.delete(keyringName);
    this.setStatus(this.baseStatus(this.deps.settings().homeserver || credentials ? 'signed-out' : 'not-configured'));
    return this.status();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stopSession();
  }

  /** Wakes the sync loop now (after sleep or when the network returns). */
  retryNow(): void {
    this.session?.retryNow();
  }

  /** Sign-out without a running session (after a soft logout): the same files and keys go. */
  private async forgetLocalData(credentials: Credentials | null): Promise<void> {
    rmSync(this.stateFile, { force: true });
    await new PersistentCryptoStore(this.cryptoFile, this.deps.keyring, credentials ? `${credentials.userId}|${credentials.deviceId}` : '', () => {}).wipe();
  }

  private async savedCredentials(): Promise<Credentials | null> {
    const saved = await this.deps.keyring.get(keyringName);
    try {
      return saved ? (JSON.parse(saved) as Credentials) : null;
    } catch {
      return null;
    }
  }

  private async signedIn(credentials: Credentials): Promise<MatrixStatus> {
    await this.deps.keyring.set(keyringName, JSON.stringify(credentials));
    await this.startSession(credentials);
    return this.status();
  }

  private async startSession(credentials: Credentials): Promise<void> {
    await this.stopSession();
    if (this.disposed) return;
    const log = (level: 'warn' | 'error', message: string) => this.deps.log[level === 'error' ? 'warn' : level](message);
    const session = new MatrixSession(credentials, {
      stateFile: this.stateFile,
      fetchFn: this.fetchFn,
      log,
      cryptoStore: this.deps.endToEnd === false ? null : new PersistentCryptoStore(this.cryptoFile, this.deps.keyring, `${credentials.userId}|${credentials.deviceId}`, (m) => log('warn', m)),
      ...(this.deps.keyWaitMs !== undefined ? { keyWaitMs: this.deps.keyWaitMs } : {}),
      onEmojiVerification: (state) => this.deps.output.emojiVerification?.(state),
      ...(this.deps.pollTimeoutMs ? { pollTimeoutMs: this.deps.pollTimeoutMs } : {}),
    });
    const notifier = new Notifier(session, this.deps.output, () => this.deps.settings());
    notifier.setFocusedRoom(this.focusedRoomId);
    this.session = session;
    this.notifier = notifier;
    this.current = { ...this.baseStatus('connecting'), userId: credentials.userId, homeserver: credentials.homeserver };
    let queue: Promise<void> = Promise.resolve();
    await session.start({
      // One batch at a time, in sync order (a batch may wait for avatars).
      batch: (phase, events, limited) => {
        queue = queue.then(() => notifier.handleBatch(phase, events, limited)).catch((error: unknown) => this.deps.log.error('matrix: notifying failed', error));
      },
      state: (state) => void this.onSessionState(session, state),
    });
  }

  private stopSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.notifier = null;
    return session?.stop() ?? Promise.resolve();
  }

  private async onSessionState(session: MatrixSession, state: SessionState): Promise<void> {
    if (session !== this.session) return;
    const who = { userId: session.credentials.userId, homeserver: session.credentials.homeserver };
    switch (state.state) {
      case 'connecting':
      case 'syncing':
        this.setStatus({ ...this.current, ...who, state: state.state, message: null });
        break;
      case 'offline':
        this.setStatus({ ...this.current, ...who, state: 'offline', message: state.message });
        break;
      case 'needs-sign-in':
        this.deps.log.warn(`matrix: the access token is no longer valid (soft logout: ${state.softLogout}); sign in again`);
        await this.stopSession();
        // A soft logout keeps the device and its sync position; a hard one ends both.
        if (!state.softLogout) {
          await session.forgetLocalData();
          await this.deps.keyring.delete(keyringName);
        }
        this.setStatus({ ...this.baseStatus('needs-sign-in'), ...who, message: state.message });
        break;
      case 'stopped':
        break;
    }
  }

  private baseStatus(state: MatrixStatus['state']): MatrixStatus {
    return { state, userId: null, homeserver: this.deps.settings().homeserver || null, message: null, unreadRooms: 0, highlightCount: 0, doNotDisturb: this.deps.settings().doNotDisturb };
  }

  /** Called by the output when unread counts change, so the status carries them. */
  updateCounts(unreadRooms: number, highlightCount: number): void {
    this.setStatus({ ...this.current, unreadRooms, highlightCount });
  }

  private setStatus(status: MatrixStatus): void {
    this.current = status;
    this.deps.output.status(this.status());
  }
}
