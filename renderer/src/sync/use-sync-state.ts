// The sync state, live: the answer of sync.state, then every sync.state event.
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import { useBridgeState } from '../bridge/context.tsx';

export function useSyncState(): SyncState | null {
  return useBridgeState('sync.state', 'sync.state');
}
