// One account beyond the first in the Files panel: who and where, its own status, its own controls
// (pause/resume, sync now, open folder, remove), its sign-in, its "many deletions" question, its
// problems, its conflicts (with the choice) and what it did lately. Every id carries the account's id, so several blocks can share the page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncAccountsView } from '../../../electron/core/bridge/contract-sync-accounts.ts';
import { useBridge } from '../bridge/context.tsx';
import { useAsyncAction } from '../shared/use-async-action.ts';
import { TechnicalDetails } from '../shared/TechnicalDetails.tsx';
import { DeleteQuestion } from './DeleteQuestion.tsx';
import { SignIn } from './SignIn.tsx';
import { SyncProgress } from './SyncProgress.tsx';
import { SyncConflicts } from './SyncConflicts.tsx';
import { SyncActivity } from './SyncActivity.tsx';
import { SyncControls, SyncStateSummary } from './SyncStateSummary.tsx';

type Account = SyncAccountsView['accounts'][number];

function AccountProblems({ account }: { account: Account }) {
  const { t } = useTranslation('sync');
  const api = useBridge();
  const { state, id } = account;
  if (state.errors.length === 0) return null;
  return (
    <ul className="sync-list" aria-label={t('errors.heading', { count: state.errors.length })}>
      {state.errors.map((e, i) => (
        <li key={`${e.path}-${i}`}>
          <bdi className="sync-path">{e.path || '/'}</bdi>: {t(`errors.kind.${e.kind}`, { defaultValue: t('errors.kind.other') })}{' '}
          {e.action === 'retry' && <button type="button" onClick={() => void api['sync.now']({ account: id })}>{t('errors.retry')}</button>}
          <TechnicalDetails text={e.message} />
        </li>
      ))}
    </ul>
  );
}

export function AccountBlock({ account }: { account: Account }) {
  const { t, i18n } = useTranslation('sync');
  const api = useBridge();
  const action = useAsyncAction();
  const [removing, setRemoving] = useState(false);
  const { id, state } = account;
  const label = state.user && state.serverUrl ? `${state.user} @ ${state.serverUrl}` : (state.serverUrl ?? account.localDir);
  const heading = `sync-account-${id}`;
  const signingIn = state.state === 'not-configured' || state.state === 'needs-sign-in' || state.pendingLogin !== null;
  const act = (work: () => Promise<unknown>) => () => void action.run(work);
  return (
    <section className="sync-account" aria-labelledby={heading}>
      <h2 id={heading}><bdi>{label}</bdi></h2>
      <SyncStateSummary state={state} />
      <dl className="sync-where">
        <dt>{t('where.local')}</dt>
        <dd><bdi>{account.localDir}</bdi></dd>
        {account.remoteDir !== '/' && <><dt>{t('where.serverFolder')}</dt><dd><bdi>{account.remoteDir}</bdi></dd></>}
        {state.lastSyncAt && <><dt>{t('where.last')}</dt><dd><time dateTime={state.lastSyncAt}>{new Date(state.lastSyncAt).toLocaleString(i18n.language)}</time></dd></>}
      </dl>
      <DeleteQuestion state={state} account={id} />
      <div className="sync-actions">
        {state.localDir && <SyncControls state={state} account={id} act={act} />}
        {!removing && <button type="button" onClick={() => setRemoving(true)}>{t('accounts.remove')}</button>}
      </div>
      {removing && (
        <div role="group" aria-labelledby={`${heading}-remove`} className="sync-confirm">
          <p id={`${heading}-remove`}>{t('accounts.removeQuestion', { folder: account.localDir, account: label })}</p>
          <div className="sync-actions">
            <button type="button" autoFocus onClick={() => setRemoving(false)}>{t('accounts.removeKeep')}</button>
            <button type="button" disabled={action.busy} onClick={act(() => api['sync.removeAccount']({ account: id }))}>{t('accounts.removeConfirm')}</button>
          </div>
        </div>
      )}
      {action.error && <p role="alert" className="error">{action.error}</p>}
      <SyncProgress state={state} />
      {signingIn && <SignIn state={state} account={id} />}
      <AccountProblems account={account} />
      <SyncConflicts conflicts={state.conflicts} account={id} />
      {state.lastSyncAt && <SyncActivity activity={state.activity} account={id} />}
    </section>
  );
}
