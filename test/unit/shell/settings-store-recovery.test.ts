// A settings file that is not valid JSON must not stop the app: the real electron-store (over
// `conf`) is used, with only the `electron` module faked for its user-data path.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const userData = mkdtempSync(join(tmpdir(), 'werkplek-store-'));
vi.mock('electron', () => {
  const app = { getPath: () => userData, getVersion: () => '0.1.0', getName: () => 'werkplek' };
  const ipcMain = { on: () => {} };
  return { default: { app, ipcMain, shell: {} }, app, ipcMain, shell: {} };
});

const { createElectronSettingsStore } = await import('../../../electron/main/electron-store-settings.ts');

describe('electron-store settings', () => {
  it('round-trips values', () => {
    const store = createElectronSettingsStore();
    store.write({ 'general.locale': 'nl' });
    expect(createElectronSettingsStore().read()).toEqual({ 'general.locale': 'nl' });
  });

  it('keeps a broken file aside and starts empty instead of failing', () => {
    writeFileSync(join(userData, 'settings.json'), '{"general.locale": "nl",');
    const warnings: string[] = [];
    const store = createElectronSettingsStore((message) => warnings.push(message));
    expect(store.read()).toEqual({});
    const aside = readdirSync(userData).filter((name) => name.startsWith('settings.json.broken-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(userData, aside[0]!), 'utf8')).toBe('{"general.locale": "nl",');
    expect(warnings[0]).toMatch(/kept it as .*broken-/);
    store.write({ 'general.locale': 'en' });
    expect(createElectronSettingsStore().read()).toEqual({ 'general.locale': 'en' });
  });
});
