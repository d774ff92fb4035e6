// What a notification shows, per the privacy setting `matrix.notificationContent`: sender and
// message, sender only, or nothing but "New message". Encrypted events never show ciphertext.
// Pure; the texts are here (nl/en) because the notification is built outside the renderer.
import type { EventFacts } from './notification-policy.ts';

export type ContentLevel = 'full' | 'sender' | 'none';

const texts = {
  en: {
    newMessage: 'New message',
    encrypted: 'Encrypted message',
    sentMessage: (sender: string) => `${sender} sent a message`,
    summaryTitle: 'New messages',
    summary: (messages: number, conversations: number) =>
      `${messages} new ${messages === 1 ? 'message' : 'messages'} in ${conversations} ${conversations === 1 ? 'conversation' : 'conversations'}`,
    attachment: 'sent an attachment',
    call: 'Incoming call',
    invite: (sender: string) => `${sender} invited you`,
  },
  nl: {
    newMessage: 'Nieuw bericht',
    encrypted: 'Versleuteld bericht',
    sentMessage: (sender: string) => `${sender} heeft een bericht gestuurd`,
    summaryTitle: 'Nieuwe berichten',
    summary: (messages: number, conversations: number) =>
      `${messages} ${messages === 1 ? 'nieuw bericht' : 'nieuwe berichten'} in ${conversations} ${conversations === 1 ? 'gesprek' : 'gesprekken'}`,
    attachment: 'heeft een bijlage gestuurd',
    call: 'Inkomend gesprek',
    invite: (sender: string) => `${sender} heeft je uitgenodigd`,
  },
};

export function textsFor(locale: string) {
  return locale.toLowerCase().startsWith('nl') ? texts.nl : texts.en;
}

const maxBody = 200;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > maxBody ? `${oneLine.slice(0, maxBody - 1)}…` : oneLine;
}

export interface NotificationText {
  title: string;
  body: string;
  /** Show the sender's avatar (not when the setting hides who wrote). */
  showAvatar: boolean;
}

/** Title and body for one event. One-to-one rooms are titled by the sender, group rooms by the room. */
export function notificationText(event: EventFacts, level: ContentLevel, locale: string): NotificationText {
  const t = textsFor(locale);
  if (level === 'none') return { title: 'Werkplek', body: t.newMessage, showAvatar: false };
  const isDirect = event.memberCount <= 2;
  const title = isDirect ? event.senderName : event.roomName;
  // Invites and calls say what they are, at every content level but `none`.
  if (event.type === 'm.room.member') return { title: event.roomName, body: t.invite(event.senderName), showAvatar: true };
  if (event.type === 'm.call.invite') return { title, body: t.call, showAvatar: true };
  if (level === 'sender' || event.type === 'm.room.encrypted') {
    const what = event.type === 'm.room.encrypted' ? t.encrypted : t.sentMessage(event.senderName);
    return { title, body: isDirect || level === 'sender' ? what : `${event.senderName}: ${what}`, showAvatar: true };
  }
  let message: string;
  if (event.body === null) message = t.newMessage;
  else if (event.msgtype === 'm.emote') message = `* ${event.senderName} ${event.body}`;
  else if (event.msgtype && ['m.image', 'm.file', 'm.video', 'm.audio'].includes(event.msgtype)) message = t.attachment;
  else message = event.body;
  message = shorten(message);
  return { title, body: isDirect || event.msgtype === 'm.emote' ? message : `${event.senderName}: ${message}`, showAvatar: true };
}

export function summaryText(messages: number, conversations: number, locale: string): { title: string; body: string } {
  const t = textsFor(locale);
  return { title: t.summaryTitle, body: t.summary(messages, conversations) };
}
