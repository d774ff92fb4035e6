// Effective settings: defaults ← policy defaults ← user ← policy locks; locked keys cannot change.
import { describe, expect, it } from 'vitest';
import { SettingsService, SettingLockedError } from '../../../electron/core/config/settings-service.ts';
import { MemorySettingsStore } from '../../../electron/core/config/settings-store.ts';
import { parsePolicyText } from '../../../electron/core/config/policy-load.ts';

const policy = (value: unknown) => parsePolicyText('/p.json', JSON.stringify(value));

describe('settings service', () => {
  it('layers defaults, policy defaults, user values and locks in that order', () => {
    const store = new MemorySettingsStore();
    store.write({ 'sync.pollIntervalSeconds': 60, 'sync.parallelTransfers': 2 });
    const settings = new SettingsService(store, policy({ defaults: { 'sync.pollIntervalSeconds': 45, 'sync.serverUrl': 'https://cloud.example.org' }, locked: { 'sync.parallelTransfers': 4 } }));
    expect(settings.get('sync.pollIntervalSeconds')).toBe(60); // user beats a policy default
    expect(settings.get('sync.serverUrl')).toBe('https://cloud.example.org'); // policy default beats the schema
    expect(settings.get('sync.parallelTransfers')).toBe(4); // a lock beats the user
    expect(settings.get('general.locale')).toBe('auto'); // schema default
    expect(settings.view().locked).toEqual(['sync.parallelTransfers']);
  });

  it('refuses to change or reset a locked key, and keeps the value', () => {
    const settings = new SettingsService(new MemorySettingsStore(), policy({ locked: { 'matrix.homeserver': 'https://matrix.example.org' } }));
    expect(() => settings.set('matrix.homeserver', 'https://evil.example')).toThrow(SettingLockedError);
    expect(() => settings.reset('matrix.homeserver')).toThrow(/policy/);
    expect(settings.get('matrix.homeserver')).toBe('https://matrix.example.org');
  });

  it('validates values and persists only what passed', () => {
    const store = new MemorySettingsStore();
    const settings = new SettingsService(store, policy({}));
    expect(() => settings.set('sync.parallelTransfers', 0)).toThrow();
    expect(() => settings.set('general.locale', 'fr')).toThrow();
    settings.set('general.locale', 'nl');
    expect(store.read()).toEqual({ 'general.locale': 'nl' });
    settings.reset('general.locale');
    expect(store.read()).toEqual({});
  });

  it('drops invalid or unknown stored values instead of crashing', () => {
    const store = new MemorySettingsStore();
    store.write({ 'sync.parallelTransfers': 'lots', 'old.key': true, 'shell.closeToTray': false });
    const log: string[] = [];
    const settings = new SettingsService(store, policy({}), (message) => log.push(message));
    expect(settings.get('sync.parallelTransfers')).toBe(6);
    expect(settings.get('shell.closeToTray')).toBe(false);
    expect(log).toHaveLength(2);
  });

  it('tells listeners about every change', () => {
    const settings = new SettingsService(new MemorySettingsStore(), policy({}));
    const seen: unknown[] = [];
    settings.onChange((view) => seen.push(view.values['shell.startAtLogin']));
    settings.set('shell.startAtLogin', true);
    settings.reset('shell.startAtLogin');
    expect(seen).toEqual([true, false]);
  });
});
