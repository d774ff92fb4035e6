// The shell's mutable state shared by its handlers and the host: active app, open panel, badges,
// each tab's load state, recent permission decisions, the downloads list and the host adapter.
import type { LoadState, Panel, PermissionNote } from '../bridge/contract-shell.ts';
import type { DownloadsService } from './downloads.ts';
import { previewShellHost, type ShellHost } from './shell-host.ts';

export interface ShellState {
  activeAppId: string | null;
  panel: Panel | null;
  badges: Record<string, number>;
  loadStates: Record<string, LoadState>;
  permissionNotes: PermissionNote[];
  host: ShellHost;
  /** Whether the Werkplek window has the focus (desktop app; the preview leaves it true). */
  windowFocused: boolean;
  /** The URL each open tab shows now (desktop app), e.g. for "that room is on screen already". */
  tabUrls: Record<string, string>;
  /** Apps whose badge a Werkplek service counts (the chat app while the Matrix notifier is signed in): their page titles do not override it. */
  serviceCountedApps: Set<string>;
  /** Filled in by createShellHandlers. */
  downloads: DownloadsService | null;
  setBadge(appId: string, count: number): void;
  setLoadState(state: LoadState): void;
  notePermission(note: PermissionNote): void;
}

export function createShellState(): ShellState {
  return {
    activeAppId: null,
    panel: null,
    badges: {},
    loadStates: {},
    permissionNotes: [],
    host: previewShellHost(),
    windowFocused: true,
    tabUrls: {},
    serviceCountedApps: new Set(),
    downloads: null,
    setBadge: () => {},
    setLoadState: () => {},
    notePermission: () => {},
  };
}
