// Matrix notifier: sign-in (password, SSO), sign-out, the notification centre, do-not-disturb,
// per-room mute, unread counts, and the focus report the Electron adapter sends.
import { z } from 'zod';
import { command, noInput } from './define.ts';

export const matrixStatusSchema = z.object({
  state: z.enum(['not-configured', 'signed-out', 'signing-in', 'connecting', 'syncing', 'offline', 'needs-sign-in', 'error']),
  userId: z.string().nullable(),
  homeserver: z.string().nullable(),
  message: z.string().nullable(),
  unreadRooms: z.number().int(),
  highlightCount: z.number().int(),
  doNotDisturb: z.boolean(),
});
export type MatrixStatus = z.infer<typeof matrixStatusSchema>;

export const matrixNotificationSchema = z.object({
  id: z.string(),
  kind: z.enum(['message', 'summary']),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  /** data: URL of the sender's avatar thumbnail. */
  icon: z.string().nullable(),
  sound: z.boolean(),
  highlight: z.boolean(),
  ts: z.number(),
  /** False when do-not-disturb held it back (listed only). */
  popup: z.boolean(),
});
export type MatrixNotification = z.infer<typeof matrixNotificationSchema>;

export const matrixRoomSchema = z.object({
  roomId: z.string(),
  name: z.string(),
  notificationCount: z.number().int(),
  highlightCount: z.number().int(),
  muted: z.boolean(),
});
export type MatrixRoom = z.infer<typeof matrixRoomSchema>;

/** The notifier's own device: verified (cross-signed), can be verified with a recovery key, key backup on. */
export const matrixVerificationSchema = z.object({
  verified: z.boolean(),
  recoveryAvailable: z.boolean(),
  keyBackup: z.boolean(),
});
export const matrixVerifyResultSchema = matrixVerificationSchema.extend({
  /** Room keys restored from the key backup; null when none was restored. */
  restoredKeys: z.number().int().nullable(),
  /** Why verifying failed (translated in the renderer); null on success. */
  error: z.enum(['not-signed-in', 'malformed-recovery-key', 'wrong-recovery-key', 'no-secret-storage', 'no-cross-signing']).nullable(),
});
export type MatrixVerifyResult = z.infer<typeof matrixVerifyResultSchema>;

/** Emoji verification started from another of the user's sessions, as the notifier sees it. */
export const matrixEmojiVerificationSchema = z.object({
  phase: z.enum(['none', 'requested', 'waiting', 'compare', 'done', 'cancelled']),
  otherDeviceId: z.string().optional(),
  emojis: z.array(z.object({ emoji: z.string(), name: z.string() })).optional(),
  reason: z.string().optional(),
});
export type MatrixEmojiVerification = z.infer<typeof matrixEmojiVerificationSchema>;

const homeserverInput = z.string().min(1).max(2000);

export const matrixCommands = {
  'matrix.status': command(noInput, matrixStatusSchema),
  'matrix.loginFlows': command(z.object({ homeserver: homeserverInput }).strict(), z.object({ homeserver: z.string(), password: z.boolean(), sso: z.boolean() })),
  'matrix.signInPassword': command(z.object({ homeserver: homeserverInput, user: z.string().min(1).max(255), password: z.string().min(1).max(1000) }).strict(), matrixStatusSchema),
  /** Opens the system browser at the homeserver's SSO page; resolves once the loopback redirect brought a token. */
  'matrix.signInSso': command(z.object({ homeserver: homeserverInput }).strict(), matrixStatusSchema),
  /** Stops waiting for the browser during single sign-on. */
  'matrix.cancelSignIn': command(noInput, matrixStatusSchema),
  'matrix.signOut': command(noInput, matrixStatusSchema),
  'matrix.notifications': command(noInput, z.array(matrixNotificationSchema)),
  'matrix.clearNotifications': command(noInput, z.array(matrixNotificationSchema)),
  /** Switches to the chat app's tab on that room (a notification click, or a click in the centre). */
  'matrix.openRoom': command(z.object({ roomId: z.string().min(1).max(255) }).strict(), z.object({ appId: z.string().nullable(), url: z.string().nullable() })),
  'matrix.rooms': command(noInput, z.array(matrixRoomSchema)),
  /** Writes the room's push rule (as Element does), so Element and every device agree. */
  'matrix.setRoomMuted': command(z.object({ roomId: z.string().min(1).max(255), muted: z.boolean() }).strict(), z.array(matrixRoomSchema)),
  'matrix.setDoNotDisturb': command(z.object({ enabled: z.boolean() }).strict(), matrixStatusSchema),
  /** After sleep or when the network returns: sync now instead of waiting for the back-off. */
  'matrix.resume': command(noInput, matrixStatusSchema),
  'matrix.verification': command(noInput, matrixVerificationSchema),
  /** "Verify with Security Key": cross-signs the notifier's device, restores room keys from the backup. */
  'matrix.verifyWithRecoveryKey': command(z.object({ recoveryKey: z.string().min(1).max(200) }).strict(), matrixVerifyResultSchema),
  'matrix.emojiVerification': command(noInput, matrixEmojiVerificationSchema),
  'matrix.acceptEmojiVerification': command(noInput, matrixEmojiVerificationSchema),
  /** The person compared the emoji with the other session: match verifies, no match cancels. */
  'matrix.confirmEmojiVerification': command(z.object({ match: z.boolean() }).strict(), matrixEmojiVerificationSchema),
  'matrix.cancelEmojiVerification': command(noInput, matrixEmojiVerificationSchema),
  /** From the Electron adapter: the room open in the focused chat tab (null when none); its messages do not pop up. */
  'matrix.setFocusedRoom': command(z.object({ roomId: z.string().max(255).nullable() }).strict(), z.object({ roomId: z.string().nullable() })),
} as const;

export const matrixEvents = {
  'matrix.status': matrixStatusSchema,
  'matrix.notification': matrixNotificationSchema,
  /** Notifications to close: their room was read elsewhere. */
  'matrix.withdraw': z.object({ ids: z.array(z.string()) }),
  'matrix.rooms': z.array(matrixRoomSchema),
  'matrix.emojiVerification': matrixEmojiVerificationSchema,
} as const;
