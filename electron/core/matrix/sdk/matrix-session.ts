// The signed-in Matrix session: matrix-js-sdk's sync loop with a lean filter and a file-backed store,
// Rust crypto with a persistent store (crypto-store.ts), narrowed to what the notifier needs: batches
// of new events (decrypted, with push-rule verdicts on the decrypted event, one batch per /sync;
// events whose key comes later in batches of their own), connection state, unread counts per room,
// room mute, avatars. No SDK type leaks out.
import {
  ClientEvent,
  createClient,
  Filter,
  HttpApiEvent,
  MatrixError,
  RoomEvent,
  SyncState,
  MatrixEvent,
  type MatrixClient,
  type Room,
} from 'matrix-js-sdk';
import type { PushRuleKind } from 'matrix-js-sdk';
import type { EventFacts, SyncPhase } from '../notification-policy.ts';
import { FileSyncStore } from './file-sync-store.ts';
import { databasePrefix, type PersistentCryptoStore } from './crypto-store.ts';
import { EncryptedEvents, type Encryption } from './encrypted-events.ts';
import { defaultKeyWaitMs } from '../decryption-status.ts';
import { EmojiVerification, type EmojiVerificationState } from './emoji-verification.ts';
import { SecretStorageKeyHolder, verificationState, verifyWithRecoveryKey, type VerificationResult, type VerificationState } from './session-verification.ts';
import type { Credentials } from './matrix-login.ts';
import { routeSdkRootLogger, sdkLogger, type SdkLogSink } from './sdk-logger.ts';

export type SessionState =
  | { state: 'connecting' }
  | { state: 'syncing' }
  | { state: 'offline'; message: string }
  | { state: 'needs-sign-in'; softLogout: boolean; message: string }
  | { state: 'stopped' };

export interface RoomUnread {
  roomId: string;
  name: string;
  notificationCount: number;
  highlightCount: number;
  muted: boolean;
}

/** A room whose timeline a sync cut short, with the server's count of notifying unread events. */
export interface LimitedRoom {
  roomId: string;
  notificationCount: number;
}

export interface SessionListener {
  /** One /sync: its new events and its limited rooms (each handed over exactly once). */
  batch(phase: SyncPhase, events: EventFacts[], limited: LimitedRoom[]): void;
  state(state: SessionState): void;
}

export interface SessionOptions {
  stateFile: string;
  fetchFn: typeof fetch;
  log: SdkLogSink;
  /** Long-poll timeout (spec default 30 s). */
  pollTimeoutMs?: number;
  timelineLimit?: number;
  /** End-to-end encryption with this persistent store; none: encrypted events stay unreadable. */
  cryptoStore?: PersistentCryptoStore | null;
  /** The bounded wait for a room key that arrives after its message. */
  keyWaitMs?: number;
  /** Each change of an emoji verification started from another own session. */
  onEmojiVerification?: (state: EmojiVerificationState) => void;
}

/** Writes the crypto store this long after the last sync (the SDK's key uploads follow a sync). */
const cryptoSaveDelayMs = 1000;

/** Live events kept per room (see trimTimelines). */
export const maxLiveEvents = 50;

export class MatrixSession {
  readonly credentials: Credentials;
  private readonly client: MatrixClient;
  private readonly store: FileSyncStore;
  private readonly options: SessionOptions;
  private pending: Array<{ event: MatrixEvent; room: Room; invite?: true }> = [];
  /** Batches leave in sync order, each after its events' decryption settled. */
  private emitting: Promise<void> = Promise.resolve();
  private encrypted: EncryptedEvents | null = null;
  private cryptoSaveTimer: NodeJS.Timeout | null = null;
  private readonly secretKeys = new SecretStorageKeyHolder();
  private emoji: EmojiVerification | null = null;
  private networkSyncs = 0;
  private listener: SessionListener | null = null;
  private readonly avatarCache = new Map<string, Buffer | null>();

  constructor(credentials: Credentials, options: SessionOptions) {
    this.credentials = credentials;
    this.options = options;
    routeSdkRootLogger(options.log);
    this.store = new FileSyncStore(options.stateFile, credentials.userId);
    this.client = createClient({
      baseUrl: credentials.homeserver,
      accessToken: credentials.accessToken,
      userId: credentials.userId,
      deviceId: credentials.deviceId,
      store: this.store,
      fetchFn: options.fetchFn,
      timelineSupport: false,
      logger: sdkLogger(options.log),
      cryptoCallbacks: this.secretKeys.callbacks,
    });
  }

  /** The SDK client, for the session's own helpers (verification); never leaves sdk/. */
  get sdkClient(): MatrixClient {
    return this.client;
  }

  /** Starts syncing; events and state changes go to `listener`. */
  async start(listener: SessionListener): Promise<void> {
    this.listener = listener;
    await this.startCrypto();
    this.client.on(RoomEvent.Timeline, this.onTimeline);
    this.client.on(RoomEvent.MyMembership, this.onMembership);
    this.client.on(ClientEvent.Sync, this.onSync);
    this.client.on(HttpApiEvent.SessionLoggedOut, this.onLoggedOut);
    listener.state({ state: 'connecting' });
    const filter = new Filter(this.credentials.userId);
    filter.setDefinition({
      presence: { types: [] },
      // Secret storage, cross-signing and backup settings are account data the crypto reads.
      account_data: { types: ['m.push_rules', 'm.direct', 'm.secret_storage.*', 'm.cross_signing.*', 'm.megolm_backup.v1', 'm.org.matrix.custom.backup_disabled'] },
      room: { timeline: { limit: this.options.timelineLimit ?? 10 }, state: { lazy_load_members: true }, ephemeral: { types: ['m.receipt'] }, account_data: { types: [] } },
    });
    await this.client.startClient({
      filter,
      lazyLoadMembers: true,
      initialSyncLimit: this.options.timelineLimit ?? 10,
      pollTimeout: this.options.pollTimeoutMs ?? 30_000,
      disablePresence: true,
      threadSupport: false,
    });
  }

  /** Rust crypto on the persistent store: the same device and keys as last time (no new device per start). */
  private async startCrypto(): Promise<void> {
    const store = this.options.cryptoStore;
    if (!store) return;
    store.activate();
    const { storageKey } = await store.open();
    await this.client.initRustCrypto({ useIndexedDB: true, cryptoDatabasePrefix: databasePrefix, storageKey });
    this.emoji = new EmojiVerification(this.client, (state) => {
      if (state.phase === 'done') void this.saveCrypto();
      this.options.onEmojiVerification?.(state);
    });
    this.encrypted = new EncryptedEvents(this.client, this.options.keyWaitMs ?? defaultKeyWaitMs, (phase, items) => {
      const facts = items.map((i) => this.readFacts(i.event, i.room, i.encryption)).filter((f) => f !== null);
      this.emitting = this.emitting.then(() => this.listener?.batch(phase, facts, [])).catch((error: unknown) => this.options.log('error', `matrix: could not hand over decrypted events: ${String(error)}`));
    });
  }

  /** Saves the crypto store soon (after the uploads a sync triggers), once per burst of syncs. */
  private scheduleCryptoSave(): void {
    const store = this.options.cryptoStore;
    if (!store || this.cryptoSaveTimer) return;
    this.cryptoSaveTimer = setTimeout(() => {
      this.cryptoSaveTimer = null;
      void store.save();
    }, cryptoSaveDelayMs);
    this.cryptoSaveTimer.unref?.();
  }

  /** Writes the crypto store now (after a key backup restore, at stop). */
  async saveCrypto(): Promise<void> {
    await this.options.cryptoStore?.save();
  }

  /** Is this device verified (cross-signed), can a recovery key verify it, is key backup on? */
  verification(): Promise<VerificationState> {
    return verificationState(this.client);
  }

  /** Verifies this device with the user's recovery key and restores room keys from the backup. */
  async verifyWithRecoveryKey(recoveryKey: string): Promise<VerificationResult> {
    const result = await verifyWithRecoveryKey(this.client, this.secretKeys, recoveryKey);
    await this.saveCrypto();
    return result;
  }

  /** Events waiting for their room key (diagnostics). */
  get waitingForKeys(): number {
    return this.encrypted?.waitingCount ?? 0;
  }

  /** The emoji verification in progress (started from another own session), if any. */
  get emojiVerification(): EmojiVerification | null {
    return this.emoji;
  }

  stop(): Promise<void> {
    this.emoji?.stop();
    this.encrypted?.stop();
    if (this.cryptoSaveTimer) clearTimeout(this.cryptoSaveTimer);
    this.cryptoSaveTimer = null;
    this.client.off(RoomEvent.Timeline, this.onTimeline);
    this.client.off(RoomEvent.MyMembership, this.onMembership);
    this.client.off(ClientEvent.Sync, this.onSync);
    this.client.off(HttpApiEvent.SessionLoggedOut, this.onLoggedOut);
    this.client.stopClient();
    try {
      this.store.persist();
    } catch (error) {
      this.options.log('warn', `matrix: could not save the sync position: ${String(error)}`);
    }
    this.listener?.state({ state: 'stopped' });
    this.listener = null;
    return this.options.cryptoStore?.save() ?? Promise.resolve();
  }

  /**
   * After sleep or when the network returns: sync now. Waiting in back-off → retry at once; otherwise
   * the long-poll in flight may sit on a socket that died during sleep (the SDK's own abort comes only
   * after poll + 80 s), so it is aborted and the SDK reconnects.
   */
  retryNow(): void {
    if (!this.client.retryImmediately()) this.client.http.abort();
  }

  hasNotified(eventId: string): boolean {
    return this.store.hasNotified(eventId);
  }

  rememberNotified(eventId: string): void {
    this.store.rememberNotified(eventId);
  }

  persist(): void {
    this.store.persist();
  }

  /** After sign-out: the sync position and every key of this device go. */
  async forgetLocalData(): Promise<void> {
    await this.store.deleteAllData();
    await this.options.cryptoStore?.wipe();
  }

  private readonly onLoggedOut = (error: MatrixError): void => {
    const softLogout = error.data?.soft_logout === true;
    this.listener?.state({ state: 'needs-sign-in', softLogout, message: error.message });
  };

  private readonly onTimeline = (event: MatrixEvent, room: Room | undefined, toStart: boolean | undefined, removed: boolean, data: { liveEvent?: boolean }): void => {
    if (toStart || removed || !data.liveEvent || !room || event.isState() || event.status !== null) return;
    // Read at the end of the sync, when the room's name, members and push rules are all up to date.
    this.pending.push({ event, room });
  };

  /** An invite arrives as stripped state of an invited room, not in a timeline: `.m.rule.invite_for_me`. */
  private readonly onMembership = (room: Room, membership: string, previous?: string): void => {
    if (membership !== 'invite' || previous === 'invite') return;
    const event = room.currentState.getStateEvents('m.room.member', this.credentials.userId);
    if (event) this.pending.push({ event, room, invite: true });
  };

  /** The sync's new events once each one's decryption settled (those waiting for a key say so). */
  private async settlePending(pending: Array<{ event: MatrixEvent; room: Room; invite?: true }>, phase: SyncPhase): Promise<EventFacts[]> {
    const facts: EventFacts[] = [];
    for (const { event, room, invite } of pending) {
      const encryption = this.encrypted ? await this.encrypted.settle(event, room, phase) : { state: event.isEncrypted() ? 'undecryptable' : 'none', reason: event.isEncrypted() ? 'error' : null } as Encryption;
      const f = this.readFacts(event, room, encryption);
      // Stripped invite state has no event id or timestamp: the room identifies the invite.
      if (f) facts.push(invite ? { ...f, eventId: f.eventId || `invite:${room.roomId}`, ts: f.ts || Date.now() } : f);
    }
    return facts;
  }

  private readFacts(event: MatrixEvent, room: Room, encryption: Encryption): EventFacts | null {
    try {
      return this.factsFor(event, room, encryption);
    } catch (error) {
      // A malformed event from the server is skipped, never fatal.
      this.options.log('warn', `matrix: skipped an event that could not be read: ${String(error)}`);
      return null;
    }
  }

  /** History (first sync, cached sync) is never notified: not even read (it can be thousands of events). */
  private skipPending(): EventFacts[] {
    this.pending = [];
    return [];
  }

  private factsFor(event: MatrixEvent, room: Room, encryption: Encryption): EventFacts {
    const readable = encryption.state === 'none' || encryption.state === 'decrypted';
    // Unreadable: the rules see what the server saw (`m.room.encrypted`), never the SDK's
    // "Unable to decrypt" placeholder, so group rooms get the default rules' outcome.
    const details = this.client.getPushDetailsForEvent(readable ? event : new MatrixEvent({ ...event.event, room_id: room.roomId }), true);
    const actions = details?.actions;
    const sender = event.getSender() ?? '';
    const member = room.getMember(sender);
    const content = readable ? event.getContent() : {};
    const sound = actions?.tweaks?.sound;
    return {
      eventId: event.getId() ?? '',
      roomId: room.roomId,
      roomName: room.name,
      memberCount: room.getJoinedMemberCount(),
      sender,
      senderName: member?.name || sender,
      senderAvatarMxc: member?.getMxcAvatarUrl() ?? null,
      type: readable ? event.getType() : 'm.room.encrypted',
      msgtype: typeof content.msgtype === 'string' ? content.msgtype : null,
      body: typeof content.body === 'string' ? content.body : null,
      e2e: encryption.state,
      e2eReason: encryption.reason,
      ts: event.getTs(),
      push: { notify: actions?.notify === true, highlight: actions?.tweaks?.highlight === true, sound: typeof sound === 'string' ? sound : null, ruleId: details?.rule?.rule_id ?? null },
    };
  }

  private readonly onSync = (state: SyncState, _previous: SyncState | null, data?: { fromCache?: boolean; error?: Error }): void => {
    if (state === SyncState.Prepared || state === SyncState.Syncing) {
      let phase: SyncPhase = 'live';
      if (data?.fromCache) phase = 'cache';
      else if (state === SyncState.Prepared && this.networkSyncs++ === 0) phase = this.store.resumed ? 'catch-up' : 'initial';
      const limited = this.takeLimited();
      this.trimTimelines();
      if (phase === 'cache' || phase === 'initial') this.listener?.batch(phase, this.skipPending(), []);
      else {
        const pending = this.pending;
        this.pending = [];
        this.emitting = this.emitting.then(async () => this.listener?.batch(phase, await this.settlePending(pending, phase), limited)).catch((error: unknown) => this.options.log('error', `matrix: could not read a sync's events: ${String(error)}`));
      }
      this.scheduleCryptoSave();
      if (state === SyncState.Syncing) this.listener?.state({ state: 'syncing' });
    } else if (state === SyncState.Error || state === SyncState.Reconnecting) {
      const error = data?.error;
      if (error instanceof MatrixError && error.errcode === 'M_UNKNOWN_TOKEN') return; // onLoggedOut reports it
      this.listener?.state({ state: 'offline', message: error?.message ?? 'connection lost' });
    }
  };

  /**
   * The notifier never scrolls back, but the SDK keeps every live event for the life of the client:
   * weeks of chat in a desktop process that never restarts. Rooms past the cap start a fresh live
   * timeline (room state is kept), so memory stays flat. Done before reading the batch's events,
   * which hold their own references.
   */
  private trimTimelines(): void {
    for (const room of this.client.getRooms()) {
      if (room.getLiveTimeline().getEvents().length > maxLiveEvents) room.resetLiveTimeline(null, null);
    }
  }

  /** Rooms whose timeline the last sync cut short; cleared, so a sync's gaps are counted once. */
  private takeLimited(): LimitedRoom[] {
    const rooms = this.store.limitedInLastSync.map((roomId) => ({ roomId, notificationCount: this.store.lastRoomInfo.get(roomId)?.notificationCount ?? 0 }));
    this.store.limitedInLastSync = [];
    return rooms;
  }

  /** Live events the SDK holds for a room (for tests of the memory cap). */
  liveEventCount(roomId: string): number {
    return this.client.getRoom(roomId)?.getLiveTimeline().getEvents().length ?? 0;
  }

  /** Unread counts as the server computed them (they drop when the user reads elsewhere). */
  unreadRooms(): RoomUnread[] {
    const out: RoomUnread[] = [];
    for (const room of this.client.getRooms()) {
      if (room.getMyMembership() !== 'join') continue;
      const info = this.store.lastRoomInfo.get(room.roomId);
      out.push({ roomId: room.roomId, name: room.name, notificationCount: info?.notificationCount ?? 0, highlightCount: info?.highlightCount ?? 0, muted: this.isRoomMuted(room.roomId) });
    }
    return out;
  }

  /** Muted the way Element does it: an override rule named after the room with no actions. */
  isRoomMuted(roomId: string): boolean {
    const rule = this.client.pushRules?.global?.override?.find((r) => r.rule_id === roomId);
    return !!rule && rule.enabled && !rule.actions.some((a) => a === 'notify');
  }

  async setRoomMuted(roomId: string, muted: boolean): Promise<void> {
    if (muted) {
      await this.client.addPushRule('global', 'override' as PushRuleKind, roomId, { conditions: [{ kind: 'event_match', key: 'room_id', pattern: roomId }], actions: [] } as never);
    } else if (this.isRoomMuted(roomId)) {
      await this.client.deletePushRule('global', 'override' as PushRuleKind, roomId);
    }
    // Apply at once; the m.push_rules account data in the next sync confirms it.
    this.client.setPushRules(await this.client.getPushRules());
  }

  /** The sender's avatar as bytes: authenticated media when the server supports v1.11, legacy otherwise. */
  async avatar(mxc: string, size = 96): Promise<Buffer | null> {
    if (this.avatarCache.has(mxc)) return this.avatarCache.get(mxc) ?? null;
    let data: Buffer | null = null;
    try {
      const authenticated = await this.client.isVersionSupported('v1.11');
      const url = this.client.mxcUrlToHttp(mxc, size, size, 'crop', false, true, authenticated);
      if (url) {
        const response = await this.options.fetchFn(url, authenticated ? { headers: { authorization: `Bearer ${this.credentials.accessToken}` } } : {});
        if (response.ok) data = Buffer.from(await response.arrayBuffer());
      }
    } catch (error) {
      this.options.log('warn', `matrix: avatar ${mxc} unavailable: ${String(error)}`);
    }
    if (this.avatarCache.size > 200) this.avatarCache.clear();
    this.avatarCache.set(mxc, data);
    return data;
  }
}
