// The status bar's one state over several accounts: the most urgent wins, progress adds up, "in
// sync since" is the least recent sync, and one account alone is shown as it is.
import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import { overallState } from '../../../renderer/src/sync/overall-state.ts';
import { idleStatus } from '../../../electron/core/sync/status.ts';

const account = (over: Partial<SyncState>): SyncState => ({
  ...idleStatus(), localDir: '/home/jan/Werkplek', serverUrl: 'https://cloud.example.org', user: 'jan', demo: false, pendingLogin: null, ...over,
});
const progress = (filesDone: number, filesTotal: number) => ({ filesDone, filesTotal, bytesDone: filesDone * 10, bytesTotal: filesTotal * 10, etaSeconds: 5 });

describe('overallState', () => {
  it('is null without any state, and one account as it is', () => {
    expect(overallState([null, undefined])).toBeNull();
    const one = account({ state: 'offline' });
    expect(overallState([one])).toBe(one);
  });

  it('shows what needs the person first, whichever account it is', () => {
    const asks = account({ state: 'needs-confirmation', serverUrl: 'https://partner.example.org' });
    expect(overallState([account({ state: 'syncing' }), asks, account({ state: 'needs-sign-in' })])).toBe(asks);
    const signIn = account({ state: 'needs-sign-in' });
    expect(overallState([account({ state: 'error' }), signIn])).toBe(signIn);
    const problems = account({ errors: [{ path: 'a.txt', kind: 'locked', message: 'locked', action: 'retry' }], lastSyncAt: '2026-12-04T10:00:00Z' });
    expect(overallState([account({ state: 'syncing' }), problems])!.errors).toHaveLength(1);
  });

  it('adds up the progress of accounts syncing at once', () => {
    const both = overallState([account({ state: 'syncing', progress: progress(1, 4) }), account({ state: 'syncing', progress: progress(2, 6) }), account({ state: 'idle' })])!;
    expect(both.state).toBe('syncing');
    expect(both.progress).toEqual({ filesDone: 3, filesTotal: 10, bytesDone: 30, bytesTotal: 100, etaSeconds: null });
  });

  it('in sync since the least recent sync; a first run still to come is no "since"', () => {
    const early = account({ lastSyncAt: '2026-12-04T09:00:00Z' });
    const late = account({ lastSyncAt: '2026-12-04T11:00:00Z' });
    expect(overallState([late, early])!.lastSyncAt).toBe('2026-12-04T09:00:00Z');
    expect(overallState([late, account({ lastSyncAt: null })])!.lastSyncAt).toBeNull();
  });

  it('an account not connected yet does not hide the one that is in sync', () => {
    const synced = account({ lastSyncAt: '2026-12-04T09:00:00Z' });
    expect(overallState([account({ state: 'not-configured', user: null }), synced])!.state).toBe('idle');
    expect(overallState([account({ state: 'paused' }), synced])!.state).toBe('paused');
  });
});
