// Shell state that arrives per app (load states) or as a stream (permission notes), merged here.
import { useEffect, useState } from 'react';
import { useBridge } from '../bridge/context.tsx';
import type { LoadState, PermissionNote } from '../../../electron/core/bridge/contract-shell.ts';

export function useLoadStates(): Record<string, LoadState> {
  const api = useBridge();
  const [states, setStates] = useState<Record<string, LoadState>>({});
  useEffect(() => {
    let live = true;
    const off = api.on('shell.load', (state) => setStates((current) => ({ ...current, [state.appId]: state })));
    void api['shell.loadStates']({}).then((initial) => live && setStates((current) => ({ ...initial, ...current })));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return states;
}

/** navigator.onLine, followed live; in the desktop app also told to main so failed tabs retry at once. */
export function useOnline(report: boolean): boolean {
  const api = useBridge();
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => {
      setOnline(navigator.onLine);
      if (report) void api['shell.online']({ online: navigator.onLine });
    };
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, [api, report]);
  return online;
}

export function useLatestPermissionNote(): [PermissionNote | null, () => void] {
  const api = useBridge();
  const [note, setNote] = useState<PermissionNote | null>(null);
  useEffect(() => api.on('shell.permission', (next) => setNote(next)), [api]);
  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), 10_000);
    return () => clearTimeout(timer);
  }, [note]);
  return [note, () => setNote(null)];
}
