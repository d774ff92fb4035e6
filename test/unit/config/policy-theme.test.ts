// The policy's `theme` key: a good theme is kept, a bad colour or logo drops the theme alone (with a
// problem at its line, in English and Dutch), and later policy files win per field.
import { describe, expect, it } from 'vitest';
import { mergePolicies, parsePolicyText } from '../../../electron/core/config/policy-load.ts';

const file = '/etc/werkplek/policy.json';

describe('policy theme', () => {
  it('keeps a valid theme', () => {
    const loaded = parsePolicyText(file, JSON.stringify({ organisation: 'Ministerie', theme: { base: 'rijkshuisstijl', colours: { accent: '#154273', sidebar: '#01689b' } } }));
    expect(loaded.problems).toEqual([]);
    expect(loaded.policy.theme).toEqual({ base: 'rijkshuisstijl', colours: { accent: '#154273', sidebar: '#01689b' } });
  });

  it('drops a theme whose colour is not #rgb/#rrggbb and says where, the rest of the policy applies', () => {
    const text = '{\n  "organisation": "Ministerie",\n  "theme": { "colours": { "accent": "url(https://evil.example/x)" } }\n}';
    const loaded = parsePolicyText(file, text);
    expect(loaded.policy.theme).toBeUndefined();
    expect(loaded.policy.organisation).toBe('Ministerie');
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ line: 3 });
    expect(loaded.problems[0]!.message).toContain('theme.colours.accent');
  });

  it('refuses a logo that is not a small data: image (nothing remote is loaded)', () => {
    const loaded = parsePolicyText(file, JSON.stringify({ theme: { logo: 'https://example.org/logo.png' } }));
    expect(loaded.policy.theme).toBeUndefined();
    expect(loaded.problems[0]!.message).toContain('theme.logo');
  });

  it('refuses unknown theme keys', () => {
    const loaded = parsePolicyText(file, JSON.stringify({ theme: { base: 'neutral', font: 'Comic Sans' } }));
    expect(loaded.problems[0]!.message).toContain('unknown key "font"');
  });

  it('a later policy file wins per field', () => {
    const merged = mergePolicies([
      { policy: { theme: { base: 'rijkshuisstijl', colours: { accent: '#154273', sidebar: '#01689b' } } }, invalidLocks: [] },
      { policy: { theme: { colours: { sidebar: '#000000' } } }, invalidLocks: [] },
    ]);
    expect(merged.theme).toEqual({ base: 'rijkshuisstijl', colours: { accent: '#154273', sidebar: '#000000' } });
  });
});
