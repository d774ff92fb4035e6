// Why verifying the notifier's device failed, as codes the renderer translates (nl/en). Pure, so
// the bridge handlers can recognise them without loading the SDK.
export const verificationErrorKinds = ['not-signed-in', 'malformed-recovery-key', 'wrong-recovery-key', 'no-secret-storage', 'no-cross-signing'] as const;
export type VerificationErrorKind = (typeof verificationErrorKinds)[number];

export function isVerificationErrorKind(kind: unknown): kind is VerificationErrorKind {
  return verificationErrorKinds.includes(kind as VerificationErrorKind);
}

/** A verification that failed for a reason the user can act on; `kind` is translated in the renderer. */
export class MatrixVerificationError extends Error {
  readonly kind: VerificationErrorKind;
  constructor(kind: VerificationErrorKind, message: string) {
    super(message);
    this.name = 'MatrixVerificationError';
    this.kind = kind;
  }
}
