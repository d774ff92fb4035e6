// Status-bar summary of sync: one short line (in sync, syncing 3 of 10, offline, needs you) over
// every account (overall-state.ts); a button that opens the sync panel.
import { useTranslation } from 'react-i18next';
import { CircleAlert, CircleCheck, CloudOff, RefreshCw } from 'lucide-react';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import { useBridge } from '../bridge/context.tsx';
import { formatSince } from './format.ts';
import { useSyncState } from './use-sync-state.ts';
import { useSyncAccounts } from './use-sync-accounts.ts';
import { overallState } from './overall-state.ts';
import './sync.css';

export function syncSummaryKey(s: SyncState): string {
  if (s.state === 'syncing' && s.progress.filesTotal > 0) return 'summary.syncingFiles';
  if (s.state === 'idle' && s.errors.length > 0) return 'summary.idleWithErrors';
  if (s.state === 'idle' && s.lastSyncAt) return 'summary.inSyncSince';
  return `summary.${s.state}`;
}

export function SyncStatus() {
  const { t, i18n } = useTranslation('sync');
  const api = useBridge();
  const first = useSyncState();
  const added = useSyncAccounts();
  const s = overallState([first, ...(added?.accounts.map((a) => a.state) ?? [])]);
  if (!s) return null;
  const attention = s.state === 'needs-confirmation' || s.state === 'needs-sign-in' || s.state === 'error' || s.errors.length > 0;
  const text = t(syncSummaryKey(s), {
    done: s.progress.filesDone,
    total: s.progress.filesTotal,
    count: s.errors.length,
    since: s.lastSyncAt ? formatSince(s.lastSyncAt, i18n.language) : '',
  });
  const Icon = attention ? CircleAlert : s.state === 'syncing' ? RefreshCw : s.state === 'offline' ? CloudOff : CircleCheck;
  return (
    <button
      type="button"
      className={`sync-status${attention ? ' sync-status-attention' : ''}`}
      onClick={() => void api['shell.setPanel']({ panel: 'sync' })}
      aria-label={t('summary.open', { status: text })}
    >
      <Icon size={16} aria-hidden="true" /> {text}
    </button>
  );
}
