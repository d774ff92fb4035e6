/// <reference types="vite/client" />
// Translations: one JSON file per capability and language (i18n/en/sync.json, i18n/nl/sync.json…),
// picked up automatically. Dutch when the system locale is Dutch, unless the user chose otherwise.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

const files = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', { eager: true });

export const languages = ['en', 'nl'] as const;
export type Language = (typeof languages)[number];

function resources(): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, module] of Object.entries(files)) {
    const [, language, namespace] = /^\.\/(\w+)\/([\w-]+)\.json$/.exec(path) ?? [];
    if (!language || !namespace) continue;
    (out[language] ??= {})[namespace] = module.default;
  }
  return out;
}

export function pickLanguage(setting: string, systemLocale: string): Language {
  if (setting === 'nl' || setting === 'en') return setting;
  return systemLocale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: resources(),
    lng: language,
    fallbackLng: 'en',
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}
