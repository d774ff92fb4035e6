// The activity list of the Files panel: what sync did lately (kept across restarts by core, at
// most 100), newest first, each with when, and Open / Show in folder for what is still here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import { formatSince } from './format.ts';
import { ItemRefusal } from './ItemRefusal.tsx';
import { useOpenItem } from './use-open-item.ts';

/** Shown before "Show all": the list stays short in a panel that also holds the rest. */
const FIRST = 10;
const gone = new Set<SyncState['activity'][number]['kind']>(['deletedHere', 'deletedOnServer']);

/** `account`: an added account's id (its own ids in the page); absent: the first account. */
export function SyncActivity({ activity, account }: { activity: SyncState['activity']; account?: string }) {
  const { t, i18n } = useTranslation('sync');
  const [all, setAll] = useState(false);
  const { open, refusal } = useOpenItem(account);
  const heading = account ? `sync-activity-${account}` : 'sync-activity';
  const shown = all ? activity : activity.slice(0, FIRST);
  return (
    <section aria-labelledby={heading} className="sync-activity">
      <h2 id={heading}>{t('activity.heading')}</h2>
      {activity.length === 0 ? <p className="muted">{t('activity.empty')}</p> : <p className="muted">{t('activity.count', { count: activity.length })}</p>}
      <ItemRefusal refusal={refusal} />
      <ul className="sync-list">
        {shown.map((entry, i) => (
          <li key={`${entry.at}-${entry.path}-${i}`} className="sync-activity-item">
            <span>
              {t(`activity.kind.${entry.kind}`)}: <bdi className="sync-path">{entry.path}</bdi>
              {entry.from !== null && <> {t('activity.from', { path: entry.from })}</>}
            </span>{' '}
            <time className="muted" dateTime={entry.at} title={new Date(entry.at).toLocaleString(i18n.language)}>{formatSince(entry.at, i18n.language)}</time>
            {!gone.has(entry.kind) && (
              <span className="sync-item-actions">
                <button type="button" aria-label={t('activity.openLabel', { path: entry.path })} onClick={() => open(entry.path, 'open')}>{t('activity.open')}</button>
                <button type="button" aria-label={t('activity.showLabel', { path: entry.path })} onClick={() => open(entry.path, 'show')}>{t('activity.show')}</button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {activity.length > FIRST && (
        <button type="button" aria-expanded={all} onClick={() => setAll(!all)}>{all ? t('activity.showFewer') : t('activity.showAll', { count: activity.length })}</button>
      )}
    </section>
  );
}
