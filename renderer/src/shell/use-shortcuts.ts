// Ctrl+1..9 switches to the n-th app, Ctrl+Tab / Ctrl+Shift+Tab to the next / previous one.
import { useEffect } from 'react';

export function useAppShortcuts(ids: string[], activeId: string | null, activate: (id: string) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.ctrlKey || event.altKey || event.metaKey) return;
      if (/^[1-9]$/.test(event.key) && !event.shiftKey) {
        const id = ids[Number(event.key) - 1];
        if (id) {
          event.preventDefault();
          activate(id);
        }
      } else if (event.key === 'Tab' && ids.length > 0) {
        event.preventDefault();
        const index = activeId ? ids.indexOf(activeId) : -1;
        const step = event.shiftKey ? -1 : 1;
        activate(ids[(index + step + ids.length) % ids.length]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ids, activeId, activate]);
}
