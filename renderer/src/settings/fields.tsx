// Reusable setting controls. A key the policy locks shows its value, disabled, with the reason.
import { useId, type ReactNode } from 'react';
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

interface ControlProps {
  id: string;
  value: unknown;
  locked: boolean;
  set(value: unknown): void;
}

/** One labelled row: the control, its label (after a checkbox, before anything else) and the lock note. */
function SettingRow({ settingKey, label, labelAfter = false, control }: { settingKey: SettingKey; label: string; labelAfter?: boolean; control(props: ControlProps): ReactNode }) {
  const { view, set, isLocked } = useSettings();
  const id = useId();
  if (!view) return null;
  const labelElement = <label htmlFor={id}>{label}</label>;
  return (
    <div className="field">
      {!labelAfter && labelElement}
      {control({ id, value: view.values[settingKey], locked: isLocked(settingKey), set: (value) => void set(settingKey, value) })}
      {labelAfter && labelElement}
      <LockedNote settingKey={settingKey} />
    </div>
  );
}

export function SettingToggle({ settingKey, label }: { settingKey: SettingKey; label: string }) {
  return (
    <SettingRow
      settingKey={settingKey}
      label={label}
      labelAfter
      control={({ id, value, locked, set }) => <input id={id} type="checkbox" checked={Boolean(value)} disabled={locked} onChange={(event) => set(event.target.checked)} />}
    />
  );
}

export function SettingSelect({ settingKey, label, options }: { settingKey: SettingKey; label: string; options: Array<{ value: string; label: string }> }) {
  return (
    <SettingRow
      settingKey={settingKey}
      label={label}
      control={({ id, value, locked, set }) => (
        <select id={id} value={String(value)} disabled={locked} onChange={(event) => set(event.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function SettingText({ settingKey, label, type = 'text' }: { settingKey: SettingKey; label: string; type?: 'text' | 'url' | 'number' }) {
  return (
    <SettingRow
      settingKey={settingKey}
      label={label}
      control={({ id, value, locked, set }) => (
        // Uncontrolled and saved on blur; re-keyed when the value changes elsewhere.
        <input id={id} key={String(value ?? '')} type={type} defaultValue={String(value ?? '')} disabled={locked} onBlur={(event) => set(type === 'number' ? Number(event.target.value) : event.target.value)} />
      )}
    />
  );
}
