// Unread counts from a page title, per the app's badge rule: "(3) Inbox" → 3, "[12] Chat" → 12.
// The tray shows the sum of the enabled apps' badges (the chat app's badge is the Matrix
// notifier's unread-conversation count while it is signed in, so Matrix is not added twice).
import type { AppDefinition } from '../config/catalog-schema.ts';

const titleCount = /^\s*[([](\d{1,5})\+?[)\]]/;

export function badgeFromTitle(rule: AppDefinition['badge'], title: string): number {
  if (rule !== 'title-count') return 0;
  const match = titleCount.exec(title);
  return match ? Number(match[1]) : 0;
}

export function totalBadge(badges: Record<string, number>): number {
  return Object.values(badges).reduce((sum, count) => sum + (Number.isFinite(count) && count > 0 ? count : 0), 0);
}

/** The tray's count: the badges of apps that are still enabled. */
export function trayCount(badges: Record<string, number>, enabledAppIds: readonly string[]): number {
  return totalBadge(Object.fromEntries(Object.entries(badges).filter(([id]) => enabledAppIds.includes(id))));
}

/** Tray tooltip and label text: "Werkplek", "Werkplek — 5 unread", 99+ above 99. */
export function trayLabel(count: number, unreadWord: string): string {
  if (count <= 0) return 'Werkplek';
  return `Werkplek — ${count > 99 ? '99+' : count} ${unreadWord}`;
}
