// Turns batches of new events into notification decisions and notifications: the pure policy decides,
// this class keeps the little state around it (focused room, recent notifications, open pop-ups per
// room, unread counts) and reports through `NotifierOutput`. No Electron, no SDK.
import { decideNotification, defaultBatchOptions, isDndActive, planBatch, type SkipReason, type DndSchedule, type EventFacts, type SyncPhase } from './notification-policy.ts';
import { notificationText, summaryText, type ContentLevel } from './notification-text.ts';
import type { LimitedRoom, RoomUnread } from './sdk/matrix-session.ts';
import type { E2eState, UndecryptableReason } from './decryption-status.ts';

export interface NotificationRecord {
  id: string;
  kind: 'message' | 'summary';
  roomId: string | null;
  roomName: string | null;
  title: string;
  body: string;
  /** data: URL of the sender's avatar thumbnail, when the content setting shows who wrote. */
  icon: string | null;
  sound: boolean;
  highlight: boolean;
  ts: number;
  /** False when do-not-disturb held it back: listed in the centre, no pop-up. */
  popup: boolean;
}

export interface DecisionRecord {
  eventId: string;
  roomId: string;
  roomName: string;
  sender: string;
  ruleId: string | null;
  phase: SyncPhase;
  notified: boolean;
  /** Why not, when not notified. */
  reason: SkipReason | null;
  /** Not encrypted, decrypted, waiting for its room key, or unreadable — and why it is unreadable. */
  e2e: E2eState;
  e2eReason: UndecryptableReason | null;
  /** What the notification shows (or would show) at the chosen content level. */
  title: string;
  body: string;
}

export interface NotifierOutput {
  decision(record: DecisionRecord): void;
  notification(record: NotificationRecord): void;
  /** Pop-ups to close because their room was read elsewhere. */
  withdraw(ids: string[]): void;
  unread(rooms: RoomUnread[]): void;
}

export interface NotifierSettings {
  content: ContentLevel;
  sound: boolean;
  doNotDisturb: boolean;
  dndSchedule: DndSchedule;
  locale: string;
}

export interface NotifierSource {
  readonly credentials: { userId: string };
  hasNotified(eventId: string): boolean;
  rememberNotified(eventId: string): void;
  persist(): void;
  unreadRooms(): RoomUnread[];
  avatar(mxc: string): Promise<Buffer | null>;
}

const maxRecent = 100;

export class Notifier {
  private readonly source: NotifierSource;
  private readonly output: NotifierOutput;
  private readonly settings: () => NotifierSettings;
  private readonly now: () => number;
  private focusedRoomId: string | null = null;
  private readonly recent: NotificationRecord[] = [];
  private readonly openByRoom = new Map<string, string[]>();
  private lastUnread = '';
  private counter = 0;

  constructor(source: NotifierSource, output: NotifierOutput, settings: () => NotifierSettings, now: () => number = Date.now) {
    this.source = source;
    this.output = output;
    this.settings = settings;
    this.now = now;
  }

  setFocusedRoom(roomId: string | null): void {
    this.focusedRoomId = roomId;
  }

  notifications(): NotificationRecord[] {
    return [...this.recent];
  }

  clear(): void {
    this.recent.length = 0;
  }

  /** One /sync worth of events: decide each, pop up a few or one summary, remember what was notified. */
  async handleBatch(phase: SyncPhase, events: EventFacts[], limited: LimitedRoom[] = []): Promise<void> {
    const settings = this.settings();
    const dnd = isDndActive(settings.doNotDisturb, settings.dndSchedule, new Date(this.now()));
    const notify: EventFacts[] = [];
    const held: EventFacts[] = [];
    const ownUserId = this.source.credentials.userId;
    for (const event of events) {
      const base = { ownUserId, focusedRoomId: this.focusedRoomId, phase, alreadyNotified: this.source.hasNotified(event.eventId), now: this.now() };
      const decision = decideNotification(event, { ...base, doNotDisturb: dnd });
      const text = notificationText(event, settings.content, settings.locale);
      this.output.decision({
        eventId: event.eventId, roomId: event.roomId, roomName: event.roomName, sender: event.sender, ruleId: decision.ruleId, phase, notified: decision.notify,
        reason: decision.notify ? null : decision.reason, e2e: event.e2e, e2eReason: event.e2eReason, title: text.title, body: text.body,
      });
      if (decision.notify) notify.push(event);
      else if (decision.reason === 'do-not-disturb') held.push(event);
    }
    // A limited timeline carried only the newest events: count the rest from the server's unread count.
    const missed = new Map<string, number>();
    if (!dnd && (phase === 'live' || phase === 'catch-up')) {
      for (const room of limited) {
        if (room.roomId === this.focusedRoomId) continue;
        missed.set(room.roomId, room.notificationCount - notify.filter((e) => e.roomId === room.roomId).length);
      }
    }
    const plan = planBatch(notify, { ...defaultBatchOptions, now: this.now() }, missed);
    for (const event of plan.individual) await this.showEvent(event, settings, true);
    if (plan.summary) {
      const text = summaryText(plan.summary.messages, plan.summary.conversations, settings.locale);
      const roomId = plan.summary.conversations === 1 ? (plan.summary.roomIds[0] ?? null) : null;
      this.emit({ kind: 'summary', roomId, roomName: null, ...text, icon: null, sound: settings.sound, highlight: plan.summary.highlight, popup: true });
    }
    // Held back by do-not-disturb: listed in the centre without a pop-up or a sound.
    for (const event of held) await this.showEvent(event, settings, false);
    for (const event of [...notify, ...held]) this.source.rememberNotified(event.eventId);
    this.source.persist();
    this.updateUnread();
  }

  private async showEvent(event: EventFacts, settings: NotifierSettings, popup: boolean): Promise<void> {
    const text = notificationText(event, settings.content, settings.locale);
    let icon: string | null = null;
    if (popup && text.showAvatar && event.senderAvatarMxc) {
      const bytes = await this.source.avatar(event.senderAvatarMxc);
      if (bytes) icon = `data:${sniffImageType(bytes)};base64,${bytes.toString('base64')}`;
    }
    const sound = popup && settings.sound && event.push.sound !== null;
    this.emit({ kind: 'message', roomId: event.roomId, roomName: settings.content === 'none' ? null : event.roomName, title: text.title, body: text.body, icon, sound, highlight: event.push.highlight, popup });
  }

  private emit(fields: Omit<NotificationRecord, 'id' | 'ts'>): void {
    this.counter += 1;
    const record: NotificationRecord = { id: `n${this.now().toString(36)}-${this.counter}`, ts: this.now(), ...fields };
    this.recent.unshift(record);
    if (this.recent.length > maxRecent) this.recent.length = maxRecent;
    if (record.popup && record.roomId) this.openByRoom.set(record.roomId, [...(this.openByRoom.get(record.roomId) ?? []), record.id]);
    this.output.notification(record);
  }

  /** Reports unread counts when they change; a room read elsewhere (count 0) has its pop-ups withdrawn. */
  updateUnread(): void {
    const rooms = this.source.unreadRooms();
    for (const room of rooms) {
      const open = this.openByRoom.get(room.roomId);
      if (open && room.notificationCount === 0 && room.highlightCount === 0) {
        this.openByRoom.delete(room.roomId);
        this.output.withdraw(open);
      }
    }
    const key = JSON.stringify(rooms);
    if (key === this.lastUnread) return;
    this.lastUnread = key;
    this.output.unread(rooms);
  }
}

function sniffImageType(bytes: Buffer): string {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF') return 'image/webp';
  if (bytes.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  return 'application/octet-stream';
}
