// Pure decisions of the notifier: notify for this event or not, and why; how many pop-ups a batch
// of events from one /sync becomes. No I/O, no clock of its own: everything comes in as data.
import type { E2eState, UndecryptableReason } from './decryption-status.ts';

/** What the notifier knows about one new timeline event (taken from the SDK by matrix-session). */
export interface EventFacts {
  eventId: string;
  roomId: string;
  roomName: string;
  /** Joined members; 2 means a one-to-one conversation (the spec's `room_member_count == 2`). */
  memberCount: number;
  sender: string;
  senderName: string;
  senderAvatarMxc: string | null;
  /** The decrypted event's type; `m.room.encrypted` while it cannot be read. */
  type: string;
  msgtype: string | null;
  /** Plain-text body (decrypted when it was encrypted); null for unreadable or non-text events. */
  body: string | null;
  /** Encryption: not encrypted, decrypted, still waiting for its room key, or unreadable (and why). */
  e2e: E2eState;
  e2eReason: UndecryptableReason | null;
  ts: number;
  /** The account's push rules for this event, evaluated by matrix-js-sdk on the decrypted event (on the encrypted one when unreadable). */
  push: { notify: boolean; highlight: boolean; sound: string | null; ruleId: string | null };
}

/** Where in the sync life cycle an event arrived. */
export type SyncPhase =
  /** The first sync after sign-in: history, never notified. */
  | 'initial'
  /** Replayed from the saved sync on restart: already handled before. */
  | 'cache'
  /** The first sync after a restart or a long offline spell: new, but maybe many. */
  | 'catch-up'
  | 'live';

export interface DecisionContext {
  ownUserId: string;
  /** The room open in the focused chat tab, if any. */
  focusedRoomId: string | null;
  doNotDisturb: boolean;
  phase: SyncPhase;
  alreadyNotified: boolean;
  /** Now, in ms since the epoch (for call invites, which are only worth ringing while fresh). */
  now: number;
}

/** A call invite older than this is not rung (Element: 10 s); the call is over or answered elsewhere. */
export const callFreshMs = 10_000;

export type SkipReason = 'duplicate' | 'initial-sync' | 'cached' | 'own-event' | 'waiting-for-key' | 'push-rules' | 'stale-call' | 'focused-room' | 'do-not-disturb';

export type Decision = { notify: true; ruleId: string | null } | { notify: false; reason: SkipReason; ruleId: string | null };

/** Notify for `event`? Mirrors Element's gate (live events only, not own, not the active room) plus push rules and DND. */
export function decideNotification(event: EventFacts, ctx: DecisionContext): Decision {
  const ruleId = event.push.ruleId;
  if (ctx.alreadyNotified) return { notify: false, reason: 'duplicate', ruleId };
  if (ctx.phase === 'initial') return { notify: false, reason: 'initial-sync', ruleId };
  if (ctx.phase === 'cache') return { notify: false, reason: 'cached', ruleId };
  // Own events never notify, from this device or any other (the sender is the account, not the device).
  if (event.sender === ctx.ownUserId) return { notify: false, reason: 'own-event', ruleId };
  // Decided again when its key comes or the bounded wait ends, on what can then be read.
  if (event.e2e === 'waiting-for-key') return { notify: false, reason: 'waiting-for-key', ruleId };
  if (!event.push.notify) return { notify: false, reason: 'push-rules', ruleId };
  if (event.type === 'm.call.invite' && ctx.now - event.ts > callFreshMs) return { notify: false, reason: 'stale-call', ruleId };
  if (ctx.focusedRoomId !== null && ctx.focusedRoomId === event.roomId) return { notify: false, reason: 'focused-room', ruleId };
  if (ctx.doNotDisturb) return { notify: false, reason: 'do-not-disturb', ruleId };
  return { notify: true, ruleId };
}

export interface BatchOptions {
  /** More notifying events than this in one sync become one summary. */
  maxIndividual: number;
  /** Events older than this (by server timestamp) are counted in a summary, not popped up. */
  staleAfterMs: number;
  now: number;
}

export const defaultBatchOptions = { maxIndividual: 3, staleAfterMs: 10 * 60_000 } as const;

export interface BatchPlan {
  individual: EventFacts[];
  summary: { messages: number; conversations: number; roomIds: string[]; highlight: boolean } | null;
}

/**
 * Turns the notifying events of one sync into pop-ups: a few fresh ones each, a flood or stale ones
 * as one summary. `missed` counts, per room, notifying events the sync did not carry (a `limited`
 * timeline: the server's unread count minus what we saw); any such gap means a catch-up summary.
 */
export function planBatch(events: readonly EventFacts[], options: BatchOptions, missed: ReadonlyMap<string, number> = new Map()): BatchPlan {
  const gaps = [...missed].filter(([, count]) => count > 0);
  const missedTotal = gaps.reduce((sum, [, count]) => sum + count, 0);
  const flood = events.length > options.maxIndividual || missedTotal > 0;
  const individual = flood ? [] : events.filter((e) => options.now - e.ts <= options.staleAfterMs);
  const summarised = flood ? events : events.filter((e) => options.now - e.ts > options.staleAfterMs);
  if (!summarised.length && !missedTotal) return { individual, summary: null };
  const roomIds = [...new Set([...summarised.map((e) => e.roomId), ...gaps.map(([roomId]) => roomId)])];
  return { individual, summary: { messages: summarised.length + missedTotal, conversations: roomIds.length, roomIds, highlight: summarised.some((e) => e.push.highlight) } };
}

export interface DndSchedule {
  enabled: boolean;
  /** 0 = Sunday … 6 = Saturday: the day on which a quiet period starts. */
  days: number[];
  start: string;
  end: string;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Is do-not-disturb on at local time `at`? Manual DND, or a scheduled period (which may cross midnight). */
export function isDndActive(manual: boolean, schedule: DndSchedule, at: Date): boolean {
  if (manual) return true;
  if (!schedule.enabled || !schedule.days.length) return false;
  const now = at.getHours() * 60 + at.getMinutes();
  const start = minutesOf(schedule.start);
  const end = minutesOf(schedule.end);
  const today = at.getDay();
  if (start === end) return schedule.days.includes(today); // the whole day
  if (start < end) return schedule.days.includes(today) && now >= start && now < end;
  // Overnight, e.g. 18:00 → 08:00: the evening part belongs to today, the morning part to yesterday.
  const yesterday = (today + 6) % 7;
  return (schedule.days.includes(today) && now >= start) || (schedule.days.includes(yesterday) && now < end);
}
