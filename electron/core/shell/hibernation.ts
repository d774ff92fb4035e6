// Idle tabs are discarded to free memory and restored on the next click. The active tab and tabs
// playing media or in a call are kept. `minutes` 0 means never.

export interface TabActivity {
  appId: string;
  /** When the tab was last shown or used (ms since epoch). */
  lastActiveAt: number;
  active: boolean;
  hibernated: boolean;
  /** Audio playing or camera/microphone in use: never discard a call. */
  busy: boolean;
}

export function tabsToHibernate(tabs: readonly TabActivity[], now: number, minutes: number): string[] {
  if (minutes <= 0) return [];
  const limit = minutes * 60_000;
  return tabs.filter((tab) => !tab.active && !tab.hibernated && !tab.busy && now - tab.lastActiveAt >= limit).map((tab) => tab.appId);
}

/** When to look again: at the earliest moment a tab can become idle enough (at least 15 s away), or null. */
export function nextHibernationCheck(tabs: readonly TabActivity[], now: number, minutes: number): number | null {
  if (minutes <= 0) return null;
  const limit = minutes * 60_000;
  const due = tabs.filter((tab) => !tab.active && !tab.hibernated).map((tab) => tab.lastActiveAt + limit);
  if (due.length === 0) return null;
  return Math.max(now + 15_000, Math.min(...due));
}
