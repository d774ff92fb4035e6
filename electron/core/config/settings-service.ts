// Effective settings: schema defaults ← policy defaults ← the user's values ← policy locks.
// Locked keys cannot be set; invalid stored values are dropped (and logged) rather than crash.
import { settingKeys, settingsShape, defaultSettings, parseSettingValue, type SettingKey, type Settings } from './settings-schema.ts';
import type { SettingsStore } from './settings-store.ts';
import type { LoadedPolicy } from './policy-load.ts';
import { isDeepStrictEqual } from 'node:util';
import { uiLanguage, type UiLanguage } from './ui-language.ts';

export interface SettingsView {
  values: Settings;
  locked: SettingKey[];
  policyFile: string;
  /** In the user's language. */
  policyProblems: Array<{ file: string; line: number; column: number; message: string; nl: string }>;
}

export class SettingLockedError extends Error {
  constructor(key: string, language: UiLanguage = 'en') {
    super(language === 'nl' ? `"${key}" is vastgelegd in het beleid van je organisatie en kan hier niet worden gewijzigd` : `"${key}" is set by your organisation's policy and cannot be changed here`);
    this.name = 'SettingLockedError';
  }
}

export class SettingsService {
  private user: Partial<Settings>;
  private readonly listeners = new Set<(view: SettingsView) => void>();

  private readonly store: SettingsStore;
  readonly policy: LoadedPolicy;
  private readonly log: (message: string) => void;
  /** The app's locale (Electron's app.getLocale(), the preview's WERKPLEK_LOCALE); absent: the environment's. */
  private readonly locale: string | undefined;

  constructor(store: SettingsStore, policy: LoadedPolicy, log: (message: string) => void = () => {}, locale?: string) {
    this.store = store;
    this.policy = policy;
    this.log = log;
    this.locale = locale;
    this.user = this.readValidUserValues();
  }

  private readValidUserValues(): Partial<Settings> {
    const raw = this.store.read();
    const valid: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (!Object.hasOwn(settingsShape, key)) {
        this.log(`settings: ignoring unknown stored key "${key}"`);
        continue;
      }
      const result = settingsShape[key as SettingKey].safeParse(value);
      if (result.success) valid[key] = result.data;
      else this.log(`settings: ignoring invalid stored value for "${key}"`);
    }
    return valid as Partial<Settings>;
  }

  lockedKeys(): SettingKey[] {
    return Object.keys(this.policy.policy.locked ?? {}) as SettingKey[];
  }

  isLocked(key: SettingKey): boolean {
    return Object.hasOwn(this.policy.policy.locked ?? {}, key);
  }

  values(): Settings {
    return { ...defaultSettings(), ...this.policy.policy.defaults, ...this.user, ...this.policy.policy.locked } as Settings;
  }

  get<K extends SettingKey>(key: K): Settings[K] {
    return this.values()[key];
  }

  /** Dutch or English, for texts the core makes itself. */
  /** The language of texts the core makes: the setting, else the app's locale, as the renderer picks its own. */
  language(): UiLanguage {
    return uiLanguage(this.locale ? { LANG: this.locale } : process.env, this.get('general.locale'));
  }

  /**
   * For flows that would store a value later (sign-in to a server): refuses up front, before
   * anything is contacted or kept, when the key is locked to something else.
   */
  ensureAllows<K extends SettingKey>(key: K, value: Settings[K]): void {
    if (this.isLocked(key) && !isDeepStrictEqual(this.get(key), value)) throw new SettingLockedError(key, this.language());
  }

  view(): SettingsView {
    // Both languages: the renderer shows the one its UI speaks (its language may differ from the core's environment).
    const policyProblems = this.policy.problems.map(({ file, line, column, message, nl }) => ({ file, line, column, message, nl }));
    return { values: this.values(), locked: this.lockedKeys(), policyFile: this.policy.file, policyProblems };
  }

  set<K extends SettingKey>(key: K, value: unknown): SettingsView {
    if (!settingKeys.includes(key)) throw new Error(`unknown setting "${key}"`);
    if (this.isLocked(key)) throw new SettingLockedError(key, this.language());
    this.user = { ...this.user, [key]: parseSettingValue(key, value) };
    return this.persist();
  }

  reset(key: SettingKey): SettingsView {
    if (this.isLocked(key)) throw new SettingLockedError(key, this.language());
    const { [key]: _removed, ...rest } = this.user;
    this.user = rest;
    return this.persist();
  }

  onChange(listener: (view: SettingsView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private persist(): SettingsView {
    this.store.write(this.user as Record<string, unknown>);
    const view = this.view();
    for (const listener of this.listeners) listener(view);
    return view;
  }
}
