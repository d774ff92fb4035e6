// Encrypted events between the sync and the notifier: waits for each one's decryption, and when its
// room key has not arrived yet, keeps it for a bounded wait. It is decided again when the key comes
// (the SDK retries decryption and emits MatrixEventEvent.Decrypted) or, after the wait, as
// unreadable. A wait is for a Megolm session's key: when it ends, every event of that session ends
// with it, as one batch (never a flood), and later events of that session do not wait again.
import { MatrixEventEvent, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { classifyDecryptionFailure, type E2eState, type UndecryptableReason } from '../decryption-status.ts';
import type { SyncPhase } from '../notification-policy.ts';

export interface Encryption {
  state: E2eState;
  reason: UndecryptableReason | null;
}

interface Waiting {
  event: MatrixEvent;
  room: Room;
  phase: SyncPhase;
  deadline: number;
}

export type ResolvedHandler = (phase: SyncPhase, items: Array<{ event: MatrixEvent; room: Room; encryption: Encryption }>) => void;

/** How long after the first deadline other waits may end with it, so they leave as one batch. */
const groupWindowMs = 250;
const maxGivenUp = 500;

/** The Megolm session an encrypted event belongs to (sender key + session id, as on the wire). */
function sessionOf(event: MatrixEvent): string {
  const wire = event.getWireContent();
  return `${event.getRoomId() ?? ''}|${String(wire.sender_key ?? event.getSender())}|${String(wire.session_id ?? '')}`;
}

export class EncryptedEvents {
  private readonly client: MatrixClient;
  private readonly waitMs: number;
  private readonly onResolved: ResolvedHandler;
  private readonly waiting = new Map<string, Waiting>();
  private timer: NodeJS.Timeout | null = null;
  /** Megolm sessions whose key did not come within the wait (bounded, oldest forgotten first). */
  private readonly givenUp = new Set<string>();

  constructor(client: MatrixClient, waitMs: number, onResolved: ResolvedHandler) {
    this.client = client;
    this.waitMs = waitMs;
    this.onResolved = onResolved;
    client.on(MatrixEventEvent.Decrypted, this.onDecrypted);
  }

  stop(): void {
    this.client.off(MatrixEventEvent.Decrypted, this.onDecrypted);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.clear();
  }

  /** Events waiting for a room key (diagnostics, tests). */
  get waitingCount(): number {
    return this.waiting.size;
  }

  /** Waits for an event's decryption (a no-op for plain events) and says where it stands; starts the wait when its key is missing. */
  async settle(event: MatrixEvent, room: Room, phase: SyncPhase): Promise<Encryption> {
    if (!event.isEncrypted()) return { state: 'none', reason: null };
    await this.client.decryptEventIfNeeded(event);
    const now = this.classify(event);
    if (now.state !== 'waiting-for-key') return now;
    if (this.givenUp.has(sessionOf(event))) return { state: 'undecryptable', reason: 'no-key' };
    const id = event.getId();
    if (id && !this.waiting.has(id)) {
      this.waiting.set(id, { event, room, phase, deadline: Date.now() + this.waitMs });
      this.schedule();
    }
    return now;
  }

  private classify(event: MatrixEvent): Encryption {
    if (!event.isDecryptionFailure()) return { state: event.getType() === 'm.room.encrypted' ? 'undecryptable' : 'decrypted', reason: event.getType() === 'm.room.encrypted' ? 'error' : null };
    const { reason, worthWaiting } = classifyDecryptionFailure(event.decryptionFailureReason ?? null);
    return { state: worthWaiting ? 'waiting-for-key' : 'undecryptable', reason };
  }

  private readonly onDecrypted = (event: MatrixEvent): void => {
    const id = event.getId();
    const entry = id ? this.waiting.get(id) : undefined;
    if (!entry || !id) return;
    const now = this.classify(event);
    if (now.state === 'waiting-for-key') return; // retried without the key: keep waiting
    this.waiting.delete(id);
    this.onResolved(entry.phase, [{ event: entry.event, room: entry.room, encryption: now }]);
  };

  private schedule(): void {
    if (this.timer || !this.waiting.size) return;
    const next = Math.min(...[...this.waiting.values()].map((w) => w.deadline));
    this.timer = setTimeout(() => this.expire(), Math.max(0, next - Date.now()));
    this.timer.unref?.();
  }

  private expire(): void {
    this.timer = null;
    const limit = Date.now() + groupWindowMs;
    const sessions = new Set([...this.waiting.values()].filter((w) => w.deadline <= limit).map((w) => sessionOf(w.event)));
    for (const session of sessions) this.givenUp.add(session);
    for (const session of this.givenUp) if (this.givenUp.size > maxGivenUp) this.givenUp.delete(session);
    const byPhase = new Map<SyncPhase, Array<{ event: MatrixEvent; room: Room; encryption: Encryption }>>();
    for (const [id, entry] of this.waiting) {
      if (entry.deadline > limit && !sessions.has(sessionOf(entry.event))) continue;
      this.waiting.delete(id);
      const list = byPhase.get(entry.phase) ?? [];
      list.push({ event: entry.event, room: entry.room, encryption: { state: 'undecryptable', reason: 'no-key' } });
      byPhase.set(entry.phase, list);
    }
    for (const [phase, items] of byPhase) this.onResolved(phase, items);
    this.schedule();
  }
}
