// The application menu. Its accelerators are shown but not registered: keys typed in an app view
// are handled in before-input-event (tab-views.ts) and keys in the shell UI by the renderer, so a
// registered accelerator would fire twice.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MainTexts } from '../core/shell/main-texts.ts';

export interface MenuActions {
  openPanel(panel: 'settings' | 'downloads'): void;
  activeApp(action: 'back' | 'forward' | 'reload'): void;
  find(): void;
  zoom(step: 1 | -1 | 0): void;
  toggleDevTools(): void;
  switchTo(index: number): void;
  apps: string[];
  allowDevTools: boolean;
  about(): void;
  quit(): void;
}

export function buildAppMenu(t: MainTexts, actions: MenuActions): Menu {
  const shown = (accelerator: string) => ({ accelerator, registerAccelerator: false });
  const template: MenuItemConstructorOptions[] = [
    {
      label: t.file,
      submenu: [
        { label: t.settings, ...shown('Ctrl+,'), click: () => actions.openPanel('settings') },
        { label: t.downloads, click: () => actions.openPanel('downloads') },
        { type: 'separator' },
        { label: t.quit, accelerator: 'Ctrl+Q', click: () => actions.quit() },
      ],
    },
    { label: t.edit, submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: t.view,
      submenu: [
        { label: t.back, ...shown('Alt+Left'), click: () => actions.activeApp('back') },
        { label: t.forward, ...shown('Alt+Right'), click: () => actions.activeApp('forward') },
        { label: t.reload, ...shown('Ctrl+R'), click: () => actions.activeApp('reload') },
        { type: 'separator' },
        { label: t.find, ...shown('Ctrl+F'), click: () => actions.find() },
        { type: 'separator' },
        { label: t.zoomIn, ...shown('Ctrl+='), click: () => actions.zoom(1) },
        { label: t.zoomOut, ...shown('Ctrl+-'), click: () => actions.zoom(-1) },
        { label: t.zoomReset, ...shown('Ctrl+0'), click: () => actions.zoom(0) },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.fullscreen },
        ...(actions.allowDevTools ? [{ label: t.devTools, ...shown('Ctrl+Shift+I'), click: () => actions.toggleDevTools() }] : []),
      ],
    },
    { label: t.apps, submenu: actions.apps.map((name, index) => ({ label: name, ...(index < 9 ? shown(`Ctrl+${index + 1}`) : {}), click: () => actions.switchTo(index) })) },
    { label: t.window, submenu: [{ role: 'minimize' }, { role: 'close' }] },
    { label: t.help, submenu: [{ label: t.about, click: () => actions.about() }] },
  ];
  return Menu.buildFromTemplate(template);
}
