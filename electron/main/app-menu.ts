// The application menu. Its accelerators come from the one keyboard map (core/shell/shortcuts.ts)
// and are shown, not registered: main carries the keys out in before-input-event (tab-views.ts),
// in the app views and in the shell UI alike, so a registered accelerator would fire twice. The
// edit roles keep Chromium's own editing keys (the page handles them).
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MainTexts } from '../core/shell/main-texts.ts';
import { acceleratorFor, type ShortcutAction } from '../core/shell/shortcuts.ts';

export interface MenuActions {
  /** Carry out what the key would: the same code path as the keyboard. */
  run(action: ShortcutAction): void;
  openPanel(panel: 'downloads'): void;
  minimize(): void;
  /** Close the window: to the tray or quit, as the close-to-tray setting says. */
  closeWindow(): void;
  apps: string[];
  allowDevTools: boolean;
  about(): void;
}

export function buildAppMenu(t: MainTexts, actions: MenuActions): Menu {
  const item = (label: string, action: ShortcutAction): MenuItemConstructorOptions => ({ label, accelerator: acceleratorFor(action), registerAccelerator: false, click: () => actions.run(action) });
  const template: MenuItemConstructorOptions[] = [
    {
      label: t.file,
      submenu: [item(t.settings, { kind: 'settings' }), { label: t.downloads, click: () => actions.openPanel('downloads') }, { type: 'separator' }, item(t.quit, { kind: 'quit' })],
    },
    // Electron names role items in English only: each gets its label in the person's language.
    {
      label: t.edit,
      submenu: [{ role: 'undo', label: t.undo }, { role: 'redo', label: t.redo }, { type: 'separator' }, { role: 'cut', label: t.cut }, { role: 'copy', label: t.copy }, { role: 'paste', label: t.paste }, { role: 'selectAll', label: t.selectAll }],
    },
    {
      label: t.view,
      submenu: [
        item(t.back, { kind: 'back' }),
        item(t.forward, { kind: 'forward' }),
        item(t.reload, { kind: 'reload' }),
        { type: 'separator' },
        item(t.find, { kind: 'find' }),
        { type: 'separator' },
        item(t.zoomIn, { kind: 'zoom', step: 1 }),
        item(t.zoomOut, { kind: 'zoom', step: -1 }),
        item(t.zoomReset, { kind: 'zoom', step: 0 }),
        { type: 'separator' },
        item(t.fullscreen, { kind: 'fullscreen' }),
        ...(actions.allowDevTools ? [item(t.devTools, { kind: 'devtools' })] : []),
      ],
    },
    { label: t.apps, submenu: actions.apps.map((name, index) => (index < 9 ? item(name, { kind: 'app', index }) : { label: name, click: () => actions.run({ kind: 'app', index }) })) },
    {
      label: t.window,
      submenu: [item(t.closeTab, { kind: 'close-tab' }), { type: 'separator' }, { label: t.minimize, click: () => actions.minimize() }, { label: t.closeWindow, click: () => actions.closeWindow() }],
    },
    { label: t.help, submenu: [{ label: t.about, click: () => actions.about() }] },
  ];
  return Menu.buildFromTemplate(template);
}
