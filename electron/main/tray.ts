// The tray icon: unread count (apps' badges plus Matrix) in the tooltip, icon and launcher badge,
// and a menu to open the window, restart to install a downloaded update, see and pause sync,
// switch do-not-disturb and quit.
import { app, Menu, nativeImage, Tray } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { trayLabel } from '../core/shell/badges.ts';
import type { MainTexts } from '../core/shell/main-texts.ts';

export interface TrayState {
  unread: number;
  syncState: string;
  syncPaused: boolean;
  doNotDisturb: boolean;
  /** A downloaded update's version, waiting for a restart; null when there is none. */
  updateVersion: string | null;
}

export interface TrayActions {
  open(): void;
  setSyncPaused(paused: boolean): void;
  setDoNotDisturb(on: boolean): void;
  /** The person chose "Restart to update". */
  restartToUpdate(): void;
  quit(): void;
}

/** Tray images ship in assets/tray (dev) or resources/tray (package). */
function trayImage(unread: boolean): Electron.NativeImage {
  const name = unread ? 'tray-unread.png' : 'tray.png';
  const candidates = [join(app.getAppPath(), 'assets/tray', name), join(process.resourcesPath ?? '', 'tray', name)];
  const file = candidates.find((candidate) => existsSync(candidate));
  return file ? nativeImage.createFromPath(file) : nativeImage.createEmpty();
}

export class WerkplekTray {
  private readonly tray: Tray;
  private readonly actions: TrayActions;
  private texts: MainTexts;
  private state: TrayState = { unread: 0, syncState: 'not-configured', syncPaused: false, doNotDisturb: false, updateVersion: null };
  /** The menu as last built (skip identical rebuilds) and when; sync reports several times a second. */
  private builtMenu = '';
  private builtAt = 0;
  private menuTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(texts: MainTexts, actions: TrayActions) {
    this.texts = texts;
    this.actions = actions;
    this.tray = new Tray(trayImage(false));
    this.tray.on('click', () => actions.open());
    this.render();
  }

  update(patch: Partial<TrayState>, texts?: MainTexts): void {
    const unreadChanged = patch.unread !== undefined && patch.unread > 0 !== this.state.unread > 0;
    this.state = { ...this.state, ...patch };
    if (texts) this.texts = texts;
    if (unreadChanged) this.tray.setImage(trayImage(this.state.unread > 0));
    this.render();
  }

  private render(): void {
    const label = trayLabel(this.state.unread, this.texts.unread);
    this.tray.setToolTip(label);
    app.setBadgeCount(this.state.unread); // Unity launcher count where the desktop supports it
    // The menu: at most once a second (the last state always lands), and never an identical one.
    const wanted = JSON.stringify([this.state, this.texts.lang]);
    if (wanted === this.builtMenu || this.menuTimer) return;
    const wait = this.builtAt + 1000 - Date.now();
    if (wait <= 0) return this.buildMenu(label, wanted);
    this.menuTimer = setTimeout(() => {
      this.menuTimer = null;
      const latest = JSON.stringify([this.state, this.texts.lang]);
      if (latest !== this.builtMenu) this.buildMenu(trayLabel(this.state.unread, this.texts.unread), latest);
    }, wait);
  }

  private buildMenu(label: string, key: string): void {
    this.builtMenu = key;
    this.builtAt = Date.now();
    const t = this.texts;
    const syncWord = t.syncStates[this.state.syncState] ?? this.state.syncState;
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: t.open, click: () => this.actions.open() },
        ...(this.state.updateVersion === null ? [] : [{ label: t.restartToUpdate.replace('{version}', this.state.updateVersion), click: () => this.actions.restartToUpdate() }]),
        { label, enabled: false },
        { type: 'separator' },
        { label: t.syncStatus.replace('{state}', syncWord), enabled: false },
        { label: t.pauseSync, type: 'checkbox', checked: this.state.syncPaused, enabled: this.state.syncState !== 'not-configured', click: (item) => this.actions.setSyncPaused(item.checked) },
        { label: t.doNotDisturb, type: 'checkbox', checked: this.state.doNotDisturb, click: (item) => this.actions.setDoNotDisturb(item.checked) },
        { type: 'separator' },
        { label: t.quit, click: () => this.actions.quit() },
      ]),
    );
  }

  destroy(): void {
    if (this.menuTimer) clearTimeout(this.menuTimer);
    this.menuTimer = null;
    this.tray.destroy();
  }
}
