// Conflicts in the Files panel (kept by core until decided): each file changed here and on the
// server, with both versions to open, and the choice: keep mine (the edit made here), keep the
// server's, or keep both. Core moves the version not kept to the trash.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import { useBridge } from '../bridge/context.tsx';
import { TechnicalDetails } from '../shared/TechnicalDetails.tsx';
import { ItemRefusal } from './ItemRefusal.tsx';
import { useOpenItem } from './use-open-item.ts';

type Choice = 'mine' | 'theirs' | 'both';
const choiceKind = { mine: 'keptMine', theirs: 'keptTheirs', both: 'keptBoth' } as const;

/** `account`: an added account's id (its own ids in the page); absent: the first account. */
export function SyncConflicts({ conflicts, account }: { conflicts: SyncState['conflicts']; account?: string }) {
  const { t } = useTranslation('sync');
  const api = useBridge();
  const { open, refusal } = useOpenItem(account);
  const heading = account ? `sync-conflicts-${account}` : 'sync-conflicts';
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const choose = (c: SyncState['conflicts'][number], choice: Choice): void => {
    setDone(null);
    setFailure(null);
    api['sync.resolveConflict']({ conflictCopy: c.conflictCopy, choice, account }).then(
      () => setDone(`${t(`activity.kind.${choiceKind[choice]}`)}: ${c.path}`),
      (error: unknown) => setFailure((error as Error).message),
    );
  };
  if (conflicts.length === 0 && !done) return null;
  return (
    <section aria-labelledby={heading} className="sync-conflicts">
      <h2 id={heading}>{t('conflicts.heading', { count: conflicts.length })}</h2>
      {conflicts.length > 0 && <p className="muted">{t('conflicts.explain')}</p>}
      <p role="status">{done}</p>
      {failure && (
        <div role="alert" className="error">
          <p>{t('conflicts.failed')}</p>
          <TechnicalDetails text={failure} />
        </div>
      )}
      <ItemRefusal refusal={refusal} />
      <ul className="sync-list">
        {conflicts.map((c) => (
          <li key={c.conflictCopy} className="sync-conflict">
            <p><bdi className="sync-path">{c.path}</bdi></p>
            <p className="muted">
              {t('conflicts.theirs')}{' '}
              <button type="button" aria-label={t('conflicts.openTheirs', { path: c.path })} onClick={() => open(c.path, 'open')}>{t('activity.open')}</button>
              {' · '}{t('conflicts.mine')} <bdi className="sync-path">{c.conflictCopy}</bdi>{' '}
              <button type="button" aria-label={t('conflicts.openMine', { path: c.conflictCopy })} onClick={() => open(c.conflictCopy, 'open')}>{t('activity.open')}</button>
            </p>
            <div className="sync-actions" role="group" aria-label={t('conflicts.choose', { path: c.path })}>
              <button type="button" onClick={() => choose(c, 'mine')}>{t('conflicts.keepMine')}</button>
              <button type="button" onClick={() => choose(c, 'theirs')}>{t('conflicts.keepTheirs')}</button>
              <button type="button" onClick={() => choose(c, 'both')}>{t('conflicts.keepBoth')}</button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
