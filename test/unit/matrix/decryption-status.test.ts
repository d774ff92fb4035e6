import { describe, expect, it } from 'vitest';
import { classifyDecryptionFailure } from '../../../electron/core/matrix/decryption-status.ts';

describe('classifyDecryptionFailure', () => {
  it.each([
    ['MEGOLM_UNKNOWN_INBOUND_SESSION_ID', 'no-key', true],
    ['OLM_UNKNOWN_MESSAGE_INDEX', 'no-key', true],
    ['HISTORICAL_MESSAGE_NO_KEY_BACKUP', 'no-key', false],
    ['MEGOLM_KEY_WITHHELD', 'withheld', false],
    ['MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE', 'unverified-device', false],
    ['UNSIGNED_SENDER_DEVICE', 'untrusted-sender', false],
    ['UNKNOWN_ERROR', 'error', false],
    [null, 'error', false],
  ] as const)('%s → %s (wait: %s)', (code, reason, worthWaiting) => {
    expect(classifyDecryptionFailure(code)).toEqual({ reason, worthWaiting });
  });
});
