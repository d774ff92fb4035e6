// A broken policy never stops the app; its problems name the file, line and column.
import { describe, expect, it } from 'vitest';
import { parsePolicyText, loadPolicy, policyPathFromEnv } from '../../../electron/core/config/policy-load.ts';
import { policyJsonSchema } from '../../../electron/core/config/policy-schema.ts';

const file = '/etc/werkplek/policy.json';

describe('policy file', () => {
  it('accepts a valid policy', () => {
    const loaded = parsePolicyText(file, JSON.stringify({ organisation: 'Gemeente Voorbeeld', apps: [{ id: 'mail', name: 'Mail', url: 'https://mail.example.org' }], locked: { 'shell.allowDevTools': false } }));
    expect(loaded.problems).toEqual([]);
    expect(loaded.policy.apps?.[0]).toMatchObject({ id: 'mail', partition: 'persist:werkplek', badge: 'title-count' });
  });

  it('reports a JSON syntax error at its line and column and falls back to an empty policy', () => {
    const text = '{\n  "organisation": "X",\n  "apps": [\n    { "id": "a" ,, }\n  ]\n}\n';
    const loaded = parsePolicyText(file, text);
    expect(loaded.policy).toEqual({});
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ file, line: 4, column: 18 });
    expect(loaded.problems[0]!.message).toMatch(/invalid JSON/);
  });

  it('points at the value with the wrong type', () => {
    const text = '{\n  "locked": {\n    "sync.parallelTransfers": "six"\n  }\n}';
    const [problem] = parsePolicyText(file, text).problems;
    expect(problem).toMatchObject({ line: 3, column: 31 });
    expect(problem!.message).toContain('locked.sync.parallelTransfers');
  });

  it('keeps absent keys absent (no defaults filled into defaults/locked)', () => {
    const loaded = parsePolicyText(file, JSON.stringify({ defaults: { 'sync.pollIntervalSeconds': 45 }, locked: {} }));
    expect(loaded.policy.defaults).toEqual({ 'sync.pollIntervalSeconds': 45 });
    expect(loaded.policy.locked).toEqual({});
  });

  it('points at an unknown key', () => {
    const text = '{\n  "organisation": "X",\n  "lockedd": {}\n}';
    const [problem] = parsePolicyText(file, text).problems;
    expect(problem).toMatchObject({ line: 3, column: 3 });
    expect(problem!.message).toContain('unknown key "lockedd"');
  });

  it('points at an unknown setting key inside defaults', () => {
    const text = '{ "defaults": {\n "sync.serverUrl": "https://cloud.example.org",\n "sync.severUrl": "typo" } }';
    const [problem] = parsePolicyText(file, text).problems;
    expect(problem).toMatchObject({ line: 3, column: 2 });
    expect(problem!.message).toContain('sync.severUrl');
  });

  it('rejects an app with a bad id or url', () => {
    const loaded = parsePolicyText(file, JSON.stringify({ apps: [{ id: 'Bad Id', name: 'x', url: 'not a url' }] }));
    expect(loaded.problems.map((p) => p.message).join('\n')).toMatch(/apps\.0\.id[\s\S]*apps\.0\.url/);
  });

  it('treats an empty file as a problem, a missing file as no policy', () => {
    expect(parsePolicyText(file, '').problems[0]).toMatchObject({ line: 1, column: 1 });
    const missing = loadPolicy('/nonexistent/werkplek/policy.json');
    expect(missing).toMatchObject({ present: false, problems: [], policy: {} });
  });

  it('reports an unreadable path without throwing', () => {
    const loaded = loadPolicy('/');
    expect(loaded.present).toBe(true);
    expect(loaded.problems[0]!.message).toMatch(/cannot read/);
  });

  it('takes its path from WERKPLEK_POLICY in a development run, else /etc/werkplek/policy.json', () => {
    expect(policyPathFromEnv({ WERKPLEK_POLICY: '/tmp/p.json' }, false)).toBe('/tmp/p.json');
    expect(policyPathFromEnv({})).toBe('/etc/werkplek/policy.json');
    // The packaged app never takes a user's file instead of the system's.
    expect(policyPathFromEnv({ WERKPLEK_POLICY: '/tmp/p.json' }, true)).toBe('/etc/werkplek/policy.json');
  });

  it('publishes a JSON Schema that names every section', () => {
    const schema = policyJsonSchema() as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['organisation', 'apps', 'defaults', 'locked']));
    expect(schema.additionalProperties).toBe(false);
  });
});
