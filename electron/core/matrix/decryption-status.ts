// Why an encrypted event could not be read, and whether waiting can help. Pure: takes the SDK's
// decryption failure code (DecryptionFailureCode, as a string) and names the cause for diagnostics.

/** What the notifier knows about an event's encryption when it decides. */
export type E2eState = 'none' | 'decrypted' | 'waiting-for-key' | 'undecryptable';

export type UndecryptableReason =
  /** The room key has not (yet) reached this device. */
  | 'no-key'
  /** The sender's device chose not to share the key with this device. */
  | 'withheld'
  /** Withheld because this device is not verified (the sender only shares with verified devices). */
  | 'unverified-device'
  /** The sending device is not trusted under the current settings. */
  | 'untrusted-sender'
  | 'error';

/** The bounded wait for a room key that arrives after its message (to-device later than the event). */
export const defaultKeyWaitMs = 10_000;

export function classifyDecryptionFailure(code: string | null): { reason: UndecryptableReason; worthWaiting: boolean } {
  switch (code) {
    case 'MEGOLM_UNKNOWN_INBOUND_SESSION_ID':
    case 'OLM_UNKNOWN_MESSAGE_INDEX':
    case 'HISTORICAL_MESSAGE_WORKING_BACKUP':
      return { reason: 'no-key', worthWaiting: true };
    case 'HISTORICAL_MESSAGE_NO_KEY_BACKUP':
    case 'HISTORICAL_MESSAGE_BACKUP_UNCONFIGURED':
    case 'HISTORICAL_MESSAGE_USER_NOT_JOINED':
      return { reason: 'no-key', worthWaiting: false };
    case 'MEGOLM_KEY_WITHHELD':
      return { reason: 'withheld', worthWaiting: false };
    case 'MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE':
      return { reason: 'unverified-device', worthWaiting: false };
    case 'SENDER_IDENTITY_PREVIOUSLY_VERIFIED':
    case 'UNSIGNED_SENDER_DEVICE':
    case 'UNKNOWN_SENDER_DEVICE':
      return { reason: 'untrusted-sender', worthWaiting: false };
    default:
      return { reason: 'error', worthWaiting: false };
  }
}
