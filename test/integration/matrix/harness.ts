// Test harness: the spec-faithful homeserver, "other people" as plain-fetch clients, and a real
// MatrixService (matrix-js-sdk sync loop) whose outputs are recorded, with a waitFor helper.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Homeserver, type HomeserverOptions } from '../../fixtures/homeserver/homeserver.ts';
import { PlainClient } from '../../fixtures/homeserver/plain-client.ts';
import { MatrixService } from '../../../electron/core/matrix/matrix-service.ts';
import { MemoryKeyring } from '../../../electron/core/secrets/keyring.ts';
import type { DecisionRecord, NotificationRecord, NotifierSettings } from '../../../electron/core/matrix/notifier.ts';
import type { MatrixStatus } from '../../../electron/core/bridge/contract-matrix.ts';
import type { RoomUnread } from '../../../electron/core/matrix/sdk/matrix-session.ts';

export interface Recorded {
  notifications: NotificationRecord[];
  decisions: DecisionRecord[];
  statuses: MatrixStatus[];
  unread: RoomUnread[][];
  withdrawn: string[][];
  logs: string[];
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export class MatrixFixture {
  readonly hs: Homeserver;
  readonly dataDir: string;
  readonly keyring = new MemoryKeyring();
  readonly settings: NotifierSettings & { homeserver: string };
  readonly rec: Recorded = { notifications: [], decisions: [], statuses: [], unread: [], withdrawn: [], logs: [] };
  alice = '';
  bob!: PlainClient;
  service: MatrixService | null = null;
  /** The notifier's bounded wait for late room keys (short in tests). */
  keyWaitMs: number | undefined;

  private constructor(hs: Homeserver, dataDir: string) {
    this.hs = hs;
    this.dataDir = dataDir;
    this.settings = { homeserver: hs.url, content: 'full', sound: true, doNotDisturb: false, dndSchedule: { enabled: false, days: [], start: '18:00', end: '08:00' }, locale: 'en' };
  }

  static async start(options: HomeserverOptions = {}): Promise<MatrixFixture> {
    const hs = await Homeserver.start(options);
    const fixture = new MatrixFixture(hs, mkdtempSync(join(tmpdir(), 'werkplek-matrix-')));
    fixture.alice = hs.addUser('alice', 'alice-pw', 'Alice');
    hs.addUser('bob', 'bob-pw', 'Bob');
    hs.addUser('carol', 'carol-pw', 'Carol');
    fixture.bob = await PlainClient.login(hs.url, 'bob', 'bob-pw');
    return fixture;
  }

  /** A new service on the same dataDir and keyring (what an app restart is). */
  createService(): MatrixService {
    this.service = new MatrixService({
      keyring: this.keyring,
      dataDir: this.dataDir,
      log: {
        info: (m) => this.rec.logs.push(`info ${m}`),
        warn: (m) => this.rec.logs.push(`warn ${m}`),
        error: (m, d) => this.rec.logs.push(`error ${m} ${String(d)}`),
      },
      settings: () => this.settings,
      openExternal: async () => {},
      deviceName: 'Werkplek on test',
      ...(this.keyWaitMs !== undefined ? { keyWaitMs: this.keyWaitMs } : {}),
      output: {
        status: (s) => this.rec.statuses.push(s),
        notification: (n) => this.rec.notifications.push(n),
        decision: (d) => this.rec.decisions.push(d),
        unread: (rooms) => this.rec.unread.push(rooms),
        withdraw: (ids) => this.rec.withdrawn.push(ids),
      },
    });
    return this.service;
  }

  /** Signs alice in and waits until the first sync is done. */
  async signIn(): Promise<MatrixService> {
    const service = this.createService();
    await service.signInWithPassword(this.hs.url, 'alice', 'alice-pw');
    await this.untilSyncing();
    return service;
  }

  async untilSyncing(): Promise<void> {
    await waitFor('syncing', () => this.service?.status().state === 'syncing');
  }

  async as(user: 'alice' | 'carol'): Promise<PlainClient> {
    return PlainClient.login(this.hs.url, user, `${user}-pw`);
  }

  /** A room bob creates with the given members, everyone joined. */
  async room(name: string | null, members: Array<'alice' | 'carol'>): Promise<string> {
    const ids = members.map((m) => this.hs.model.userIdFor(m));
    const roomId = await this.bob.createRoom({ ...(name ? { name } : {}), invite: ids, isDirect: name === null });
    for (const m of members) await (await this.as(m)).join(roomId);
    return roomId;
  }

  decisionFor(eventId: string): DecisionRecord | undefined {
    return this.rec.decisions.find((d) => d.eventId === eventId);
  }

  async decided(eventId: string, timeoutMs?: number): Promise<DecisionRecord> {
    return waitFor(`a decision on ${eventId}`, () => this.decisionFor(eventId), timeoutMs);
  }

  async close(): Promise<void> {
    await this.service?.dispose();
    await this.hs.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
