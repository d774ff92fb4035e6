// The shell: which app is shown, badges, the tab views' layout and navigation, find in page,
// load failures (offline page), permission notes and downloads. In Electron the main process lays
// out the tab views; in the preview host the renderer shows apps in iframes.
import { z } from 'zod';
import { command, noInput, ok } from './define.ts';

export const panelSchema = z.enum(['settings', 'sync', 'notifications', 'downloads', 'welcome']);
export type Panel = z.infer<typeof panelSchema>;

export const badgesSchema = z.record(z.string(), z.number().int().min(0));

/** The app area in CSS pixels of the shell window, as the renderer measures it. */
export const rectSchema = z
  .object({ x: z.number().min(0).max(100_000), y: z.number().min(0).max(100_000), width: z.number().min(0).max(100_000), height: z.number().min(0).max(100_000) })
  .strict();
export type Rect = z.infer<typeof rectSchema>;

export const loadStateSchema = z.object({
  appId: z.string(),
  state: z.enum(['idle', 'loading', 'ready', 'offline', 'certificate', 'error', 'hibernated']),
  /** Chromium net error code and text for failures. */
  errorCode: z.number().int().nullable(),
  errorText: z.string().nullable(),
  /** When the next automatic retry happens (ms since epoch), if one is planned. */
  retryAt: z.number().nullable(),
  url: z.string().nullable(),
});
export type LoadState = z.infer<typeof loadStateSchema>;

export const downloadSchema = z.object({
  id: z.string(),
  appId: z.string().nullable(),
  url: z.string(),
  fileName: z.string(),
  path: z.string(),
  receivedBytes: z.number().int().min(0),
  totalBytes: z.number().int().min(0),
  state: z.enum(['progressing', 'completed', 'cancelled', 'interrupted']),
  error: z.string().nullable(),
  startedAt: z.number(),
});
export type Download = z.infer<typeof downloadSchema>;

export const permissionNoteSchema = z.object({
  appId: z.string(),
  permission: z.string(),
  origin: z.string(),
  allowed: z.boolean(),
  reason: z.string().nullable(),
  at: z.number(),
});
export type PermissionNote = z.infer<typeof permissionNoteSchema>;

const appIdInput = z.object({ appId: z.string() }).strict();

export const shellCommands = {
  /**
   * Show an app. It closes an open panel, except with keepPanel: the window's own start-up
   * choice of a first app must not close a panel the user opened before the catalog arrived.
   */
  'shell.activate': command(z.object({ appId: z.string(), url: z.string().optional(), keepPanel: z.boolean().optional() }).strict(), z.object({ appId: z.string() })),
  'shell.badges': command(noInput, badgesSchema),
  /** A shell panel (settings, sync, notifications) covers the app area; the app view is hidden meanwhile. */
  'shell.setPanel': command(z.object({ panel: panelSchema.nullable() }).strict(), z.object({ panel: panelSchema.nullable() })),
  'shell.reportTitle': command(z.object({ appId: z.string(), title: z.string().max(1000) }).strict(), badgesSchema),
  /** Where the app area is (Electron lays the active tab view exactly there). */
  'shell.layout': command(rectSchema, ok),
  'shell.navigate': command(z.object({ appId: z.string(), action: z.enum(['back', 'forward', 'reload', 'home']) }).strict(), ok),
  'shell.zoom': command(z.object({ appId: z.string(), step: z.union([z.literal(1), z.literal(-1), z.literal(0)]) }).strict(), z.object({ level: z.number() })),
  'shell.find': command(z.object({ text: z.string().max(500), forward: z.boolean().default(true), findNext: z.boolean().default(false) }).strict(), ok),
  /** The find bar's text was emptied (`closed` false) or the bar was closed, by its × or a key (true: the tab takes the keyboard back). */
  'shell.stopFind': command(z.object({ closed: z.boolean().default(false) }).strict(), ok),
  'shell.loadStates': command(noInput, z.record(z.string(), loadStateSchema)),
  /** The renderer's view of the network (navigator.onLine): back online retries offline tabs at once. */
  'shell.online': command(z.object({ online: z.boolean() }).strict(), ok),
  'shell.retry': command(appIdInput, ok),
  'shell.downloads': command(noInput, z.array(downloadSchema)),
  /**
   * Start a download through Werkplek. The desktop app sees downloads itself (will-download); the
   * preview host cannot see into its iframes, so the demo apps ask for theirs with postMessage and
   * the renderer passes the link here. Only URLs inside the app's own origins are accepted.
   */
  'shell.download': command(z.object({ appId: z.string(), url: z.string().max(4000) }).strict(), downloadSchema),
  'shell.downloadAction': command(z.object({ id: z.string(), action: z.enum(['open', 'show', 'cancel', 'remove']) }).strict(), z.array(downloadSchema)),
  'shell.permissionNotes': command(noInput, z.array(permissionNoteSchema)),
} as const;

export const shellEvents = {
  'shell.badges': badgesSchema,
  'shell.activate': z.object({ appId: z.string(), path: z.string().optional(), url: z.string().optional() }),
  'shell.panel': z.object({ panel: panelSchema.nullable() }),
  'shell.load': loadStateSchema,
  'shell.downloads': z.array(downloadSchema),
  /** Ctrl+F pressed inside a tab view: open the find bar. */
  'shell.findOpen': z.object({ appId: z.string() }),
  'shell.findResult': z.object({ matches: z.number().int(), activeMatchOrdinal: z.number().int() }),
  'shell.permission': permissionNoteSchema,
} as const;
