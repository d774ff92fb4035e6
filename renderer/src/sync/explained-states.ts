// States the Files panel explains in a sentence of its own (the others say enough in the summary).
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';

export const explained = new Set<SyncState['state']>(['error', 'offline', 'needs-sign-in']);
