// The settings page's word on the portal's app list: where the apps come from and, for a portal
// read with a shared secret (`auth: "secret"`), the one field to keep that secret in the keyring.
// Nothing when the organisation has no catalog source.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context.tsx';
import { useSettings } from '../settings/use-settings.tsx';
import { useAsyncAction } from '../shared/use-async-action.ts';
import type { CatalogSourceSetting } from '../../../electron/core/config/catalog-source-settings.ts';

export function CatalogSourceSettings() {
  const { t } = useTranslation('catalog');
  const api = useBridge();
  const { view } = useSettings();
  const { busy, error, run } = useAsyncAction();
  const [secret, setSecret] = useState('');
  const [saved, setSaved] = useState(false);
  const source = view?.values['catalog.source'] as CatalogSourceSetting | null | undefined;
  if (!source) return null;
  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void run(() => api['catalogSource.setSecret']({ secret })).then((ok) => {
      if (!ok) return;
      setSecret('');
      setSaved(true);
    });
  };
  return (
    <section aria-labelledby="catalog-source-heading" className="settings-section">
      <h2 id="catalog-source-heading">{t('settingsHeading')}</h2>
      <p>{t('settingsFrom', { url: source.url })}</p>
      {source.auth === 'secret' && (
        <form onSubmit={save}>
          <label htmlFor="catalog-source-secret">{t('secretLabel')}</label>{' '}
          <input id="catalog-source-secret" type="password" autoComplete="off" value={secret} onChange={(event) => setSecret(event.target.value)} />{' '}
          <button type="submit" disabled={busy || secret.trim() === ''}>
            {t('secretSave')}
          </button>
          <p className="muted">{t('secretHint')}</p>
          {saved && <p role="status">{t('secretSaved')}</p>}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
