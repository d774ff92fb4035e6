// What closing the shell window does: hide it to the tray (the setting), quit, or — when the
// desktop shows no tray icons (GNOME without the AppIndicator extension) — minimise it, so the
// window can always be found again in the task bar.

export type CloseAction = 'hide' | 'minimize' | 'quit';

/** `trayShown`: whether the desktop shows tray icons; null when unknown (assumed yes). */
export function closeAction(closeToTray: boolean, trayShown: boolean | null): CloseAction {
  if (!closeToTray) return 'quit';
  return trayShown === false ? 'minimize' : 'hide';
}
