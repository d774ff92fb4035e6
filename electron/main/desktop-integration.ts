// Start at login (an XDG autostart entry written or removed as the setting changes) and the
// werkplek:// URL scheme (registered with the desktop; links arrive in argv, also on a second launch).
import { app } from 'electron';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { homedir } from 'node:os';
import { autostartEntry, autostartPath } from '../core/shell/autostart.ts';
import { deepLinkScheme } from '../core/shell/deep-link.ts';
import type { Log } from '../core/context.ts';

/** The command the desktop should run: the AppImage when running from one, else the executable. */
export function launchCommand(): string {
  return process.env.APPIMAGE ?? app.getPath('exe');
}

export function applyStartAtLogin(enabled: boolean, log: Log): void {
  const file = autostartPath(process.env, homedir());
  try {
    if (enabled) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, autostartEntry({ exec: launchCommand() }), { mode: 0o644 });
    } else if (existsSync(file)) rmSync(file);
  } catch (error) {
    log.warn(`start at login: could not update ${file}`, error instanceof Error ? error.message : error);
  }
}

export function registerUrlScheme(log: Log): void {
  // Unpackaged runs would register the bare electron binary as the handler; only packages register.
  if (!app.isPackaged) return;
  if (!app.setAsDefaultProtocolClient(deepLinkScheme)) log.warn(`could not register ${deepLinkScheme}:// with the desktop (xdg-mime)`);
}
