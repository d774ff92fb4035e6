// The policy files IT staff get: the example validates with the same code the app runs, the
// published JSON Schema and the key table in docs/policy.md match the code that defines them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePolicyText } from '../../../electron/core/config/policy-load.ts';
import { settingKeys } from '../../../electron/core/config/settings-schema.ts';
import { policyKeyDocs } from '../../../build/policy-keys.ts';
import config from '../../../build/electron-builder.config.ts';
import { dutchSchemaFile, readmeFile, readmeWithTable, schemaFile, schemaText } from '../../../scripts/package-docs.ts';
import { policyJsonSchema } from '../../../electron/core/config/policy-schema.ts';
import { forEachPolicyProperty } from '../../../electron/core/config/policy-docs-attach.ts';

const regenerate = 'run `node scripts/package-docs.ts` and commit the result';

describe('policy example', () => {
  const text = readFileSync('build/policy.example.json', 'utf8');

  it('is a valid policy', () => {
    const loaded = parsePolicyText('build/policy.example.json', text);
    expect(loaded.problems).toEqual([]);
    expect(loaded.policy.apps?.length).toBeGreaterThan(0);
    expect(Object.keys(loaded.policy.locked ?? {})).toContain('updates.url');
  });

  it('presets the accounts (file server and Matrix homeserver)', () => {
    const policy = JSON.parse(text) as { defaults: Record<string, unknown> };
    expect(policy.defaults['sync.serverUrl']).toMatch(/^https:\/\//);
    expect(policy.defaults['matrix.homeserver']).toMatch(/^https:\/\//);
  });

  it('points $schema at the schema the packages install', () => {
    const { $schema } = JSON.parse(text) as { $schema: string };
    const shipped = (config.extraResources as Array<{ from: string; to: string }>).find((r) => r.from === schemaFile);
    expect(shipped).toBeDefined();
    expect($schema).toBe(`file:///opt/${config.productName}/resources/${shipped!.to}`);
  });

  it('a broken copy is reported with line and column, not accepted', () => {
    const broken = text.replace('"shell.allowDevTools": false', '"shell.allowDevTools": "no"');
    const loaded = parsePolicyText('policy.json', broken);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]!.line).toBeGreaterThan(1);
    expect(loaded.problems[0]!.message).toContain('shell.allowDevTools');
  });
});

describe('generated IT documentation', () => {
  it('build/policy.schema.json and build/policy.schema.nl.json are the current policy schema', () => {
    expect(readFileSync(schemaFile, 'utf8'), regenerate).toBe(schemaText('en'));
    expect(readFileSync(dutchSchemaFile, 'utf8'), regenerate).toBe(schemaText('nl'));
  });

  it('every settings key is described, and nothing else', () => {
    expect(Object.keys(policyKeyDocs).sort(), 'describe each key in electron/core/config/policy-key-docs.ts').toEqual([...settingKeys].sort());
  });

  it('every field of the schema carries a description in English and in Dutch, each in its own language', () => {
    const en = policyJsonSchema('en');
    const nl = policyJsonSchema('nl');
    const described = (schema: unknown) => {
      const found = new Map<string, string | undefined>();
      forEachPolicyProperty(schema, (node, path) => found.set(path, node.description));
      return found;
    };
    const english = described(en);
    const dutch = described(nl);
    const missing = [...english].filter(([path, text]) => !text?.trim() || !dutch.get(path)?.trim()).map(([path]) => path);
    expect(missing, 'describe these in electron/core/config/policy-field-docs.ts or policy-key-docs.ts').toEqual([]);
    const untranslated = [...english].filter(([path, text]) => dutch.get(path) === text).map(([path]) => path);
    expect(untranslated).toEqual([]);
    // Both languages describe the same places; the schema itself is otherwise the same.
    expect(JSON.stringify(nl).replace(/"description":"(?:[^"\\]|\\.)*"/g, '')).toBe(JSON.stringify(en).replace(/"description":"(?:[^"\\]|\\.)*"/g, ''));
    expect(english.get('sync.enabled')).toBe(policyKeyDocs['sync.enabled'].description.en);
    expect(dutch.get('app/url')).toMatch(/https:/);
  });

  it('the key table in docs/policy.md is current', () => {
    const readme = readFileSync(readmeFile, 'utf8');
    expect(readme, regenerate).toBe(readmeWithTable(readme));
  });
});
