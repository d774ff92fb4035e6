// The shell window: hardened preferences, the UI from app://werkplek, size and position remembered.
import { screen, type BrowserWindow } from 'electron';
import { createHardenedWindow } from './web-preferences.ts';
import { createWindowStateStore } from './electron-store-settings.ts';

interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

function visible(bounds: Bounds): boolean {
  if (bounds.x === undefined || bounds.y === undefined) return true;
  return screen.getAllDisplays().some(({ workArea }) => bounds.x! < workArea.x + workArea.width && bounds.x! + bounds.width > workArea.x && bounds.y! < workArea.y + workArea.height && bounds.y! + bounds.height > workArea.y);
}

export function createShellWindow(preloadPath: string, options: { show: boolean } = { show: true }): BrowserWindow {
  const state = createWindowStateStore();
  const saved = (state.get('bounds') as Bounds | undefined) ?? { width: 1280, height: 820 };
  const bounds = visible(saved) ? saved : { width: saved.width, height: saved.height };
  const window = createHardenedWindow({
    ...bounds,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'Werkplek',
    backgroundColor: '#f5f6f8',
    preload: preloadPath,
  });
  // Dragging an edge fires resize many times a second: write the state once it settles, and on close.
  let pending: ReturnType<typeof setTimeout> | null = null;
  const remember = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    if (window.isDestroyed()) return;
    state.set('bounds', { ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const rememberSoon = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(remember, 500);
  };
  window.on('resize', rememberSoon);
  window.on('move', rememberSoon);
  window.on('close', remember);
  // maximize() shows a hidden window (Electron), so a maximized window is maximized when it shows:
  // after the first paint, or — started at login with --hidden — when the user first opens it.
  const maximizeIfSaved = () => {
    if (saved.maximized && !window.isDestroyed() && !window.isMaximized()) window.maximize();
  };
  if (options.show) {
    window.once('ready-to-show', () => {
      maximizeIfSaved();
      window.show();
    });
  } else window.once('show', maximizeIfSaved);
  // The shell UI never navigates away from itself and never opens windows.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.loadURL('app://werkplek/index.html').catch((error: unknown) => console.error('shell UI did not load', error instanceof Error ? error.message : error));
  return window;
}
