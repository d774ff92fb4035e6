// Manage the app list: reorder, disable, remove (own apps only) and add — unless the policy locks it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useBridge, useBridgeState } from '../bridge/context.tsx';
import { useSettings } from './use-settings.tsx';
import { LockedNote } from './fields.tsx';
import { AppIcon } from '../shell/AppIcon.tsx';
import { useAsyncAction } from '../shared/use-async-action.ts';

function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'app';
}

export function CatalogSettings() {
  const { t } = useTranslation('settings');
  const api = useBridge();
  const apps = useBridgeState('catalog.list', 'catalog.changed') ?? [];
  const { isLocked } = useSettings();
  const { error, run } = useAsyncAction();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  // Show a toggle's new state at once; the catalog event that follows makes it final.
  const [pendingEnabled, setPendingEnabled] = useState<Record<string, boolean>>({});
  const setEnabled = (id: string, enabled: boolean) => {
    setPendingEnabled((pending) => ({ ...pending, [id]: enabled }));
    void run(() => api['catalog.setEnabled']({ id, enabled })).finally(() =>
      setPendingEnabled(({ [id]: _done, ...rest }) => rest),
    );
  };

  const orderLocked = isLocked('apps.order');
  const disabledLocked = isLocked('apps.disabled');
  const customLocked = isLocked('apps.custom');

  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api['catalog.add']({ app: { id: slug(name), name: name.trim(), url: url.trim() } });
      setName('');
      setUrl('');
    });
  };

  return (
    <section aria-labelledby="catalog-heading" className="settings-section">
      <h2 id="catalog-heading">{t('appsHeading')}</h2>
      <LockedNote settingKey="apps.order" />
      <ul className="catalog-list">
        {apps.map((entry, index) => (
          <li key={entry.app.id} className={entry.enabled ? '' : 'disabled'}>
            <AppIcon app={entry.app} />
            <span className="catalog-name">{entry.app.name}</span>
            <span className="catalog-source">{t(`source.${entry.source}`)}</span>
            <button type="button" disabled={orderLocked || index === 0} aria-label={t('moveUp', { name: entry.app.name })} title={t('moveUp', { name: entry.app.name })} onClick={() => void run(() => api['catalog.move']({ id: entry.app.id, toIndex: index - 1 }))}>
              <ArrowUp size={16} aria-hidden="true" />
            </button>
            <button type="button" disabled={orderLocked || index === apps.length - 1} aria-label={t('moveDown', { name: entry.app.name })} title={t('moveDown', { name: entry.app.name })} onClick={() => void run(() => api['catalog.move']({ id: entry.app.id, toIndex: index + 1 }))}>
              <ArrowDown size={16} aria-hidden="true" />
            </button>
            <label>
              <input type="checkbox" checked={pendingEnabled[entry.app.id] ?? entry.enabled} disabled={disabledLocked} onChange={(event) => setEnabled(entry.app.id, event.target.checked)} />
              {t('enabled')}
            </label>
            {entry.removable && (
              <button type="button" aria-label={t('remove', { name: entry.app.name })} onClick={() => void run(() => api['catalog.remove']({ id: entry.app.id }))}>
                {t('removeShort')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!customLocked && (
        <form onSubmit={add} className="add-app">
          <h3>{t('addHeading')}</h3>
          <div className="field">
            <label htmlFor="add-app-name">{t('addName')}</label>
            <input id="add-app-name" required value={name} onChange={(event) => setName(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="add-app-url">{t('addUrl')}</label>
            <input id="add-app-url" type="url" required placeholder="https://" value={url} onChange={(event) => setUrl(event.target.value)} />
          </div>
          <button type="submit">{t('addButton')}</button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
