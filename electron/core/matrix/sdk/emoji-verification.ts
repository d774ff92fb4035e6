// Interactive emoji verification (SAS) started from another of the user's own sessions (Element:
// "Verify other device"): the notifier accepts, shows the seven emoji both sides compute, and the
// person confirms they match. Requests from other users are ignored: the notifier only ever proves
// its own device. One request at a time; a new one replaces an unfinished one.
import { CryptoEvent, VerificationPhase, VerificationRequestEvent, VerifierEvent, type ShowSasCallbacks, type VerificationRequest } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { MatrixClient } from 'matrix-js-sdk';

export type EmojiVerificationState =
  | { phase: 'none' }
  /** Another own session asks to verify this one; accept to go on. */
  | { phase: 'requested'; otherDeviceId: string }
  /** Accepted; the other session starts the emoji comparison. */
  | { phase: 'waiting'; otherDeviceId: string }
  | { phase: 'compare'; otherDeviceId: string; emojis: Array<{ emoji: string; name: string }> }
  | { phase: 'done'; otherDeviceId: string }
  | { phase: 'cancelled'; otherDeviceId: string; reason: string };

export class EmojiVerification {
  private readonly client: MatrixClient;
  private readonly onChange: (state: EmojiVerificationState) => void;
  private request: VerificationRequest | null = null;
  private sas: ShowSasCallbacks | null = null;
  private verifying = false;
  private current: EmojiVerificationState = { phase: 'none' };

  constructor(client: MatrixClient, onChange: (state: EmojiVerificationState) => void) {
    this.client = client;
    this.onChange = onChange;
    client.on(CryptoEvent.VerificationRequestReceived, this.onRequest);
  }

  get state(): EmojiVerificationState {
    return this.current;
  }

  stop(): void {
    this.client.off(CryptoEvent.VerificationRequestReceived, this.onRequest);
    this.request?.off(VerificationRequestEvent.Change, this.onRequestChange);
    this.request = null;
  }

  async accept(): Promise<void> {
    const request = this.request;
    if (!request || this.current.phase !== 'requested') throw new Error('there is no verification request to accept');
    await request.accept();
    this.set({ phase: 'waiting', otherDeviceId: request.otherDeviceId ?? '' });
    this.onRequestChange();
  }

  /** The person compared the emoji: they match (the device is verified) or not (cancelled as a mismatch). */
  async confirm(match: boolean): Promise<void> {
    const sas = this.sas;
    if (!sas || this.current.phase !== 'compare') throw new Error('there are no emoji to confirm');
    this.sas = null;
    if (match) await sas.confirm();
    else sas.mismatch();
  }

  async cancel(): Promise<void> {
    await this.request?.cancel();
  }

  private set(state: EmojiVerificationState): void {
    this.current = state;
    this.onChange(state);
  }

  private readonly onRequest = (request: VerificationRequest): void => {
    if (!request.isSelfVerification || request.initiatedByMe) return;
    this.request?.off(VerificationRequestEvent.Change, this.onRequestChange);
    if (this.request && this.request.pending) void this.request.cancel().catch(() => undefined);
    this.request = request;
    this.sas = null;
    this.verifying = false;
    request.on(VerificationRequestEvent.Change, this.onRequestChange);
    this.set({ phase: 'requested', otherDeviceId: request.otherDeviceId ?? '' });
  };

  private readonly onRequestChange = (): void => {
    const request = this.request;
    if (!request) return;
    const otherDeviceId = request.otherDeviceId ?? '';
    if (request.phase === VerificationPhase.Cancelled) {
      if (this.current.phase !== 'cancelled') this.set({ phase: 'cancelled', otherDeviceId, reason: request.cancellationCode ?? 'cancelled' });
    } else if (request.phase === VerificationPhase.Done) {
      if (this.current.phase !== 'done') this.set({ phase: 'done', otherDeviceId });
    } else if (request.phase === VerificationPhase.Started && request.verifier && !this.verifying) {
      this.verifying = true;
      const verifier = request.verifier;
      verifier.on(VerifierEvent.ShowSas, (sas) => {
        this.sas = sas;
        this.set({ phase: 'compare', otherDeviceId, emojis: (sas.sas.emoji ?? []).map(([emoji, name]) => ({ emoji, name })) });
      });
      // Resolves when both sides confirmed; rejects when either cancels (the request's phase reports it).
      verifier.verify().catch(() => undefined);
    }
  };
}
