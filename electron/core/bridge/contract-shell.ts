// The shell: which app is shown, badges, downloads. In Electron the main process lays out the tab
// views; in the preview host the renderer shows apps in iframes.
import { z } from 'zod';
import { command, noInput } from './define.ts';

export const badgesSchema = z.record(z.string(), z.number().int().min(0));

export const shellCommands = {
  'shell.activate': command(z.object({ appId: z.string() }).strict(), z.object({ appId: z.string() })),
  'shell.badges': command(noInput, badgesSchema),
  'shell.reportTitle': command(z.object({ appId: z.string(), title: z.string().max(1000) }).strict(), badgesSchema),
} as const;

export const shellEvents = {
  'shell.badges': badgesSchema,
  'shell.activate': z.object({ appId: z.string(), path: z.string().optional() }),
} as const;
