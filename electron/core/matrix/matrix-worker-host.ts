// The app's side of the notifier process: the same API as MatrixService (MatrixBackend), answered
// by the worker over worker-protocol.ts. Status, rooms and recent notifications are cached from the
// worker's outputs so reads stay synchronous; the keyring and the browser stay in the app. A worker
// that dies is restarted and resumes the saved session.
import { fileURLToPath } from 'node:url';
import { forkWorker } from '../worker/worker-process.ts';
import type { MatrixStatus } from '../bridge/contract-matrix.ts';
import type { Keyring } from '../secrets/keyring.ts';
import type { Log } from '../context.ts';
import type { NotificationRecord, NotifierOutput } from './notifier.ts';
import type { RoomUnread } from './sdk/matrix-session.ts';
import type { LoginFlows } from './sdk/matrix-login.ts';
import type { VerificationResult, VerificationState } from './sdk/session-verification.ts';
import type { EmojiVerificationState } from './sdk/emoji-verification.ts';
import { fromWireError, type FromWorker, type MatrixWorkerLauncher, type MatrixWorkerProcess, type WorkerMethod, type WorkerSettings } from './worker-protocol.ts';

/** What the bridge handlers use: MatrixService in this process, or MatrixWorkerHost for a worker. */
export interface MatrixBackend {
  status(): MatrixStatus;
  readonly notifications: NotificationRecord[];
  rooms(): RoomUnread[];
  flows(homeserver: string): Promise<LoginFlows & { homeserver: string }>;
  signInWithPassword(homeserver: string, user: string, password: string): Promise<MatrixStatus>;
  signInWithSso(homeserver: string): Promise<MatrixStatus>;
  cancelSignIn(): void;
  signOut(): Promise<MatrixStatus>;
  clearNotifications(): void;
  setRoomMuted(roomId: string, muted: boolean): Promise<void>;
  setFocusedRoom(roomId: string | null): void;
  retryNow(): void;
  restore(): Promise<void>;
  applyEnabled(): Promise<void>;
  updateCounts(unreadRooms: number, highlightCount: number): void;
  verification(): Promise<VerificationState>;
  verifyWithRecoveryKey(recoveryKey: string): Promise<VerificationResult>;
  emojiVerification(): EmojiVerificationState;
  acceptEmojiVerification(): Promise<EmojiVerificationState>;
  confirmEmojiVerification(match: boolean): Promise<EmojiVerificationState>;
  cancelEmojiVerification(): Promise<EmojiVerificationState>;
  dispose(): Promise<void>;
}

export const matrixWorkerEntry = fileURLToPath(new URL('./worker-entry.ts', import.meta.url));

/** Plain Node launcher (child_process.fork), for tests and the preview host; the app passes a utilityProcess one. */
export const forkMatrixWorker: MatrixWorkerLauncher = (entry) => forkWorker(entry);

export interface MatrixWorkerHostDeps {
  keyring: Keyring;
  dataDir: string;
  log: Log;
  settings: () => WorkerSettings;
  output: NotifierOutput & { status(status: MatrixStatus): void; emojiVerification?(state: EmojiVerificationState): void };
  openExternal(url: string): Promise<void>;
  pollTimeoutMs?: number;
}

export class MatrixWorkerHost implements MatrixBackend {
  private readonly launch: MatrixWorkerLauncher;
  private readonly deps: MatrixWorkerHostDeps;
  private worker: MatrixWorkerProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private current: MatrixStatus;
  private recent: NotificationRecord[] = [];
  private roomList: RoomUnread[] = [];
  private emojiState: EmojiVerificationState = { phase: 'none' };
  private disposed = false;

  constructor(launch: MatrixWorkerLauncher, deps: MatrixWorkerHostDeps) {
    this.launch = launch;
    this.deps = deps;
    const s = deps.settings();
    this.current = { state: s.homeserver ? 'signed-out' : 'not-configured', userId: null, homeserver: s.homeserver || null, message: null, unreadRooms: 0, highlightCount: 0, doNotDisturb: s.doNotDisturb };
    this.start();
  }

  private start(): void {
    const worker = this.launch(matrixWorkerEntry);
    this.worker = worker;
    worker.onMessage((message) => void this.receive(message));
    worker.onExit((code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const waiter of this.pending.values()) waiter.reject(new Error('the notifier process stopped'));
      this.pending.clear();
      if (this.disposed) return;
      this.deps.log.warn(`matrix: the notifier process exited (${code}); restarting it`);
      setTimeout(() => {
        if (this.disposed) return;
        this.start();
        this.restore().catch((error: unknown) => this.deps.log.error('matrix: could not resume after a restart', error));
      }, 1000).unref();
    });
    worker.postMessage({ type: 'init', dataDir: this.deps.dataDir, settings: this.deps.settings(), ...(this.deps.pollTimeoutMs ? { pollTimeoutMs: this.deps.pollTimeoutMs } : {}) });
  }

  private async receive(message: FromWorker): Promise<void> {
    switch (message.type) {
      case 'output':
        this.onOutput(message.name, message.payload);
        break;
      case 'reply': {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(fromWireError(message.error));
        break;
      }
      case 'log':
        this.deps.log[message.level](message.message);
        break;
      case 'host-call': {
        try {
          const [a = '', b = ''] = message.args;
          let value: unknown = null;
          if (message.op === 'keyring.get') value = await this.deps.keyring.get(a);
          else if (message.op === 'keyring.set') await this.deps.keyring.set(a, b);
          else if (message.op === 'keyring.delete') await this.deps.keyring.delete(a);
          else if (message.op === 'openExternal') await this.deps.openExternal(a);
          this.worker?.postMessage({ type: 'host-reply', id: message.id, ok: true, value });
        } catch (error) {
          this.worker?.postMessage({ type: 'host-reply', id: message.id, ok: false, error: { message: error instanceof Error ? error.message : String(error) } });
        }
        break;
      }
    }
  }

  private onOutput(name: string, payload: unknown): void {
    const out = this.deps.output;
    if (name === 'status') {
      this.current = payload as MatrixStatus;
      out.status(this.current);
    } else if (name === 'notification') {
      const record = payload as NotificationRecord;
      this.recent = [record, ...this.recent].slice(0, 100);
      out.notification(record);
    } else if (name === 'withdraw') out.withdraw(payload as string[]);
    else if (name === 'unread') {
      this.roomList = payload as RoomUnread[];
      out.unread(this.roomList);
    } else if (name === 'decision') out.decision(payload as Parameters<NotifierOutput['decision']>[0]);
    else if (name === 'emojiVerification') {
      this.emojiState = payload as EmojiVerificationState;
      out.emojiVerification?.(this.emojiState);
    }
  }

  private call<T>(method: WorkerMethod, ...args: unknown[]): Promise<T> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('the notifier process is restarting; try again in a moment'));
    const id = this.nextId++;
    worker.postMessage({ type: 'call', id, method, args });
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  private fire(method: WorkerMethod, ...args: unknown[]): void {
    this.call(method, ...args).catch((error: unknown) => this.deps.log.warn(`matrix: ${method} failed: ${String(error)}`));
  }

  /** Settings live in the app; the worker gets each change. */
  settingsChanged(): void {
    this.worker?.postMessage({ type: 'settings', settings: this.deps.settings() });
  }

  status(): MatrixStatus {
    return { ...this.current, doNotDisturb: this.deps.settings().doNotDisturb };
  }
  get notifications(): NotificationRecord[] {
    return [...this.recent];
  }
  rooms(): RoomUnread[] {
    return this.roomList;
  }
  flows(homeserver: string) {
    return this.call<LoginFlows & { homeserver: string }>('flows', homeserver);
  }
  signInWithPassword(homeserver: string, user: string, password: string) {
    return this.call<MatrixStatus>('signInWithPassword', homeserver, user, password);
  }
  signInWithSso(homeserver: string) {
    return this.call<MatrixStatus>('signInWithSso', homeserver);
  }
  cancelSignIn(): void {
    this.fire('cancelSignIn');
  }
  verification(): Promise<VerificationState> {
    return this.call<VerificationState>('verification');
  }

  /** The key crosses to the worker once, in memory; a failure keeps its `kind` (e.g. 'wrong-recovery-key'). */
  verifyWithRecoveryKey(recoveryKey: string): Promise<VerificationResult> {
    return this.call<VerificationResult>('verifyWithRecoveryKey', recoveryKey);
  }

  emojiVerification(): EmojiVerificationState {
    return this.emojiState;
  }

  acceptEmojiVerification(): Promise<EmojiVerificationState> {
    return this.call<EmojiVerificationState>('acceptEmojiVerification');
  }

  confirmEmojiVerification(match: boolean): Promise<EmojiVerificationState> {
    return this.call<EmojiVerificationState>('confirmEmojiVerification', match);
  }

  cancelEmojiVerification(): Promise<EmojiVerificationState> {
    return this.call<EmojiVerificationState>('cancelEmojiVerification');
  }

  async signOut(): Promise<MatrixStatus> {
    const status = await this.call<MatrixStatus>('signOut');
    this.roomList = [];
    return status;
  }
  clearNotifications(): void {
    this.recent = [];
    this.fire('clearNotifications');
  }
  async setRoomMuted(roomId: string, muted: boolean): Promise<void> {
    await this.call('setRoomMuted', roomId, muted);
  }
  setFocusedRoom(roomId: string | null): void {
    this.fire('setFocusedRoom', roomId);
  }
  retryNow(): void {
    this.fire('retryNow');
  }
  async restore(): Promise<void> {
    await this.call('restore');
  }
  async applyEnabled(): Promise<void> {
    await this.call('applyEnabled');
  }
  updateCounts(unreadRooms: number, highlightCount: number): void {
    this.fire('updateCounts', unreadRooms, highlightCount);
  }
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.onExit(() => resolve()));
    await this.call('dispose').catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    worker.kill();
  }
}
