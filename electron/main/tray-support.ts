// Whether the desktop shows tray icons at all. Electron's Linux tray is a StatusNotifierItem; with
// no StatusNotifierWatcher on the session bus (GNOME without the AppIndicator extension) the icon
// is simply not there, and a window "closed to the tray" could not be brought back. Asked once
// through gdbus (part of GLib, present wherever GNOME is); null when that cannot be asked.
import { execFile } from 'node:child_process';

export type Runner = (file: string, args: string[]) => Promise<string>;

const run: Runner = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 3000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

export async function statusNotifierHost(runner: Runner = run, platform: NodeJS.Platform = process.platform): Promise<boolean | null> {
  if (platform !== 'linux') return true;
  try {
    const answer = await runner('gdbus', ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner', 'org.kde.StatusNotifierWatcher']);
    if (/\(true,?\)/.test(answer)) return true;
    if (/\(false,?\)/.test(answer)) return false;
    return null;
  } catch {
    return null;
  }
}
