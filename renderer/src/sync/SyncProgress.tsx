// How far a sync run is: files and bytes done, and the time left when known.
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import { formatBytes, formatDuration } from './format.ts';

export function SyncProgress({ state }: { state: SyncState }) {
  const { t, i18n } = useTranslation('sync');
  const p = state.progress;
  if (state.state !== 'syncing' || p.filesTotal === 0) return null;
  return (
    <div className="sync-progress">
      <progress max={p.bytesTotal || p.filesTotal} value={p.bytesTotal ? p.bytesDone : p.filesDone} aria-label={t('progress.label')} />
      <p>
        {t('progress.files', { done: p.filesDone, total: p.filesTotal })} · {formatBytes(p.bytesDone, i18n.language)} / {formatBytes(p.bytesTotal, i18n.language)}
        {p.etaSeconds !== null && <> · {t('progress.eta', { time: formatDuration(p.etaSeconds, i18n.language) })}</>}
      </p>
    </div>
  );
}
