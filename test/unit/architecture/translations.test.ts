// Dutch and English translations have the same keys in every namespace, so no Dutch user meets
// an English fallback (or a raw key) by accident.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNC_ISSUE_KINDS } from '../../../electron/core/sync/model.ts';

const syncDir = resolve(import.meta.dirname, '../../../electron/core/sync');

/** Every code a sync error can carry (status.ts sends ItemError.kind): the RemoteError kinds and the names of the sync's own error classes. */
function syncErrorKinds(): string[] {
  const remote = readFileSync(join(syncDir, 'remote-error.ts'), 'utf8');
  const union = /export type RemoteErrorKind =([^;]+);/.exec(remote)?.[1] ?? '';
  const kinds = [...union.matchAll(/'(\w+)'/g)].map((match) => match[1]!);
  for (const file of readdirSync(syncDir).filter((name) => name.endsWith('.ts'))) {
    for (const match of readFileSync(join(syncDir, file), 'utf8').matchAll(/this\.name = '(\w+)'/g)) kinds.push(match[1]!);
  }
  // Errors about the account (sign-in) and aborted runs never reach the list of item errors.
  return kinds.filter((kind) => !['RemoteError', 'AccountAuthError', 'AccountIdError'].includes(kind));
}

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

  it('every kind of sync error has a text in both languages', () => {
    const kinds = syncErrorKinds();
    expect(kinds).toContain('quota');
    expect(kinds).toContain('WaitingForSpace');
    for (const language of ['en', 'nl']) {
      const texts = (read(language, 'sync.json') as { errors: { kind: Record<string, string> } }).errors.kind;
      expect(kinds.filter((kind) => !texts[kind]), language).toEqual([]);
      expect(texts.other, language).toBeTruthy();
    }
  });

  it('every reason the sync engine gives for not syncing an item has a text in both languages', () => {
    for (const language of ['en', 'nl']) {
      const skipped = (read(language, 'sync.json') as { skipped: Record<string, string> }).skipped;
      expect(SYNC_ISSUE_KINDS.filter((kind) => !skipped[kind]), language).toEqual([]);
    }
  });
});
