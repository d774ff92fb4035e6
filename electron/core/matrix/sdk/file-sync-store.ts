// matrix-js-sdk store that persists the sync position to a JSON file in dataDir (what IndexedDBStore
// does in a browser): a SyncAccumulator of everything synced, so a restart resumes with `since` and
// knows room names and members, and never sees old messages as new. Written atomically.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MemoryStore, SyncAccumulator, type ISyncResponse } from 'matrix-js-sdk';
import type { ISavedSync } from 'matrix-js-sdk/lib/store/index.js';

export interface SavedState {
  version: 1;
  userId: string;
  sync: ISavedSync | null;
  /** Event ids already notified (bounded), so a replayed or redelivered event never pops up twice. */
  notified: string[];
}

export interface RoomSyncInfo {
  limited: boolean;
  notificationCount: number;
  highlightCount: number;
}

const maxNotifiedIds = 2000;

export class FileSyncStore extends MemoryStore {
  private readonly file: string;
  private readonly userId: string;
  // Only the position, room state and a little timeline are needed after a restart: cached events
  // are never notified again, so a long saved timeline would only cost memory and disk.
  private readonly accumulator = new SyncAccumulator({ maxTimelineEntries: 3 });
  private readonly notifiedIds: string[] = [];
  private readonly notifiedSet = new Set<string>();
  private hadSavedSync = false;
  private dirty = false;
  /** Per room, from the last raw /sync response: limited timelines and the server's unread counts. */
  readonly lastRoomInfo = new Map<string, RoomSyncInfo>();
  /** Rooms whose timeline the last sync cut short (`limited`): it carried only the newest events. */
  limitedInLastSync: string[] = [];
  /** Called with each raw sync response, after the SDK processed it (counts for badges). */
  onSyncData: ((data: ISyncResponse) => void) | null = null;

  constructor(file: string, userId: string) {
    super();
    this.file = file;
    this.userId = userId;
    this.load();
  }

  private load(): void {
    let saved: SavedState;
    try {
      saved = JSON.parse(readFileSync(this.file, 'utf8')) as SavedState;
    } catch {
      return; // no file or unreadable: a first sync (which notifies nothing) rebuilds it
    }
    if (saved.version !== 1 || saved.userId !== this.userId) return;
    for (const id of saved.notified ?? []) this.rememberNotified(id);
    if (saved.sync?.nextBatch) {
      this.accumulator.accumulate({ next_batch: saved.sync.nextBatch, rooms: saved.sync.roomsData, account_data: { events: saved.sync.accountData } } as ISyncResponse, true);
      this.hadSavedSync = true;
    }
  }

  /** True when this store resumed a saved position (so the first network sync is a catch-up). */
  get resumed(): boolean {
    return this.hadSavedSync;
  }

  hasNotified(eventId: string): boolean {
    return this.notifiedSet.has(eventId);
  }

  rememberNotified(eventId: string): void {
    if (this.notifiedSet.has(eventId)) return;
    this.notifiedSet.add(eventId);
    this.notifiedIds.push(eventId);
    while (this.notifiedIds.length > maxNotifiedIds) this.notifiedSet.delete(this.notifiedIds.shift()!);
    this.dirty = true;
  }

  override async isNewlyCreated(): Promise<boolean> {
    return !this.hadSavedSync;
  }

  override async getSavedSync(): Promise<ISavedSync | null> {
    return this.hadSavedSync ? this.accumulator.getJSON() : null;
  }

  override async getSavedSyncToken(): Promise<string | null> {
    return this.hadSavedSync ? this.accumulator.getNextBatchToken() : null;
  }

  override async setSyncData(syncData: ISyncResponse): Promise<void> {
    this.accumulator.accumulate(syncData);
    this.limitedInLastSync = [];
    for (const [roomId, room] of Object.entries(syncData.rooms?.join ?? {})) {
      const counts = room.unread_notifications;
      const previous = this.lastRoomInfo.get(roomId);
      if (room.timeline?.limited === true) this.limitedInLastSync.push(roomId);
      this.lastRoomInfo.set(roomId, {
        limited: room.timeline?.limited === true,
        notificationCount: typeof counts?.notification_count === 'number' ? counts.notification_count : (previous?.notificationCount ?? 0),
        highlightCount: typeof counts?.highlight_count === 'number' ? counts.highlight_count : (previous?.highlightCount ?? 0),
      });
    }
    for (const roomId of Object.keys(syncData.rooms?.leave ?? {})) this.lastRoomInfo.delete(roomId);
    this.dirty = true;
    this.onSyncData?.(syncData);
  }

  /** The SDK asks after every sync; we save when the notifier flushes instead (see persist()). */
  override wantsSave(): boolean {
    return false;
  }

  /** Writes the position and the notified ids; atomic (temp file + rename). */
  persist(): void {
    if (!this.dirty) return;
    const state: SavedState = { version: 1, userId: this.userId, sync: this.accumulator.getNextBatchToken() ? this.accumulator.getJSON() : null, notified: this.notifiedIds };
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(state));
    renameSync(temp, this.file);
    this.dirty = false;
  }

  override async deleteAllData(): Promise<void> {
    await super.deleteAllData();
    rmSync(this.file, { force: true });
  }
}
