// The accounts beyond the first, live: the answer of sync.accounts, then every sync.accounts event.
import type { SyncAccountsView } from '../../../electron/core/bridge/contract-sync-accounts.ts';
import { useBridgeState } from '../bridge/context.tsx';

export function useSyncAccounts(): SyncAccountsView | null {
  return useBridgeState('sync.accounts', 'sync.accounts');
}
