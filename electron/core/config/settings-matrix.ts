// Settings of the Matrix notifier (electron/core/matrix).
import { z } from 'zod';

export const matrixSettings = {
  'matrix.homeserver': z.string().default(''),
  'matrix.user': z.string().default(''),
  'matrix.notificationContent': z.enum(['full', 'sender', 'none']).default('full'),
  'matrix.doNotDisturb': z.boolean().default(false),
  'matrix.dndSchedule': z
    .object({
      enabled: z.boolean(),
      days: z.array(z.number().int().min(0).max(6)),
      start: z.string().regex(/^\d{2}:\d{2}$/),
      end: z.string().regex(/^\d{2}:\d{2}$/),
    })
    .default({ enabled: false, days: [1, 2, 3, 4, 5], start: '18:00', end: '08:00' }),
  'matrix.sound': z.boolean().default(true),
};
