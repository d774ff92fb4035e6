// What the person sees of self-updates, decided in plain Node (the Electron part only reports
// 'update-downloaded' and carries out quitAndInstall). Only an AppImage with updates on by policy
// ever shows anything; deb installs (apt updates them) and the preview host stay at 'none'.
// There is no automatic restart: a ready update waits for the person's "Restart to update", and
// otherwise electron-updater installs it on the next normal quit (autoInstallOnAppQuit).
import type { UpdateStatus } from '../bridge/contract-updates.ts';

/** How updates run in this process: 'off' covers policy off, deb/rpm, unpackaged and the preview. */
export type UpdateMode = 'off' | 'appimage';

export interface UpdateNoticeOptions {
  /** Called with every change of what the person should see. */
  onChange?(status: UpdateStatus): void;
}

export class UpdateNotice {
  private mode: UpdateMode = 'off';
  private version: string | null = null;
  private restartHook: (() => void) | null = null;
  private readonly onChange: (status: UpdateStatus) => void;
  private last = JSON.stringify({ state: 'none' });

  constructor(options: UpdateNoticeOptions = {}) {
    this.onChange = options.onChange ?? (() => {});
  }

  /** The host says how updates run here, and how to quit and install now (AppImage only). */
  start(mode: UpdateMode, restart: (() => void) | null): void {
    this.mode = mode;
    this.restartHook = mode === 'appimage' ? restart : null;
    this.changed();
  }

  /** electron-updater finished downloading this version; it installs at the next quit. */
  downloaded(version: string): void {
    this.version = version.trim() || null;
    this.changed();
  }

  status(): UpdateStatus {
    if (this.mode !== 'appimage' || this.version === null || this.restartHook === null) return { state: 'none' };
    return { state: 'ready', version: this.version };
  }

  /**
   * The person asked to restart now. Returns whether a restart was started: never without a ready
   * update, and never on its own (nothing else in Werkplek calls this).
   */
  restartNow(): boolean {
    if (this.status().state !== 'ready' || !this.restartHook) return false;
    this.restartHook();
    return true;
  }

  private changed(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.last) return;
    this.last = key;
    this.onChange(status);
  }
}

