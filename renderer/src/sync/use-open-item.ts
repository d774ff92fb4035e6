// Opening a synced file (or showing it in its folder) from the Files panel, and what to tell the
// person when core would not: a code translated here, core's own words only as technical details.
import { useState } from 'react';
import { useBridge } from '../bridge/context.tsx';

export type OpenRefusal = { code: string; detail: string | null };

/** `account`: an added account's id; absent: the first account. */
export function useOpenItem(account?: string): { open(path: string, action: 'open' | 'show'): void; refusal: OpenRefusal | null } {
  const api = useBridge();
  const [refusal, setRefusal] = useState<OpenRefusal | null>(null);
  const open = (path: string, action: 'open' | 'show'): void => {
    setRefusal(null);
    api['sync.openItem']({ path, action, account }).then(
      (answer) => setRefusal(answer.refused ? { code: answer.refused, detail: answer.detail } : null),
      (error: unknown) => setRefusal({ code: 'failed', detail: (error as Error).message }),
    );
  };
  return { open, refusal };
}
