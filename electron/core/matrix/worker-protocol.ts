// Messages between the app and the notifier's own process (Electron utilityProcess in the app,
// child_process.fork in tests), so Matrix sync I/O never stalls the window. The worker owns the
// MatrixService; the app keeps the keyring, the settings and the browser, and asks/answers for them.
import type { NotifierSettings } from './notifier.ts';
import type { WorkerProcess } from '../worker/worker-process.ts';

/** MatrixService methods the app may call in the worker. */
export const workerMethods = [
  'flows',
  'signInWithPassword',
  'signInWithSso',
  'cancelSignIn',
  'signOut',
  'clearNotifications',
  'setRoomMuted',
  'setFocusedRoom',
  'retryNow',
  'restore',
  'applyEnabled',
  'updateCounts',
  'verification',
  'verifyWithRecoveryKey',
  'acceptEmojiVerification',
  'confirmEmojiVerification',
  'cancelEmojiVerification',
  'dispose',
] as const;
export type WorkerMethod = (typeof workerMethods)[number];

export type WorkerSettings = NotifierSettings & { homeserver: string; enabled?: boolean };
export type OutputName = 'status' | 'notification' | 'withdraw' | 'unread' | 'decision' | 'emojiVerification';
export type HostOp = 'keyring.get' | 'keyring.set' | 'keyring.delete' | 'openExternal';
export interface WireError {
  message: string;
  kind?: string;
}

export type ToWorker =
  | { type: 'init'; dataDir: string; settings: WorkerSettings; pollTimeoutMs?: number }
  | { type: 'settings'; settings: WorkerSettings }
  | { type: 'call'; id: number; method: WorkerMethod; args: unknown[] }
  | { type: 'host-reply'; id: number; ok: boolean; value?: unknown; error?: WireError };

export type FromWorker =
  | { type: 'output'; name: OutputName; payload: unknown }
  | { type: 'reply'; id: number; ok: boolean; value?: unknown; error?: WireError }
  | { type: 'host-call'; id: number; op: HostOp; args: string[] }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** The child-process handle that utilityProcess.fork and child_process.fork are both adapted to. */
export type MatrixWorkerProcess = WorkerProcess<ToWorker, FromWorker>;
export type MatrixWorkerLauncher = (entry: string) => MatrixWorkerProcess;

export function toWireError(error: unknown): WireError {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return { message: error instanceof Error ? error.message : String(error), ...(typeof kind === 'string' ? { kind } : {}) };
}

/** An Error carrying the worker's `kind` (e.g. MatrixSignInError's 'forbidden'). */
export function fromWireError(error: WireError | undefined): Error {
  const out = new Error(error?.message ?? 'the notifier process failed') as Error & { kind?: string };
  if (error?.kind) out.kind = error.kind;
  return out;
}
