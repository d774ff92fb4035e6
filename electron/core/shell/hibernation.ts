// Idle tabs are discarded to free memory and restored on the next click. A tab is kept when
// discarding it would lose something the person relies on: the active tab; a tab playing media or
// in a call (`busy`); one showing a badge (its count would freeze); one holding the notification
// permission (its mail, calendar or chat notifications would stop); an app the policy opts out
// (`hibernate: false` in its catalog entry). `minutes` 0 means never. Discarding itself asks the
// page first (beforeunload, tab-views.ts): a page with unsaved work is kept.

export interface TabActivity {
  appId: string;
  /** When the tab was last shown or used (ms since epoch). */
  lastActiveAt: number;
  active: boolean;
  hibernated: boolean;
  /** Audio or video playing, or camera/microphone/screen in use: never discard a call. */
  busy: boolean;
  /** The app shows an unread count. */
  badge?: boolean;
  /** The page holds the notification permission (it was granted to it). */
  notifications?: boolean;
  /** The policy says this app is never hibernated. */
  optOut?: boolean;
}

export type KeepReason = 'active' | 'hibernated' | 'busy' | 'badge' | 'notifications' | 'policy';

/** Why a tab may not be hibernated now, or null when it may (once idle long enough). */
export function keepReason(tab: TabActivity): KeepReason | null {
  if (tab.active) return 'active';
  if (tab.hibernated) return 'hibernated';
  if (tab.optOut) return 'policy';
  if (tab.busy) return 'busy';
  if (tab.badge) return 'badge';
  if (tab.notifications) return 'notifications';
  return null;
}

export function tabsToHibernate(tabs: readonly TabActivity[], now: number, minutes: number): string[] {
  if (minutes <= 0) return [];
  const limit = minutes * 60_000;
  return tabs.filter((tab) => keepReason(tab) === null && now - tab.lastActiveAt >= limit).map((tab) => tab.appId);
}

/**
 * When to look again: at the earliest moment a tab can become idle enough (at least 15 s away);
 * a tab kept for a reason that can pass (media, badge) is looked at again after a minute; null
 * when no tab can ever be hibernated.
 */
export function nextHibernationCheck(tabs: readonly TabActivity[], now: number, minutes: number): number | null {
  if (minutes <= 0) return null;
  const limit = minutes * 60_000;
  const due = tabs
    .map((tab) => ({ tab, reason: keepReason(tab) }))
    .filter(({ reason }) => reason === null || reason === 'busy' || reason === 'badge' || reason === 'notifications')
    .map(({ tab, reason }) => (reason === null ? tab.lastActiveAt + limit : Math.max(tab.lastActiveAt + limit, now + 60_000)));
  if (due.length === 0) return null;
  return Math.max(now + 15_000, Math.min(...due));
}
