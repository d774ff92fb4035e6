// The settings view (values + which keys the organisation locked) and a setter that reports errors.
import { useCallback, useState } from 'react';
import { useBridge, useBridgeState } from '../bridge/context.tsx';
import type { SettingKey } from '../../../electron/core/config/settings-schema.ts';

export function useSettings() {
  const api = useBridge();
  const view = useBridgeState('settings.get', 'settings.changed');
  const [error, setError] = useState<string | null>(null);
  const set = useCallback(
    async (key: SettingKey, value: unknown) => {
      try {
        setError(null);
        await api['settings.set']({ key, value });
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    [api],
  );
  const isLocked = useCallback((key: SettingKey) => view?.locked.includes(key) ?? false, [view]);
  return { view, set, isLocked, error };
}
