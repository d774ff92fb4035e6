// The shell's section of the settings page: tabs, downloads, spell checking, network, developer tools.
import { useTranslation } from 'react-i18next';
import { SettingText, SettingToggle } from '../settings/fields.tsx';

export function ShellSettings() {
  const { t } = useTranslation('shell');
  return (
    <section aria-labelledby="shell-settings-heading" className="settings-section">
      <h2 id="shell-settings-heading">{t('settingsHeading')}</h2>
      <SettingText settingKey="shell.hibernateAfterMinutes" type="number" label={t('settingHibernate')} />
      <SettingText settingKey="shell.downloadsDir" label={t('settingDownloadsDir')} />
      <SettingText settingKey="shell.spellcheckDictionaryUrl" type="url" label={t('settingDictionaryUrl')} />
      <SettingText settingKey="shell.proxy" label={t('settingProxy')} />
      <SettingToggle settingKey="shell.allowDevTools" label={t('settingDevTools')} />
    </section>
  );
}
