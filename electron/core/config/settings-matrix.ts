// Settings of the Matrix notifier (electron/core/matrix). IT staff preset or lock them in the policy
// file like any other key, e.g. `locked: { "matrix.homeserver": "https://matrix.example.org" }`.
import { z } from 'zod';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24-hour clock)');

export const matrixSettings = {
  /** Off: no sign-in, no notifications from Werkplek (the chat app's own web notifications pass through). */
  'matrix.enabled': z.boolean().default(true),
  /** The organisation's homeserver, e.g. https://matrix.example.org. */
  'matrix.homeserver': z.string().default(''),
  /** Last user name signed in with (to fill in the sign-in form; the token is in the keyring). */
  'matrix.user': z.string().default(''),
  /** What a notification shows: sender and message, sender only, or nothing but "New message". */
  'matrix.notificationContent': z.enum(['full', 'sender', 'none']).default('full'),
  'matrix.doNotDisturb': z.boolean().default(false),
  /** Quiet hours: on these days (0 = Sunday) from `start` to `end`; an end before the start runs into the next morning. */
  'matrix.dndSchedule': z
    .object({
      enabled: z.boolean(),
      days: z.array(z.number().int().min(0).max(6)),
      start: clockTime,
      end: clockTime,
    })
    .default({ enabled: false, days: [1, 2, 3, 4, 5], start: '18:00', end: '08:00' }),
  /** Play a sound when the push rules ask for one. */
  'matrix.sound': z.boolean().default(true),
};
