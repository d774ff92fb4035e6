// What a notification shows per privacy setting; encrypted events never show ciphertext.
import { describe, expect, it } from 'vitest';
import { notificationText, summaryText } from '../../../electron/core/matrix/notification-text.ts';
import type { EventFacts } from '../../../electron/core/matrix/notification-policy.ts';

function facts(over: Partial<EventFacts> = {}): EventFacts {
  return {
    eventId: '$e',
    roomId: '!r:x',
    roomName: 'Team',
    memberCount: 5,
    sender: '@bob:x',
    senderName: 'Bob',
    senderAvatarMxc: 'mxc://x/avatar',
    type: 'm.room.message',
    msgtype: 'm.text',
    body: 'Lunch at noon?',
    ts: 0,
    e2e: 'none',
    e2eReason: null,
    push: { notify: true, highlight: false, sound: null, ruleId: null },
    ...over,
  };
}

describe('notificationText', () => {
  it('full, group room: room as title, "sender: message" as body', () => {
    expect(notificationText(facts(), 'full', 'en')).toEqual({ title: 'Team', body: 'Bob: Lunch at noon?', showAvatar: true });
  });
  it('full, one-to-one: the sender as title, the message as body', () => {
    expect(notificationText(facts({ memberCount: 2 }), 'full', 'en')).toEqual({ title: 'Bob', body: 'Lunch at noon?', showAvatar: true });
  });
  it('sender only: no message text', () => {
    const text = notificationText(facts(), 'sender', 'en');
    expect(text).toEqual({ title: 'Team', body: 'Bob sent a message', showAvatar: true });
    expect(JSON.stringify(text)).not.toContain('Lunch');
  });
  it('none: nothing but "New message", no avatar', () => {
    expect(notificationText(facts(), 'none', 'en')).toEqual({ title: 'Werkplek', body: 'New message', showAvatar: false });
    expect(notificationText(facts(), 'none', 'nl-NL').body).toBe('Nieuw bericht');
  });
  it('encrypted: "Encrypted message" from the sender in the room, never ciphertext', () => {
    const encrypted = facts({ type: 'm.room.encrypted', msgtype: null, body: null });
    expect(notificationText(encrypted, 'full', 'en')).toEqual({ title: 'Team', body: 'Bob: Encrypted message', showAvatar: true });
    expect(notificationText({ ...encrypted, memberCount: 2 }, 'full', 'nl').body).toBe('Versleuteld bericht');
  });
  it('emotes and attachments', () => {
    expect(notificationText(facts({ msgtype: 'm.emote', body: 'waves' }), 'full', 'en').body).toBe('* Bob waves');
    expect(notificationText(facts({ msgtype: 'm.image', body: 'secret-plan.png' }), 'full', 'en').body).toBe('Bob: sent an attachment');
  });
  it('invites and calls say what they are', () => {
    expect(notificationText(facts({ type: 'm.room.member', msgtype: null, body: null }), 'full', 'en')).toEqual({ title: 'Team', body: 'Bob invited you', showAvatar: true });
    expect(notificationText(facts({ type: 'm.room.member', msgtype: null, body: null }), 'sender', 'nl').body).toBe('Bob heeft je uitgenodigd');
    expect(notificationText(facts({ type: 'm.call.invite', msgtype: null, body: null, memberCount: 2 }), 'full', 'en')).toEqual({ title: 'Bob', body: 'Incoming call', showAvatar: true });
    expect(notificationText(facts({ type: 'm.call.invite' }), 'none', 'en').body).toBe('New message');
  });

  it('long bodies are shortened to one line', () => {
    const body = notificationText(facts({ body: `line one\n\n${'x'.repeat(500)}`, memberCount: 2 }), 'full', 'en').body;
    expect(body.length).toBeLessThanOrEqual(200);
    expect(body).not.toContain('\n');
    expect(body.endsWith('…')).toBe(true);
  });
});

describe('summaryText', () => {
  it('counts messages and conversations, in English and Dutch', () => {
    expect(summaryText(12, 3, 'en')).toEqual({ title: 'New messages', body: '12 new messages in 3 conversations' });
    expect(summaryText(1, 1, 'en').body).toBe('1 new message in 1 conversation');
    expect(summaryText(12, 3, 'nl').body).toBe('12 nieuwe berichten in 3 gesprekken');
  });
});
