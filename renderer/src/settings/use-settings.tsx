// One shared settings view for the whole UI (values + the keys the organisation locked), and a
// setter that shows the change at once and then takes the main side's answer as the truth.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useBridge } from '../bridge/context.tsx';
import type { CommandOutput } from '../../../electron/core/bridge/contract.ts';
import type { SettingKey } from '../../../electron/core/config/settings-schema.ts';

type SettingsView = CommandOutput<'settings.get'>;

interface SettingsContextValue {
  view: SettingsView | null;
  error: string | null;
  set(key: SettingKey, value: unknown): Promise<void>;
  isLocked(key: SettingKey): boolean;
}

const SettingsContext = createContext<SettingsContextValue | null>(null);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const api = useBridge();
  const [view, setView] = useState<SettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const off = api.on('settings.changed', (next) => setView(next));
    void api['settings.get']({}).then((initial) => live && setView((current) => current ?? initial));
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const set = useCallback(
    async (key: SettingKey, value: unknown) => {
      setError(null);
      setView((current) => (current ? { ...current, values: { ...current.values, [key]: value } } : current));
      try {
        setView(await api['settings.set']({ key, value }));
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
        setView(await api['settings.get']({}));
      }
    },
    [api],
  );
  const isLocked = useCallback((key: SettingKey) => view?.locked.includes(key) ?? false, [view]);
  const value = useMemo(() => ({ view, error, set, isLocked }), [view, error, set, isLocked]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings() outside <SettingsProvider>');
  return value;
}
