// The lists of the sync panel: current transfers, errors (each with what to do, and the file shown
// in its folder where the fix is at the file), conflicts (with the choice, SyncConflicts), items
// skipped on purpose and what sync did lately (SyncActivity).
// Names are shown as text (React escapes; no markup from the server).
import { useTranslation } from 'react-i18next';
import { Download, Upload } from 'lucide-react';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import { useBridge } from '../bridge/context.tsx';
import { formatBytes } from './format.ts';
import { TechnicalDetails } from '../shared/TechnicalDetails.tsx';
import { ItemRefusal } from './ItemRefusal.tsx';
import { SyncActivity } from './SyncActivity.tsx';
import { SyncConflicts } from './SyncConflicts.tsx';
import { useOpenItem } from './use-open-item.ts';

/** Problems the person solves at the file itself (rename it, close the program that holds it, check its permissions): it is shown in its folder. */
const atTheFile = new Set(['LocalError', 'forbidden', 'locked', 'FileChangedError', 'invalid-name-local', 'type-change']);

/** Bidi isolation so a name with an RTL override cannot disguise its extension. */
const Name = ({ path }: { path: string }) => <bdi className="sync-path">{path || '/'}</bdi>;

export function SyncLists({ state, onSignIn }: { state: SyncState; onSignIn(): void }) {
  const { t, i18n } = useTranslation('sync');
  const api = useBridge();
  const { open, refusal } = useOpenItem();
  return (
    <>
      <ItemRefusal refusal={refusal} />
      {state.transfers.length > 0 && (
        <section aria-labelledby="sync-transfers">
          <h2 id="sync-transfers">{t('transfers.heading')}</h2>
          <ul className="sync-list">
            {state.transfers.map((x) => (
              <li key={x.path}>
                {x.direction === 'up' ? <Upload size={16} aria-label={t('transfers.up')} role="img" /> : <Download size={16} aria-label={t('transfers.down')} role="img" />} <Name path={x.path} />{' '}
                <progress max={x.bytesTotal || 1} value={x.bytesDone} aria-label={t('transfers.progress', { path: x.path })} />{' '}
                <span className="muted">{formatBytes(x.bytesDone, i18n.language)} / {formatBytes(x.bytesTotal, i18n.language)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {state.errors.length > 0 && (
        <section aria-labelledby="sync-errors">
          <h2 id="sync-errors">{t('errors.heading', { count: state.errors.length })}</h2>
          <ul className="sync-list">
            {state.errors.map((e, i) => (
              <li key={`${e.path}-${i}`}>
                <Name path={e.path} />: {t(`errors.kind.${e.kind}`, { defaultValue: t('errors.kind.other') })}{' '}
                {e.action === 'sign-in' && <button type="button" onClick={onSignIn}>{t('errors.signIn')}</button>}
                {e.action === 'retry' && <button type="button" onClick={() => void api['sync.now']({})}>{t('errors.retry')}</button>}
                {e.action === 'free-space' && <span className="muted">{t('errors.freeSpace')}</span>}
                {e.path && atTheFile.has(e.kind) && (
                  <button type="button" aria-label={t('activity.showLabel', { path: e.path })} onClick={() => open(e.path, 'show')}>{t('activity.show')}</button>
                )}
                <TechnicalDetails text={e.message} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <SyncConflicts conflicts={state.conflicts} />
      {state.skipped.length > 0 && (
        <details>
          <summary>{t('skipped.heading', { count: state.skipped.length })}</summary>
          <ul className="sync-list">
            {state.skipped.map((s, i) => (
              <li key={`${s.path}-${i}`}>
                <Name path={s.path} />: {t(`skipped.${s.kind}`, { defaultValue: s.message })}{' '}
                {s.path && atTheFile.has(s.kind) && (
                  <button type="button" aria-label={t('activity.showLabel', { path: s.path })} onClick={() => open(s.path, 'show')}>{t('activity.show')}</button>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <SyncActivity activity={state.activity} />
    </>
  );
}
