// The sync panel: where the files live, what sync is doing, what needs the user, and the
// controls (pause/resume, sync now, open folder, sign in/out).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context.tsx';
import { formatSince } from './format.ts';
import { SignIn } from './SignIn.tsx';
import { SyncLists } from './SyncLists.tsx';
import { DeleteQuestion } from './DeleteQuestion.tsx';
import { SyncProgress } from './SyncProgress.tsx';
import { SyncAccounts } from './SyncAccounts.tsx';
import { explained } from './explained-states.ts';
import { TechnicalDetails } from '../shared/TechnicalDetails.tsx';
import { syncSummaryKey } from './SyncStatus.tsx';
import { useSyncState } from './use-sync-state.ts';
import './sync.css';


export function SyncPanel() {
  const { t, i18n } = useTranslation('sync');
  const api = useBridge();
  const state = useSyncState();
  const [wantsSignIn, setWantsSignIn] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  if (!state) return <p role="status">{t('loading')}</p>;
  const act = (work: () => Promise<unknown>) => () => {
    setActionError(null);
    work().catch((e: unknown) => setActionError((e as Error).message));
  };
  const signingIn = state.state === 'not-configured' || state.state === 'needs-sign-in' || state.pendingLogin !== null || wantsSignIn;
  const summary = t(syncSummaryKey(state), {
    done: state.progress.filesDone, total: state.progress.filesTotal, count: state.errors.length,
    since: state.lastSyncAt ? formatSince(state.lastSyncAt, i18n.language) : '',
  });
  return (
    <div className="sync-panel">
      <h1 id="sync-title">{t('title')}</h1>
      <p role="status" aria-live="polite" className="sync-state">
        {summary}
      </p>
      {/* What the state means and what to do, in the person's language; the engine's own words
          (English, technical) only folded away for IT. Held deletions have their question below. */}
      {explained.has(state.state) && (
        <>
          <p>{t(`explain.${state.state}`)}</p>
          <TechnicalDetails text={state.message} />
        </>
      )}
      {state.demo && <p className="muted">{t('demo')}</p>}
      {state.localDir && (
        <dl className="sync-where">
          <dt>{t('where.local')}</dt>
          <dd><bdi>{state.localDir}</bdi></dd>
          {state.serverUrl && <><dt>{t('where.server')}</dt><dd><bdi>{state.user ? `${state.user} @ ${state.serverUrl}` : state.serverUrl}</bdi></dd></>}
          {state.lastSyncAt && <><dt>{t('where.last')}</dt><dd><time dateTime={state.lastSyncAt}>{new Date(state.lastSyncAt).toLocaleString(i18n.language)}</time></dd></>}
        </dl>
      )}
      <DeleteQuestion state={state} />
      {state.localDir && (
        <div className="sync-actions">
          {state.state === 'paused'
            ? <button type="button" onClick={act(() => api['sync.resume']({}))}>{t('actions.resume')}</button>
            : <button type="button" onClick={act(() => api['sync.pause']({}))}>{t('actions.pause')}</button>}
          <button type="button" onClick={act(() => api['sync.now']({}))} disabled={state.state === 'syncing' || state.state === 'paused'}>{t('actions.now')}</button>
          <button type="button" onClick={act(() => api['sync.openFolder']({}))}>{t('actions.openFolder')}</button>
          {!state.demo && state.user && <button type="button" onClick={act(() => api['sync.signOut']({}))}>{t('actions.signOut')}</button>}
          {state.demo && !wantsSignIn && <button type="button" onClick={() => setWantsSignIn(true)}>{t('actions.connect')}</button>}
        </div>
      )}
      {actionError && <p role="alert" className="error">{actionError}</p>}
      <SyncProgress state={state} />
      {signingIn && <SignIn state={state} />}
      <SyncLists state={state} onSignIn={() => setWantsSignIn(true)} />
      <SyncAccounts />
    </div>
  );
}
