// The status bar's word on the portal's app list: nothing while it is fine; otherwise that the
// sidebar shows the last good list (and from when), why the portal could not be read, and a
// button to try again. Entries the portal listed but Werkplek left out are counted.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge, useBridgeState } from '../bridge/context.tsx';
import { formatSince } from '../sync/format.ts';

export function CatalogSourceStatus() {
  const { t, i18n } = useTranslation('catalog');
  const api = useBridge();
  const status = useBridgeState('catalogSource.status', 'catalogSource.status');
  const [trying, setTrying] = useState(false);
  if (!status || status.state === 'off') return null;
  if (status.state === 'loading') return <span className="catalog-source-status">{t('loading')}</span>;
  if (status.state === 'ok') return status.dropped > 0 ? <span className="catalog-source-status">{t('dropped', { count: status.dropped })}</span> : null;
  const reason = t(`problem.${status.problem}`, { status: status.httpStatus ?? '' });
  const retry = () => {
    setTrying(true);
    void api['catalogSource.refresh']({})
      .catch(() => {})
      .finally(() => setTrying(false));
  };
  return (
    <span className="catalog-source-status">
      <span>{status.fetchedAt ? t('staleWithList', { reason, since: formatSince(status.fetchedAt, i18n.language) }) : t('staleNoList', { reason })}</span>{' '}
      <button type="button" disabled={trying} onClick={retry}>
        {trying ? t('trying') : t('retry')}
      </button>
    </span>
  );
}
