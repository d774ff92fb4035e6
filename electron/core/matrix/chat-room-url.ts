// Where a room lives in the chat web app: the catalog's `roomUrl` pattern per chat app, Element's
// `#/room/ROOM_ID` by default. Both ways: room → URL (notification click) and URL → room (focus).
import type { AppDefinition } from '../config/catalog-schema.ts';

export const defaultRoomUrl = '#/room/{roomId}';

/** Room ids (`!opaque:server`) keep `!` and `:` readable, as Element writes them; anything else is escaped. */
function encodeRoomId(roomId: string): string {
  return encodeURIComponent(roomId).replace(/%21/g, '!').replace(/%3A/gi, ':');
}

/** The chat app among the enabled apps: the first of kind `chat`. */
export function findChatApp(apps: readonly AppDefinition[]): AppDefinition | null {
  return apps.find((app) => app.kind === 'chat') ?? null;
}

/** Absolute URL that opens `roomId` in `app`; the pattern may be relative to the app's URL (`#/room/…`). */
export function roomUrlFor(app: AppDefinition, roomId: string): string {
  const pattern = app.roomUrl ?? defaultRoomUrl;
  return new URL(pattern.replace('{roomId}', encodeRoomId(roomId)), app.url).href;
}

/** The room a chat tab shows, from its current URL; null when it shows no room. */
export function roomIdFromChatUrl(app: AppDefinition, url: string): string | null {
  const marker = 'werkplekroomidmarker';
  const parts = new URL((app.roomUrl ?? defaultRoomUrl).replace('{roomId}', marker), app.url).href.split(marker);
  const [before, after] = parts;
  if (parts.length !== 2 || before === undefined || after === undefined || !url.startsWith(before)) return null;
  let rest = url.slice(before.length);
  if (after) {
    const end = rest.indexOf(after);
    if (end === -1) return null;
    rest = rest.slice(0, end);
  } else {
    rest = rest.split(/[/?#]/)[0] ?? '';
  }
  let roomId: string;
  try {
    roomId = decodeURIComponent(rest);
  } catch {
    return null;
  }
  return /^[!#][^:]+:.+$/.test(roomId) ? roomId : null;
}
