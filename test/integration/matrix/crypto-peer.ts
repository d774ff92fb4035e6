// "Other people" with end-to-end encryption: a real matrix-js-sdk client with Rust crypto (in-memory
// store) that syncs against the test homeserver and sends real Megolm-encrypted messages. Also
// plays "alice on her phone" (Element) that sets up cross-signing, secret storage and key backup.
import { ClientEvent, createClient, SyncState, type MatrixClient } from 'matrix-js-sdk';
import { quietLogger, routeSdkRootLogger } from '../../../electron/core/matrix/sdk/sdk-logger.ts';
import { waitFor } from './harness.ts';

export class CryptoPeer {
  readonly client: MatrixClient;
  readonly password: string;
  /** The secret storage key this session holds once recovery is set up (Element caches it too). */
  private secretStorageKey: Uint8Array<ArrayBuffer> | null = null;

  private constructor(client: MatrixClient, password: string) {
    this.client = client;
    this.password = password;
  }

  static async login(baseUrl: string, user: string, password: string): Promise<CryptoPeer> {
    routeSdkRootLogger(null);
    const login = await createClient({ baseUrl, logger: quietLogger }).loginRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user }, password, initial_device_display_name: `${user}'s Element` });
    let peer: CryptoPeer | null = null;
    const cryptoCallbacks = {
      getSecretStorageKey: async ({ keys }: { keys: Record<string, unknown> }): Promise<[string, Uint8Array<ArrayBuffer>] | null> =>
        peer?.secretStorageKey ? [Object.keys(keys)[0]!, peer.secretStorageKey] : null,
    };
    const client = createClient({ baseUrl, accessToken: login.access_token, userId: login.user_id, deviceId: login.device_id, logger: quietLogger, cryptoCallbacks });
    await client.initRustCrypto({ useIndexedDB: false });
    peer = new CryptoPeer(client, password);
    const prepared = new Promise<void>((resolve) => {
      const onSync = (state: SyncState) => {
        if (state !== SyncState.Prepared && state !== SyncState.Syncing) return;
        client.off(ClientEvent.Sync, onSync);
        resolve();
      };
      client.on(ClientEvent.Sync, onSync);
    });
    await client.startClient({ initialSyncLimit: 5, lazyLoadMembers: true });
    await prepared;
    return peer;
  }

  get userId(): string {
    return this.client.getUserId()!;
  }

  get deviceId(): string {
    return this.client.getDeviceId()!;
  }

  /** Waits until this client's view of the room has `userIds` joined (needed before encrypting to them). */
  async seesJoined(roomId: string, userIds: string[]): Promise<void> {
    await waitFor(`${this.userId} sees ${userIds.join(', ')} joined ${roomId}`, () => {
      const room = this.client.getRoom(roomId);
      return room && room.hasEncryptionStateEvent() && userIds.every((id) => room.getMember(id)?.membership === 'join');
    });
  }

  /**
   * Waits until this client knows every device of `userId` that has keys on the server (`deviceIds`):
   * a message encrypted before that would not share its key with a device that just signed in.
   */
  async knowsDevices(userId: string, deviceIds: string[]): Promise<void> {
    let known = new Set<string>();
    const poll = async () => {
      known = new Set((await this.client.getCrypto()!.getUserDeviceInfo([userId], true)).get(userId)?.keys() ?? []);
    };
    await waitFor(`${this.userId} knows ${userId}'s devices`, () => {
      void poll();
      return deviceIds.every((id) => known.has(id));
    });
  }

  async sendText(roomId: string, body: string, mentions?: { user_ids?: string[]; room?: boolean }): Promise<string> {
    const content = { msgtype: 'm.text', body, ...(mentions ? { 'm.mentions': mentions } : {}) };
    return (await this.client.sendEvent(roomId, 'm.room.message' as never, content as never)).event_id;
  }

  /** What Element's "Set up recovery" does: cross-signing, secret storage and a key backup; returns the recovery key. */
  async setUpRecovery(): Promise<string> {
    const crypto = this.client.getCrypto()!;
    const generated = await crypto.createRecoveryKeyFromPassphrase();
    this.secretStorageKey = generated.privateKey;
    await crypto.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: async (makeRequest) => void (await makeRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: this.userId }, password: this.password } as never)),
    });
    await crypto.bootstrapSecretStorage({ createSecretStorageKey: async () => generated, setupNewSecretStorage: true, setupNewKeyBackup: true });
    return generated.encodedPrivateKey!;
  }

  stop(): void {
    this.client.stopClient();
  }
}
