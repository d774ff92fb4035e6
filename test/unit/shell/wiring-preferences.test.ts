// What the main process passes to Electron for windows and views (checklist #2–#4, #6, #8–#11).
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);

const { appViewWebPreferences, childWindowOptions, createAppView, createHardenedWindow, shellWebPreferences } = await import('../../../electron/main/web-preferences.ts');
const { recorded } = await import('./electron-double.ts');

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
};

describe('webPreferences', () => {
  it('shell window: hardened, with the bridge preload, no spell check', () => {
    expect(shellWebPreferences('/app/preload.cjs')).toEqual({ ...hardened, spellcheck: false, preload: '/app/preload.cjs' });
  });

  it('app views: hardened, no preload at all, their partition, spell check on', () => {
    const preferences = appViewWebPreferences('persist:werkplek');
    expect(preferences).toEqual({ ...hardened, spellcheck: true, partition: 'persist:werkplek' });
    expect('preload' in preferences).toBe(false);
  });

  it('sign-in pop-ups get the app view preferences on the same partition', () => {
    expect(childWindowOptions('persist:mail').webPreferences).toEqual(appViewWebPreferences('persist:mail'));
  });

  it('views and windows are constructed with exactly these preferences', () => {
    createAppView('persist:werkplek');
    expect(recorded.views.at(-1)?.options).toEqual({ webPreferences: appViewWebPreferences('persist:werkplek') });
    createHardenedWindow({ width: 800, height: 600, preload: '/p.cjs' });
    expect(recorded.windows.at(-1)?.options).toEqual({ width: 800, height: 600, webPreferences: shellWebPreferences('/p.cjs') });
  });

  it('no insecure value anywhere', () => {
    for (const preferences of [shellWebPreferences('/p'), appViewWebPreferences('persist:x')]) {
      expect(preferences.contextIsolation).toBe(true);
      expect(preferences.sandbox).toBe(true);
      expect(preferences.nodeIntegration).toBe(false);
      expect(preferences.webSecurity).toBe(true);
      expect(preferences.webviewTag).toBe(false);
    }
  });
});
