// Verifying the notifier's device with the user's recovery key, as Element's "Verify with Security
// Key": the key opens Secure Secret Storage, which holds the cross-signing keys (the device is then
// cross-signed, so the user's other sessions and senders who share only with verified devices trust
// it) and the key backup's key (room keys for messages this device missed are restored). Never
// creates new cross-signing keys or a new backup: that would reset the user's identity elsewhere.
import { decodeRecoveryKey } from 'matrix-js-sdk/lib/crypto-api/recovery-key.js';
import type { MatrixClient } from 'matrix-js-sdk';
import { MatrixVerificationError } from '../verification-errors.ts';

export interface VerificationState {
  /** This device is signed by the user's self-signing key (verified for the user's other sessions). */
  verified: boolean;
  /** The account has secret storage (a recovery key can verify this device). */
  recoveryAvailable: boolean;
  /** Room keys come from and go to the server-side key backup. */
  keyBackup: boolean;
}

export interface VerificationResult extends VerificationState {
  /** Room keys restored from the backup (null when there is no backup). */
  restoredKeys: number | null;
}

/** Where the secret storage key waits while the SDK asks for it (cryptoCallbacks.getSecretStorageKey). */
export class SecretStorageKeyHolder {
  private key: { keyId: string; key: Uint8Array<ArrayBuffer> } | null = null;

  readonly callbacks = {
    getSecretStorageKey: async ({ keys }: { keys: Record<string, unknown> }): Promise<[string, Uint8Array<ArrayBuffer>] | null> => {
      const held = this.key;
      return held && held.keyId in keys ? [held.keyId, held.key] : null;
    },
  };

  /** Lends the key for the duration of `work` only: it is not kept in memory after. */
  async with<T>(keyId: string, key: Uint8Array<ArrayBuffer>, work: () => Promise<T>): Promise<T> {
    this.key = { keyId, key };
    try {
      return await work();
    } finally {
      this.key = null;
      key.fill(0);
    }
  }
}

export async function verificationState(client: MatrixClient): Promise<VerificationState> {
  const crypto = client.getCrypto();
  if (!crypto) return { verified: false, recoveryAvailable: false, keyBackup: false };
  const status = await crypto.getDeviceVerificationStatus(client.getUserId()!, client.getDeviceId()!);
  return {
    verified: status?.crossSigningVerified === true,
    recoveryAvailable: (await client.secretStorage.getDefaultKeyId()) !== null,
    keyBackup: (await crypto.getActiveSessionBackupVersion()) !== null,
  };
}

export async function verifyWithRecoveryKey(client: MatrixClient, holder: SecretStorageKeyHolder, recoveryKey: string): Promise<VerificationResult> {
  const crypto = client.getCrypto();
  if (!crypto) throw new MatrixVerificationError('not-signed-in', 'sign in to Matrix first');
  let key: Uint8Array<ArrayBuffer>;
  try {
    key = decodeRecoveryKey(recoveryKey.trim());
  } catch {
    throw new MatrixVerificationError('malformed-recovery-key', 'this is not a recovery key: it has 48 letters and digits in groups of four, starting with "E"');
  }
  const defaultKey = await client.secretStorage.getKey();
  if (!defaultKey) throw new MatrixVerificationError('no-secret-storage', 'this account has no recovery key yet: set one up in Element first');
  const [keyId, keyInfo] = defaultKey;
  if (!(await client.secretStorage.checkKey(key, keyInfo))) throw new MatrixVerificationError('wrong-recovery-key', 'the recovery key is wrong: it does not open this account\'s secret storage');
  const crossSigningStored = await Promise.all((['m.cross_signing.master', 'm.cross_signing.self_signing', 'm.cross_signing.user_signing'] as const).map((name) => client.secretStorage.isStored(name)));
  if (crossSigningStored.some((stored) => !stored)) throw new MatrixVerificationError('no-cross-signing', 'secret storage holds no cross-signing keys: verify this device from another session instead');
  let restoredKeys: number | null = null;
  await holder.with(keyId, key, async () => {
    // Imports the cross-signing keys from secret storage and signs this device with them.
    await crypto.bootstrapCrossSigning({});
    if (await client.secretStorage.isStored('m.megolm_backup.v1')) {
      await crypto.loadSessionBackupPrivateKeyFromSecretStorage();
      const check = await crypto.checkKeyBackupAndEnable();
      if (check) restoredKeys = (await crypto.restoreKeyBackup()).imported;
    }
  });
  return { ...(await verificationState(client)), restoredKeys };
}
