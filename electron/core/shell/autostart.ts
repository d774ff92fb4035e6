// Start at login on Linux: an XDG autostart entry (~/.config/autostart/werkplek.desktop).
// Never `--no-sandbox`; the Exec line quotes per the Desktop Entry spec.
import { join } from 'node:path';

export const autostartFileName = 'werkplek.desktop';

export function autostartPath(env: { XDG_CONFIG_HOME?: string | undefined }, home: string): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart', autostartFileName);
}

/** Quote one Exec argument (Desktop Entry spec, "The Exec key"). */
export function quoteExecArg(arg: string): string {
  if (/[\n\r\0]/.test(arg)) throw new Error('an autostart argument may not contain a line break or NUL');
  if (arg !== '' && !/[\s"'\\`$<>~|&;*?#()%]/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

export function autostartEntry(options: { exec: string; args?: readonly string[]; name?: string }): string {
  const args = options.args ?? ['--hidden'];
  if ([options.exec, ...args].some((arg) => arg.includes('--no-sandbox'))) throw new Error('refusing to write an autostart entry with --no-sandbox');
  const exec = [options.exec, ...args].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${options.name ?? 'Werkplek'}`,
    'Comment=Your workplace: web apps, files and chat notifications',
    `Exec=${exec}`,
    'Icon=werkplek',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=false',
    '',
  ].join('\n');
}
