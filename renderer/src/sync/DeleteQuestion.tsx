// The "many deletions" question of one account: what is held, keep them or delete them.
// `account`: an added account's id (its own ids in the page); absent: the first account.
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import { useBridge } from '../bridge/context.tsx';

export function DeleteQuestion({ state, account }: { state: SyncState; account?: string }) {
  const { t } = useTranslation('sync');
  const api = useBridge();
  const c = state.confirmation;
  if (!c) return null;
  const title = account ? `sync-confirm-title-${account}` : 'sync-confirm-title';
  const text = account ? `sync-confirm-text-${account}` : 'sync-confirm-text';
  return (
    <section role="alertdialog" aria-labelledby={title} aria-describedby={text} className="sync-confirm">
      <h2 id={title}>{t(`confirm.${c.kind}.title`)}</h2>
      <p id={text}>{t(`confirm.${c.kind}.text`, { server: c.remoteDeletes, local: c.localDeletes })}</p>
      {c.held.length > 0 && (
        <details className="sync-held">
          <summary>{t('confirm.held.heading', { count: c.held.length })}</summary>
          <ul>
            {c.held.map((h) => (
              <li key={`${h.side}:${h.path}`}>
                {t(h.side === 'server' ? 'confirm.held.server' : 'confirm.held.local', { path: h.path })}
                {h.type === 'dir' && <> {t('confirm.held.folder', { count: h.files })}</>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="sync-actions">
        <button type="button" autoFocus onClick={() => void api['sync.confirmDeletes']({ accept: false, account })}>{t('confirm.keep')}</button>
        <button type="button" onClick={() => void api['sync.confirmDeletes']({ accept: true, account })}>{t('confirm.delete')}</button>
      </div>
    </section>
  );
}
