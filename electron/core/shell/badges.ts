// Unread counts from a page title, per the app's badge rule: "(3) Inbox" → 3, "[12] Chat" → 12.
import type { AppDefinition } from '../config/catalog-schema.ts';

const titleCount = /^\s*[([](\d{1,5})\+?[)\]]/;

export function badgeFromTitle(rule: AppDefinition['badge'], title: string): number {
  if (rule !== 'title-count') return 0;
  const match = titleCount.exec(title);
  return match ? Number(match[1]) : 0;
}

export function totalBadge(badges: Record<string, number>): number {
  return Object.values(badges).reduce((sum, count) => sum + count, 0);
}
