// The only place that states webPreferences (Electron checklist #2–#4, #6, #8–#11). The shell UI
// gets the bridge preload; hosted web apps get none and live in their own partition.
import type { WebPreferences } from 'electron';

const hardened = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  disableBlinkFeatures: 'Auxclick',
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;

export function shellWebPreferences(preloadPath: string): WebPreferences {
  return { ...hardened, preload: preloadPath };
}

export function appViewWebPreferences(partition: string): WebPreferences {
  return { ...hardened, partition, spellcheck: true };
}
