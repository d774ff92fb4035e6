// Which web permission a hosted app gets (checklist #5, RELIABILITY scenario 46). Deny by default:
// a permission is granted only when it is grantable at all, on the app's allow-list, asked by one
// of the app's own origins (for a subframe the embedding page must be the app's too), and — for
// notifications — not during do-not-disturb. The same function serves the request handler and the
// check handler, so `Notification.permission` and the actual prompt can never disagree.
import type { AppDefinition } from '../config/catalog-schema.ts';
import { appOrigins, webOrigin } from './origins.ts';

/**
 * What an app may be granted at all. Geolocation, USB, serial, HID, MIDI, NFC, sensors,
 * openExternal, file system, idle detection, window management, … are never granted, whatever
 * the catalog says: a workplace web app has no business there, and each is a fingerprinting or
 * device-access surface.
 */
export const grantablePermissions = new Set(['notifications', 'media', 'clipboard-sanitized-write', 'clipboard-read', 'fullscreen', 'display-capture']);

export interface PermissionQuery {
  /** The catalog app that owns the web contents, or null (the shell UI, an unknown view). */
  app: (Pick<AppDefinition, 'url' | 'origins' | 'permissions'> & Partial<Pick<AppDefinition, 'kind'>>) | null;
  permission: string;
  /** URL or origin of the frame that asks. */
  requestingOrigin: string;
  /** Origin of the top page when a subframe asks (the check handler gives it). */
  embeddingOrigin?: string | undefined;
  isMainFrame: boolean;
  doNotDisturb: boolean;
  /**
   * Werkplek's own Matrix notifier is signed in: a chat app's HTML5 notifications are then
   * suppressed, so one message gives one notification (DESIGN.md, Matrix notifications).
   */
  chatNotifierActive?: boolean;
}

export type PermissionVerdict = { allow: true } | { allow: false; reason: string };

export function decidePermission(query: PermissionQuery): PermissionVerdict {
  if (!query.app) return { allow: false, reason: 'not a hosted app' };
  if (!grantablePermissions.has(query.permission)) return { allow: false, reason: `${query.permission} is never granted` };
  if (!(query.app.permissions as readonly string[]).includes(query.permission)) return { allow: false, reason: `${query.permission} is not on this app's allow-list` };
  const origins = appOrigins(query.app);
  const origin = webOrigin(query.requestingOrigin);
  if (!origin || !origins.has(origin)) return { allow: false, reason: `${origin ?? query.requestingOrigin} is not one of this app's origins` };
  if (!query.isMainFrame && query.embeddingOrigin !== undefined && query.embeddingOrigin !== '') {
    const embedding = webOrigin(query.embeddingOrigin);
    if (!embedding || !origins.has(embedding)) return { allow: false, reason: 'embedded in a page that is not this app' };
  }
  if (query.permission === 'notifications' && query.doNotDisturb) return { allow: false, reason: 'do-not-disturb is on' };
  if (query.permission === 'notifications' && query.app.kind === 'chat' && query.chatNotifierActive) return { allow: false, reason: 'Werkplek already notifies about chat messages' };
  return { allow: true };
}
