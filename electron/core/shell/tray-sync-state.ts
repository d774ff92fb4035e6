// The tray's one line about file sync, over every account: what needs the person (sign in again,
// an error, a question) wins over activity, and activity over rest, so a problem of an added
// account is not hidden behind the first account's "up to date". Paused only when every account
// that is set up is paused (the tray's checkbox pauses and resumes them all).
const ORDER = ['needs-sign-in', 'error', 'needs-confirmation', 'offline', 'syncing', 'paused', 'idle', 'not-configured'];

export interface TraySyncState {
  syncState: string;
  syncPaused: boolean;
}

/** `states`: each account's sync state, the first account's first. */
export function traySyncState(states: readonly string[]): TraySyncState {
  const rank = (s: string): number => (ORDER.includes(s) ? ORDER.indexOf(s) : ORDER.indexOf('syncing')); // an unknown state: busy, not rest
  const syncState = states.reduce<string | null>((best, s) => (best === null || rank(s) < rank(best) ? s : best), null) ?? 'not-configured';
  const setUp = states.filter((s) => s !== 'not-configured');
  return { syncState, syncPaused: setUp.length > 0 && setUp.every((s) => s === 'paused') };
}
