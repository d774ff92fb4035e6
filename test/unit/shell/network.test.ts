// Proxy setting and spell-check dictionary source (both settable by policy).
import { describe, expect, it } from 'vitest';
import { parseProxySetting } from '../../../electron/core/shell/proxy.ts';
import { dictionaryBaseUrl, pickSpellLanguages } from '../../../electron/core/shell/spellcheck.ts';

describe('parseProxySetting', () => {
  const good: Array<[string, unknown]> = [
    ['system', { mode: 'system' }],
    ['', { mode: 'system' }],
    ['direct', { mode: 'direct' }],
    ['pac:https://wpad.example.org/proxy.pac', { mode: 'pac_script', pacScript: 'https://wpad.example.org/proxy.pac' }],
    ['proxy.example.org:3128', { mode: 'fixed_servers', proxyRules: 'proxy.example.org:3128', proxyBypassRules: '' }],
    ['http://proxy:3128', { mode: 'fixed_servers', proxyRules: 'http://proxy:3128', proxyBypassRules: '' }],
    ['socks5://127.0.0.1:1080', { mode: 'fixed_servers', proxyRules: 'socks5://127.0.0.1:1080', proxyBypassRules: '' }],
    ['https=proxy:443,http=proxy:80', { mode: 'fixed_servers', proxyRules: 'https=proxy:443,http=proxy:80', proxyBypassRules: '' }],
    ['proxy:3128;bypass=.intern.example.org, localhost,<local>', { mode: 'fixed_servers', proxyRules: 'proxy:3128', proxyBypassRules: '.intern.example.org,localhost,<local>' }],
  ];
  it.each(good)('%j', (raw, config) => {
    expect(parseProxySetting(raw)).toEqual({ ok: true, config });
  });
  const bad = ['pac:not a url', 'pac:javascript:alert(1)', 'proxy host:3128', 'proxy:3128;evil=1', 'proxy:3128\nX', 'a b'];
  it.each(bad)('refuses %j with a message naming the setting', (raw) => {
    const verdict = parseProxySetting(raw);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.error).toMatch(/^shell\.proxy/);
  });
});

describe('spell checking', () => {
  const available = ['en-GB', 'en-US', 'nl', 'de-DE'];
  it.each([
    [['nl', 'en-GB'], ['nl', 'en-GB']],
    [['nl-NL', 'en'], ['nl', 'en-GB']],
    [['fy', 'nl'], ['nl']],
    [[], []],
    [['en-US', 'en-us'], ['en-US']],
  ])('%j → %j', (wanted, picked) => {
    expect(pickSpellLanguages(wanted, available)).toEqual(picked);
  });
  it.each([
    ['', { ok: true, url: null }],
    ['https://dict.example.org/hunspell', { ok: true, url: 'https://dict.example.org/hunspell/' }],
    ['https://dict.example.org/hunspell/', { ok: true, url: 'https://dict.example.org/hunspell/' }],
    ['http://127.0.0.1:8080/dicts/', { ok: true, url: 'http://127.0.0.1:8080/dicts/' }],
  ])('dictionary %j', (raw, verdict) => {
    expect(dictionaryBaseUrl(raw)).toEqual(verdict);
  });
  it.each(['http://dict.example.org/', 'ftp://x/', 'nope', 'https://u:p@x/', 'https://x/?a=1'])('refuses dictionary source %j', (raw) => {
    expect(dictionaryBaseUrl(raw).ok).toBe(false);
  });
});
