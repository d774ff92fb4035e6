// The tray's sync line over every account (core/shell/tray-sync-state.ts).
import { describe, expect, it } from 'vitest';
import { traySyncState } from '../../../electron/core/shell/tray-sync-state.ts';

describe('traySyncState', () => {
  const cases: Array<[string[], string, boolean]> = [
    [['idle'], 'idle', false],
    [['paused'], 'paused', true],
    [['not-configured'], 'not-configured', false],
    [[], 'not-configured', false],
    // An added account's problem is not hidden behind the first account's rest.
    [['idle', 'needs-sign-in'], 'needs-sign-in', false],
    [['idle', 'error', 'needs-confirmation'], 'error', false],
    [['syncing', 'needs-confirmation'], 'needs-confirmation', false],
    [['idle', 'offline'], 'offline', false],
    [['idle', 'syncing'], 'syncing', false],
    // Paused only when every account that is set up is paused.
    [['paused', 'idle'], 'paused', false],
    [['paused', 'paused'], 'paused', true],
    [['not-configured', 'paused'], 'paused', true],
    [['paused', 'not-configured', 'paused'], 'paused', true],
    [['idle', 'not-configured'], 'idle', false],
    // A state this build does not know counts as busy, never as "up to date".
    [['idle', 'resyncing'], 'resyncing', false],
    [['error', 'resyncing'], 'error', false],
  ];
  it.each(cases)('%j → %s, paused %s', (states, syncState, syncPaused) => {
    expect(traySyncState(states)).toEqual({ syncState, syncPaused });
  });
});
