// The downloads list: progress while running, open or show in folder when done, cancel, remove.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge, useBridgeState } from '../bridge/context.tsx';
import type { Download } from '../../../electron/core/bridge/contract-shell.ts';
import { formatBytes } from '../sync/format.ts';
import { TechnicalDetails } from '../shared/TechnicalDetails.tsx';

export function DownloadsPanel() {
  const { t, i18n } = useTranslation('shell');
  const api = useBridge();
  const downloads = useBridgeState('shell.downloads', 'shell.downloads') ?? [];
  const catalog = useBridgeState('catalog.list', 'catalog.changed') ?? [];
  const [error, setError] = useState<string | null>(null);
  const act = (id: string, action: 'open' | 'show' | 'cancel' | 'remove') => {
    setError(null);
    void api['shell.downloadAction']({ id, action }).catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  };
  const size = (bytes: number) => formatBytes(bytes, i18n.language);
  const stateText = (entry: Download) => {
    if (entry.state === 'progressing') return entry.totalBytes > 0 ? t('downloadState_progressing', { received: size(entry.receivedBytes), total: size(entry.totalBytes) }) : t('downloadState_progressingUnknown', { received: size(entry.receivedBytes) });
    if (entry.state === 'completed') return t('downloadState_completed', { total: size(entry.totalBytes) });
    if (entry.state === 'interrupted') return t('downloadState_interrupted');
    return t('downloadState_cancelled');
  };
  return (
    <div className="downloads">
      <h2>{t('downloadsTitle')}</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {downloads.length === 0 ? (
        <p className="muted">{t('downloadsEmpty')}</p>
      ) : (
        <ul className="download-list" aria-label={t('downloadsTitle')}>
          {downloads.map((entry) => {
            const appName = catalog.find((item) => item.app.id === entry.appId)?.app.name;
            return (
              <li key={entry.id} className={`download download-${entry.state}`}>
                <div className="download-name" title={entry.path}>
                  {entry.fileName}
                  {appName && <span className="download-from"> {t('downloadFrom', { app: appName })}</span>}
                </div>
                {entry.state === 'progressing' && <progress aria-label={t('downloadProgress', { name: entry.fileName })} max={entry.totalBytes || undefined} value={entry.totalBytes ? entry.receivedBytes : undefined} />}
                <div className="download-state">
                  {stateText(entry)}
                  {entry.state === 'interrupted' && <TechnicalDetails text={entry.error} />}
                </div>
                <div className="download-actions">
                  {entry.state === 'progressing' && (
                    <button type="button" onClick={() => act(entry.id, 'cancel')}>
                      {t('downloadCancel')}
                    </button>
                  )}
                  {entry.state === 'completed' && (
                    <>
                      <button type="button" onClick={() => act(entry.id, 'open')}>
                        {t('downloadOpen')}
                      </button>
                      <button type="button" onClick={() => act(entry.id, 'show')}>
                        {t('downloadShow')}
                      </button>
                    </>
                  )}
                  {entry.state !== 'progressing' && (
                    <button type="button" onClick={() => act(entry.id, 'remove')}>
                      {t('downloadRemove')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Status-bar item: how many downloads run right now (nothing when none). */
export function DownloadsStatus() {
  const { t } = useTranslation('shell');
  const downloads = useBridgeState('shell.downloads', 'shell.downloads') ?? [];
  const running = downloads.filter((entry) => entry.state === 'progressing').length;
  return running > 0 ? <span>{t('downloadsActive', { count: running })}</span> : null;
}
