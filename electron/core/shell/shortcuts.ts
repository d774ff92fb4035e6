// Werkplek's one keyboard map. The application menu shows these accelerators (without registering
// them), the main process carries them out from `before-input-event` — in the app views and in the
// shell UI — and README.md lists them (`keyboardMapMarkdown`, checked by a test). Keys inside an
// app's view never reach the shell UI, so main reads them there; in the shell UI itself the
// renderer handles the keys marked `shellUi` (the sidebar and the find bar), main the rest.

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
  | { kind: 'devtools' }
  | { kind: 'settings' }
  | { kind: 'close-tab' }
  | { kind: 'fullscreen' }
  | { kind: 'quit' };

/** One key combination; `shift: 'any'` for symbols some layouts type with Shift (+). */
interface KeySpec {
  key: string;
  ctrl?: boolean;
  shift?: boolean | 'any';
  alt?: boolean;
}

export interface KeyBinding {
  action: ShortcutAction;
  /** The first is shown in the menu and the docs; the others do the same. */
  keys: readonly KeySpec[];
  /** While the shell UI has the focus, its renderer handles this key itself. */
  shellUi?: boolean;
  en: string;
  nl: string;
}

const appKeys: KeyBinding[] = Array.from({ length: 9 }, (_, index) => ({
  action: { kind: 'app', index },
  keys: [{ key: String(index + 1), ctrl: true }],
  shellUi: true,
  en: `Show app ${index + 1} in the sidebar`,
  nl: `App ${index + 1} in de zijbalk tonen`,
}));

export const keyboardMap: readonly KeyBinding[] = [
  ...appKeys,
  { action: { kind: 'next-app' }, keys: [{ key: 'Tab', ctrl: true }], shellUi: true, en: 'Next app', nl: 'Volgende app' },
  { action: { kind: 'previous-app' }, keys: [{ key: 'Tab', ctrl: true, shift: true }], shellUi: true, en: 'Previous app', nl: 'Vorige app' },
  { action: { kind: 'find' }, keys: [{ key: 'f', ctrl: true }], shellUi: true, en: 'Find in page', nl: 'Zoeken op pagina' },
  { action: { kind: 'back' }, keys: [{ key: 'ArrowLeft', alt: true }], en: 'Back', nl: 'Terug' },
  { action: { kind: 'forward' }, keys: [{ key: 'ArrowRight', alt: true }], en: 'Forward', nl: 'Vooruit' },
  { action: { kind: 'reload' }, keys: [{ key: 'r', ctrl: true }, { key: 'F5' }], en: 'Reload the app', nl: 'App opnieuw laden' },
  { action: { kind: 'zoom', step: 1 }, keys: [{ key: '=', ctrl: true }, { key: '+', ctrl: true, shift: 'any' }], en: 'Zoom in', nl: 'Inzoomen' },
  { action: { kind: 'zoom', step: -1 }, keys: [{ key: '-', ctrl: true }], en: 'Zoom out', nl: 'Uitzoomen' },
  { action: { kind: 'zoom', step: 0 }, keys: [{ key: '0', ctrl: true }], en: 'Actual size', nl: 'Werkelijke grootte' },
  { action: { kind: 'fullscreen' }, keys: [{ key: 'F11' }], en: 'Full screen', nl: 'Volledig scherm' },
  { action: { kind: 'settings' }, keys: [{ key: ',', ctrl: true }], en: 'Settings', nl: 'Instellingen' },
  { action: { kind: 'close-tab' }, keys: [{ key: 'w', ctrl: true }], en: 'Close the app’s tab (Werkplek keeps running)', nl: 'Tabblad van de app sluiten (Werkplek blijft open)' },
  { action: { kind: 'quit' }, keys: [{ key: 'q', ctrl: true }], en: 'Quit Werkplek', nl: 'Werkplek afsluiten' },
  { action: { kind: 'devtools' }, keys: [{ key: 'i', ctrl: true, shift: true }, { key: 'F12' }], en: 'Developer tools (when the policy allows them)', nl: 'Ontwikkelaarshulpmiddelen (als het beleid dat toestaat)' },
];

function matches(spec: KeySpec, input: KeyInput): boolean {
  if (spec.key.length === 1 ? input.key.toLowerCase() !== spec.key : input.key !== spec.key) return false;
  if (input.control !== (spec.ctrl ?? false) || input.alt !== (spec.alt ?? false)) return false;
  return spec.shift === 'any' || input.shift === (spec.shift ?? false);
}

/** The binding a key press means, or null (the key belongs to the page). */
export function bindingFor(input: KeyInput): KeyBinding | null {
  if (input.type !== 'keyDown' || input.meta) return null;
  return keyboardMap.find((binding) => binding.keys.some((spec) => matches(spec, input))) ?? null;
}

export function shortcutFor(input: KeyInput): ShortcutAction | null {
  return bindingFor(input)?.action ?? null;
}

const electronKeyNames: Record<string, string> = { ArrowLeft: 'Left', ArrowRight: 'Right', '+': 'Plus' };

/** Electron accelerator syntax for the first key of a binding ('Ctrl+Shift+I', 'Alt+Left'). */
export function acceleratorOf(binding: KeyBinding): string {
  const spec = binding.keys[0]!;
  const key = electronKeyNames[spec.key] ?? (spec.key.length === 1 ? spec.key.toUpperCase() : spec.key);
  return [spec.ctrl ? 'Ctrl' : '', spec.shift === true ? 'Shift' : '', spec.alt ? 'Alt' : '', key].filter(Boolean).join('+');
}

/** The accelerator the menu shows for an action. */
export function acceleratorFor(action: ShortcutAction): string {
  const binding = keyboardMap.find((candidate) => JSON.stringify(candidate.action) === JSON.stringify(action));
  if (!binding) throw new Error(`no key for ${JSON.stringify(action)}`);
  return acceleratorOf(binding);
}

/** The table in README.md: every binding, all its keys, in English and Dutch. */
export function keyboardMapMarkdown(): string {
  const appRow = '| `Ctrl+1` … `Ctrl+9` | Show the 1st … 9th app in the sidebar | De 1e … 9e app in de zijbalk tonen |';
  const rows = keyboardMap.filter((binding) => binding.action.kind !== 'app').map((binding) => {
    const keys = binding.keys.map((_, index) => `\`${acceleratorOf({ ...binding, keys: binding.keys.slice(index) })}\``).join(', ');
    return `| ${keys} | ${binding.en} | ${binding.nl} |`;
  });
  return ['| Keys / Toetsen | Action | Actie |', '| --- | --- | --- |', appRow, ...rows].join('\n');
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
