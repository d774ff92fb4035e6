// Where the active app shows. In Electron the main process lays its WebContentsView over this
// area; in the preview host the app is an iframe here, labelled as preview.
import { useTranslation } from 'react-i18next';
import type { CatalogEntry } from '../../../electron/core/config/catalog-schema.ts';

interface Props {
  apps: CatalogEntry[];
  activeId: string | null;
  host: 'electron' | 'preview';
}

export function AppArea({ apps, activeId, host }: Props) {
  const { t } = useTranslation();
  if (apps.length === 0) return <div className="app-area empty">{t('noApps')}</div>;
  return (
    <div className="app-area">
      {apps.map((entry) => {
        const active = entry.app.id === activeId;
        return (
          <div key={entry.app.id} role="tabpanel" id={`panel-${entry.app.id}`} aria-labelledby={`tab-${entry.app.id}`} hidden={!active} className="app-panel">
            {host === 'preview' && active && (
              <>
                <p className="preview-note">
                  <span className="preview-label">{t('previewLabel')}</span> {t('previewNote')}
                </p>
                <iframe title={t('frameTitle', { name: entry.app.name })} src={entry.app.url} className="app-frame" sandbox="allow-scripts allow-forms allow-same-origin allow-popups" />
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
