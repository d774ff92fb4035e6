// The settings panel: general settings, the app catalog, and each capability's own section.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingSelect, SettingToggle } from './fields.tsx';
import { CatalogSettings } from './CatalogSettings.tsx';
import { useSettings } from './use-settings.tsx';

export function SettingsPage({ sections }: { sections?: ReactNode }) {
  const { t } = useTranslation('settings');
  const { error } = useSettings();
  return (
    <div className="settings-page">
      <h1 id="settings-title">{t('title')}</h1>
      <section aria-labelledby="general-heading" className="settings-section">
        <h2 id="general-heading">{t('generalHeading')}</h2>
        <SettingSelect
          settingKey="general.locale"
          label={t('language')}
          options={[
            { value: 'auto', label: t('languageAuto') },
            { value: 'nl', label: 'Nederlands' },
            { value: 'en', label: 'English' },
          ]}
        />
        <SettingToggle settingKey="shell.closeToTray" label={t('closeToTray')} />
        <SettingToggle settingKey="shell.startAtLogin" label={t('startAtLogin')} />
      </section>
      <CatalogSettings />
      {sections}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
