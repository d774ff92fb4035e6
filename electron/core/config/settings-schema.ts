// The one settings schema: every key with its type and default. Users change values through the
// UI; IT staff preset (`defaults`) or lock (`locked`) them in the policy file with the same keys.
import { z } from 'zod';
import { generalSettings } from './settings-general.ts';
import { syncSettings } from './settings-sync.ts';
import { matrixSettings } from './settings-matrix.ts';
import { shellSettings } from './settings-shell.ts';
import { catalogSourceSettings } from './catalog-source-settings.ts';

export const settingsShape = {
  ...generalSettings,
  ...syncSettings,
  ...matrixSettings,
  ...shellSettings,
  ...catalogSourceSettings,
};

export const settingsSchema = z.object(settingsShape);
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const settingKeys = Object.keys(settingsShape) as SettingKey[];
export const settingKeySchema = z.enum(settingKeys as [SettingKey, ...SettingKey[]]);

/**
 * A partial set of settings where every present value has the right type. Built from the inner
 * types without their defaults: zod's `.partial()` would fill every absent key with its default,
 * which in a policy's `locked` section would lock everything.
 */
export const partialSettingsSchema = z
  .object(Object.fromEntries(Object.entries(settingsShape).map(([key, schema]) => [key, schema.unwrap().optional()])) as { [K in SettingKey]: z.ZodOptional<ReturnType<(typeof settingsShape)[K]['unwrap']>> })
  .strict();
export type PartialSettings = Partial<Settings>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/** Validates one value for one key; throws a ZodError that names the key. */
export function parseSettingValue<K extends SettingKey>(key: K, value: unknown): Settings[K] {
  return settingsShape[key].parse(value, { path: [key] } as never) as Settings[K];
}
