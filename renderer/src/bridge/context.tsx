// Makes the bridge available to every component: `const api = useBridge()`.
import { createContext, useContext, useEffect, useState } from 'react';
import type { BridgeApi, CommandName, CommandOutput, EventName, EventPayload } from '../../../electron/core/bridge/contract.ts';

const BridgeContext = createContext<BridgeApi | null>(null);

export const BridgeProvider = BridgeContext.Provider;

export function useBridge(): BridgeApi {
  const api = useContext(BridgeContext);
  if (!api) throw new Error('useBridge() outside <BridgeProvider>');
  return api;
}

/**
 * State that starts from a command's answer and follows an event of the same shape,
 * e.g. `useBridgeState('sync.state', 'sync.state')`.
 */
export function useBridgeState<C extends CommandName, E extends EventName>(commandName: C, eventName: E): CommandOutput<C> | EventPayload<E> | null {
  const api = useBridge();
  const [value, setValue] = useState<CommandOutput<C> | EventPayload<E> | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.on(eventName, (payload) => setValue(payload));
    void (api[commandName] as (input: object) => Promise<CommandOutput<C>>)({}).then((initial) => {
      if (live) setValue((current) => current ?? initial);
    });
    return () => {
      live = false;
      off();
    };
  }, [api, commandName, eventName]);
  return value;
}
