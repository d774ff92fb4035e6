// One state for the status bar out of every account's: the one that most needs the person (a
// question, a sign-in, a stop, problems), else syncing (progress added up), offline, paused, in
// sync (since the least recent sync), not connected. With one account it is that account's state.
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';

const order = ['needs-confirmation', 'needs-sign-in', 'error', 'problems', 'syncing', 'offline', 'paused', 'idle', 'not-configured'] as const;
const rank = (s: SyncState): number => order.indexOf(s.state === 'idle' && s.errors.length > 0 ? 'problems' : s.state);

export function overallState(states: Array<SyncState | null | undefined>): SyncState | null {
  const all = states.filter((s): s is SyncState => !!s);
  if (all.length === 0) return null;
  const top = all.reduce((a, b) => (rank(b) < rank(a) ? b : a));
  const alike = all.filter((s) => rank(s) === rank(top));
  if (top.state === 'syncing') {
    const sum = (pick: (p: SyncState['progress']) => number) => alike.reduce((n, s) => n + pick(s.progress), 0);
    return { ...top, progress: { filesDone: sum((p) => p.filesDone), filesTotal: sum((p) => p.filesTotal), bytesDone: sum((p) => p.bytesDone), bytesTotal: sum((p) => p.bytesTotal), etaSeconds: null } };
  }
  if (top.state === 'idle') {
    const errors = alike.flatMap((s) => s.errors);
    const times = alike.map((s) => s.lastSyncAt);
    // "In sync since" is only as recent as the account that synced least recently.
    const lastSyncAt = times.includes(null) ? null : times.reduce((a, b) => (a! < b! ? a : b));
    return { ...top, errors, lastSyncAt };
  }
  return top;
}
