// What one account's sync is doing, shared by the first account's panel and each added account's
// block: the summary line, what the state means and what to do (in the person's language; the
// engine's own words only folded away for IT), and the everyday controls.
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import { useBridge } from '../bridge/context.tsx';
import { TechnicalDetails } from '../shared/TechnicalDetails.tsx';
import { explained } from './explained-states.ts';
import { formatSince } from './format.ts';
import { syncSummaryKey } from './SyncStatus.tsx';

export function SyncStateSummary({ state }: { state: SyncState }) {
  const { t, i18n } = useTranslation('sync');
  const summary = t(syncSummaryKey(state), {
    done: state.progress.filesDone, total: state.progress.filesTotal, count: state.errors.length,
    since: state.lastSyncAt ? formatSince(state.lastSyncAt, i18n.language) : '',
  });
  return (
    <>
      <p role="status" aria-live="polite" className="sync-state">{summary}</p>
      {explained.has(state.state) && (
        <>
          <p>{t(`explain.${state.state}`)}</p>
          <TechnicalDetails text={state.message} />
        </>
      )}
    </>
  );
}

/** Pause or resume, sync now, open the folder; `act` runs a command and shows its failure. `account`: an added account's id. */
export function SyncControls({ state, account, act }: { state: SyncState; account?: string; act: (work: () => Promise<unknown>) => () => void }) {
  const { t } = useTranslation('sync');
  const api = useBridge();
  return (
    <>
      {state.state === 'paused'
        ? <button type="button" onClick={act(() => api['sync.resume']({ account }))}>{t('actions.resume')}</button>
        : <button type="button" onClick={act(() => api['sync.pause']({ account }))}>{t('actions.pause')}</button>}
      <button type="button" onClick={act(() => api['sync.now']({ account }))} disabled={state.state === 'syncing' || state.state === 'paused'}>{t('actions.now')}</button>
      <button type="button" onClick={act(() => api['sync.openFolder']({ account }))}>{t('actions.openFolder')}</button>
    </>
  );
}
