// Keys pressed inside an app's web view never reach the shell UI, so the main process reads them
// in `before-input-event` and asks this table what they mean.

export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
}

export type ShortcutAction =
  | { kind: 'app'; index: number }
  | { kind: 'next-app' }
  | { kind: 'previous-app' }
  | { kind: 'find' }
  | { kind: 'back' }
  | { kind: 'forward' }
  | { kind: 'reload' }
  | { kind: 'zoom'; step: 1 | -1 | 0 }
  | { kind: 'devtools' };

export function shortcutFor(input: KeyInput): ShortcutAction | null {
  if (input.type !== 'keyDown' || input.meta) return null;
  const key = input.key;
  if (input.alt && !input.control) {
    if (key === 'ArrowLeft') return { kind: 'back' };
    if (key === 'ArrowRight') return { kind: 'forward' };
    return null;
  }
  if (key === 'F5' && !input.control && !input.alt) return { kind: 'reload' };
  if (key === 'F12' && !input.control && !input.alt) return { kind: 'devtools' };
  if (!input.control || input.alt) return null;
  if (/^[1-9]$/.test(key) && !input.shift) return { kind: 'app', index: Number(key) - 1 };
  if (key === 'Tab') return input.shift ? { kind: 'previous-app' } : { kind: 'next-app' };
  if (input.shift) {
    if (key === 'I' || key === 'i') return { kind: 'devtools' };
    if (key === '+') return { kind: 'zoom', step: 1 };
    return null;
  }
  switch (key.toLowerCase()) {
    case 'f':
      return { kind: 'find' };
    case 'r':
      return { kind: 'reload' };
    case '=':
    case '+':
      return { kind: 'zoom', step: 1 };
    case '-':
      return { kind: 'zoom', step: -1 };
    case '0':
      return { kind: 'zoom', step: 0 };
    default:
      return null;
  }
}

/** The app to show for next/previous/n-th, wrapping around; null if there is none. */
export function targetApp(ids: readonly string[], activeId: string | null, action: ShortcutAction): string | null {
  if (ids.length === 0) return null;
  if (action.kind === 'app') return ids[action.index] ?? null;
  const index = activeId ? ids.indexOf(activeId) : -1;
  if (action.kind === 'next-app') return ids[(index + 1 + ids.length) % ids.length] ?? null;
  if (action.kind === 'previous-app') return ids[index <= 0 ? ids.length - 1 : index - 1] ?? null;
  return null;
}

/** Zoom level steps (Chromium levels: 0 = 100 %, each step ×1.2), clamped to −3…+5. */
export function nextZoomLevel(current: number, step: 1 | -1 | 0): number {
  if (step === 0) return 0;
  return Math.max(-3, Math.min(5, Math.round(current) + step));
}
