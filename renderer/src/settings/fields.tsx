// Reusable setting controls. A key the policy locks shows its value, disabled, with the reason.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingKey } from '../../../electron/core/config/settings-schema.ts';
import { useSettings } from './use-settings.tsx';

export function LockedNote({ settingKey }: { settingKey: SettingKey }) {
  const { t } = useTranslation('settings');
  const { isLocked } = useSettings();
  if (!isLocked(settingKey)) return null;
  return (
    <span className="locked-note" data-locked={settingKey}>
      <span aria-hidden="true">🔒</span> {t('lockedByPolicy')}
    </span>
  );
}

export function SettingToggle({ settingKey, label }: { settingKey: SettingKey; label: string }) {
  const { view, set, isLocked } = useSettings();
  const id = useId();
  if (!view) return null;
  const locked = isLocked(settingKey);
  return (
    <div className="field">
      <input id={id} type="checkbox" checked={Boolean(view.values[settingKey])} disabled={locked} onChange={(event) => void set(settingKey, event.target.checked)} />
      <label htmlFor={id}>{label}</label>
      <LockedNote settingKey={settingKey} />
    </div>
  );
}

export function SettingSelect({ settingKey, label, options }: { settingKey: SettingKey; label: string; options: Array<{ value: string; label: string }> }) {
  const { view, set, isLocked } = useSettings();
  const id = useId();
  if (!view) return null;
  const locked = isLocked(settingKey);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={String(view.values[settingKey])} disabled={locked} onChange={(event) => void set(settingKey, event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <LockedNote settingKey={settingKey} />
    </div>
  );
}

export function SettingText({ settingKey, label, type = 'text' }: { settingKey: SettingKey; label: string; type?: 'text' | 'url' | 'number' }) {
  const { view, set, isLocked } = useSettings();
  const id = useId();
  if (!view) return null;
  const locked = isLocked(settingKey);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        defaultValue={String(view.values[settingKey] ?? '')}
        key={String(view.values[settingKey] ?? '')}
        disabled={locked}
        onBlur={(event) => void set(settingKey, type === 'number' ? Number(event.target.value) : event.target.value)}
      />
      <LockedNote settingKey={settingKey} />
    </div>
  );
}
