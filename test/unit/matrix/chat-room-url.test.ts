// Room ⇄ chat-app URL, per the catalog's roomUrl pattern (Element's #/room/ROOM_ID by default).
import { describe, expect, it } from 'vitest';
import { findChatApp, roomIdFromChatUrl, roomUrlFor } from '../../../electron/core/matrix/chat-room-url.ts';
import { appDefinitionSchema } from '../../../electron/core/config/catalog-schema.ts';

const element = appDefinitionSchema.parse({ id: 'chat', name: 'Chat', url: 'https://chat.example.org/', kind: 'chat' });
const custom = appDefinitionSchema.parse({ id: 'talk', name: 'Talk', url: 'https://talk.example.org/app/', kind: 'chat', roomUrl: '/app/rooms/{roomId}?view=1' });

describe('roomUrlFor', () => {
  it("uses Element's #/room/ROOM_ID by default", () => {
    expect(roomUrlFor(element, '!abc:example.org')).toBe('https://chat.example.org/#/room/!abc:example.org');
  });
  it('follows the catalog pattern and escapes what must be escaped', () => {
    expect(roomUrlFor(custom, '!a/b?c:example.org')).toBe('https://talk.example.org/app/rooms/!a%2Fb%3Fc:example.org?view=1');
  });
});

describe('roomIdFromChatUrl', () => {
  it('reads the room from an Element URL, also with an event id or query', () => {
    expect(roomIdFromChatUrl(element, 'https://chat.example.org/#/room/!abc:example.org')).toBe('!abc:example.org');
    expect(roomIdFromChatUrl(element, 'https://chat.example.org/#/room/!abc:example.org/$event')).toBe('!abc:example.org');
    expect(roomIdFromChatUrl(element, 'https://chat.example.org/#/room/%21abc%3Aexample.org?via=x')).toBe('!abc:example.org');
  });
  it('is the inverse of roomUrlFor for a custom pattern', () => {
    expect(roomIdFromChatUrl(custom, roomUrlFor(custom, '!a/b?c:example.org'))).toBe('!a/b?c:example.org');
  });
  it('null for pages that show no room, or another site', () => {
    expect(roomIdFromChatUrl(element, 'https://chat.example.org/#/home')).toBeNull();
    expect(roomIdFromChatUrl(element, 'https://evil.example.com/#/room/!abc:example.org')).toBeNull();
    expect(roomIdFromChatUrl(element, 'https://chat.example.org/#/room/not-a-room')).toBeNull();
  });
});

describe('findChatApp', () => {
  it('the first app of kind chat', () => {
    const portal = appDefinitionSchema.parse({ id: 'portal', name: 'Portal', url: 'https://portal.example.org/', kind: 'portal' });
    expect(findChatApp([portal, element, custom])?.id).toBe('chat');
    expect(findChatApp([portal])).toBeNull();
  });
});
