// The shell: which app is shown, badges, downloads. In Electron the main process lays out the tab
// views; in the preview host the renderer shows apps in iframes.
import { z } from 'zod';
import { command, noInput } from './define.ts';

export const panelSchema = z.enum(['settings', 'sync', 'notifications', 'downloads']);
export type Panel = z.infer<typeof panelSchema>;

export const badgesSchema = z.record(z.string(), z.number().int().min(0));

export const shellCommands = {
  'shell.activate': command(z.object({ appId: z.string() }).strict(), z.object({ appId: z.string() })),
  'shell.badges': command(noInput, badgesSchema),
  /** A shell panel (settings, sync, notifications) covers the app area; the app view is hidden meanwhile. */
  'shell.setPanel': command(z.object({ panel: panelSchema.nullable() }).strict(), z.object({ panel: panelSchema.nullable() })),
  'shell.reportTitle': command(z.object({ appId: z.string(), title: z.string().max(1000) }).strict(), badgesSchema),
} as const;

export const shellEvents = {
  'shell.badges': badgesSchema,
  'shell.activate': z.object({ appId: z.string(), path: z.string().optional() }),
  'shell.panel': z.object({ panel: panelSchema.nullable() }),
} as const;
