// The shell's views, for specs that visit every one of them (accessibility, language, screenshots):
// the app view and each panel behind the sidebar's tool buttons, by their visible names in English
// and Dutch (the names come from renderer/src/i18n, read here so a renamed label updates the walk).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export type Language = 'en' | 'nl';
export const locales: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL' };

const i18n = (language: Language, namespace: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../renderer/src/i18n/${language}/${namespace}.json`), 'utf8')) as Record<string, unknown> & { title?: string };

/** A text from the renderer's translations, by dotted key (`text('nl', 'sync', 'actions.connect')`). */
export function text(language: Language, namespace: string, key: string): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], i18n(language, namespace));
  if (typeof value !== 'string') throw new Error(`no text ${namespace}:${key} in ${language}`);
  return value;
}

export interface View {
  id: 'apps' | 'settings' | 'files' | 'downloads' | 'notifications';
  /** The tool button's visible name; null for the app view. */
  button(language: Language): string | null;
}

export const views: View[] = [
  { id: 'apps', button: () => null },
  { id: 'settings', button: (language) => text(language, 'common', 'openSettings') },
  { id: 'files', button: (language) => text(language, 'sync', 'title') },
  { id: 'downloads', button: (language) => text(language, 'shell', 'downloadsTitle') },
  { id: 'notifications', button: (language) => text(language, 'matrix', 'title') },
];

/** Opens the view from the app view (the first app shown) and waits until its panel is there. */
export async function openView(page: Page, view: View, language: Language): Promise<void> {
  await expect(page.getByRole('tab').first()).toBeVisible();
  const name = view.button(language);
  if (name === null) {
    // The shown app's page loaded, not only its frame (a blank frame makes a different screenshot).
    await expect(page.locator('iframe').first()).toBeVisible();
    await expect(page.frameLocator('iframe').first().locator('body')).not.toBeEmpty();
    return;
  }
  await page.getByRole('group').getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name, exact: true }).getByRole('heading').first()).toBeVisible();
}
