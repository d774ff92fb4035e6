// Dutch and English translations have the same keys in every namespace, so no Dutch user meets
// an English fallback (or a raw key) by accident.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNC_ISSUE_KINDS } from '../../../electron/core/sync/model.ts';

const i18nDir = resolve(import.meta.dirname, '../../../renderer/src/i18n');

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

const read = (language: string, file: string) => JSON.parse(readFileSync(join(i18nDir, language, file), 'utf8')) as unknown;

describe('translations', () => {
  const namespaces = readdirSync(join(i18nDir, 'en')).filter((file) => file.endsWith('.json'));

  it('has the same namespaces in both languages', () => {
    expect(readdirSync(join(i18nDir, 'nl')).filter((file) => file.endsWith('.json')).sort()).toEqual(namespaces.sort());
    expect(namespaces).toContain('common.json');
  });

  it.each(namespaces)('%s has the same keys in nl and en, none empty', (file) => {
    const en = read('en', file);
    const nl = read('nl', file);
    expect(keys(nl).sort()).toEqual(keys(en).sort());
    const empty = keys(nl).filter((key) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], nl) === '');
    expect(empty).toEqual([]);
  });

  it('every reason the sync engine gives for not syncing an item has a text in both languages', () => {
    for (const language of ['en', 'nl']) {
      const skipped = (read(language, 'sync.json') as { skipped: Record<string, string> }).skipped;
      expect(SYNC_ISSUE_KINDS.filter((kind) => !skipped[kind]), language).toEqual([]);
    }
  });
});
