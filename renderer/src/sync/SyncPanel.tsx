// The sync panel: where the files live, what sync is doing, what needs the user, and the
// controls (pause/resume, sync now, open folder, sign in/out).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context.tsx';
import { SignIn } from './SignIn.tsx';
import { SyncLists } from './SyncLists.tsx';
import { DeleteQuestion } from './DeleteQuestion.tsx';
import { SyncProgress } from './SyncProgress.tsx';
import { SyncAccounts } from './SyncAccounts.tsx';
import { SyncControls, SyncStateSummary } from './SyncStateSummary.tsx';
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
  return (
    <div className="sync-panel">
      <h1 id="sync-title">{t('title')}</h1>
      {/* Held deletions have their question below. */}
      <SyncStateSummary state={state} />
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
          <SyncControls state={state} act={act} />
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
