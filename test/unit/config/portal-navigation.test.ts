// The portal's navigation format read into apps: whatever the text, a verdict and never a throw;
// bad entries left out alone, links under the same rules as policy apps.
import { describe, expect, it } from 'vitest';
import { appIdFor, MAX_ENTRIES, MAX_NAVIGATION_BYTES, parseNavigation } from '../../../electron/core/config/portal-navigation.ts';
import { navigationDocument } from '../../fixtures/portal-navigation.ts';

const source = 'https://ics.voorbeeld.nl/navigation.json';
const nav = (entries: unknown[], display_name = 'Werk') => JSON.stringify({ categories: [{ identifier: 'c', display_name, entries }] });
const entry = (identifier: string, link: string, extra: Record<string, unknown> = {}) => ({ identifier, display_name: identifier.toUpperCase(), link, ...extra });

describe('parseNavigation', () => {
  it('reads the portal format: ids, names, absolute links and icons, the category as group, one entry listed twice once', () => {
    const verdict = parseNavigation(JSON.stringify(navigationDocument('nl-NL')), source);
    expect(verdict).toEqual({
      ok: true,
      dropped: [],
      entries: [
        { id: 'nextcloud', name: 'Bestanden', url: 'https://files.voorbeeld.nl/', group: 'Samenwerken', iconUrl: 'https://ics.voorbeeld.nl/icons/nextcloud.svg' },
        { id: 'element-chat', name: 'Chat', url: 'https://chat.voorbeeld.nl/', group: 'Samenwerken', iconUrl: 'https://ics.voorbeeld.nl/icons/element.png' },
        { id: 'ox', name: 'E-mail', url: 'https://mail.voorbeeld.nl/appsuite/', group: 'Samenwerken', iconUrl: null },
        { id: 'umc', name: 'Gebruikers', url: 'https://portal.voorbeeld.nl/univention/management/', group: 'Beheer', iconUrl: 'https://ics.voorbeeld.nl/icons/umc.svg' },
      ],
    });
  });

  it.each([
    ['javascript:alert(1)'],
    ['file:///etc/passwd'],
    ['http://mail.voorbeeld.nl/'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://user:secret@files.voorbeeld.nl/'],
    ['vbscript:x'],
  ])('a link an app may not have (%s) leaves that entry out, the rest counts', (link) => {
    const verdict = parseNavigation(nav([entry('bad', link), entry('good', 'https://good.voorbeeld.nl/')]), source);
    expect(verdict).toMatchObject({ ok: true, dropped: [{ code: 'bad-link', identifier: 'bad' }] });
    expect(verdict.ok && verdict.entries.map((e) => e.id)).toEqual(['good']);
  });

  it('http is fine to this computer itself, as for policy apps; relative links resolve against the source', () => {
    const verdict = parseNavigation(nav([entry('local', 'http://127.0.0.1:8080/'), entry('rel', '/apps/wiki/')]), source);
    expect(verdict.ok && verdict.entries.map((e) => e.url)).toEqual(['http://127.0.0.1:8080/', 'https://ics.voorbeeld.nl/apps/wiki/']);
  });

  it('an icon URL that is not https is not used (the entry stays)', () => {
    const verdict = parseNavigation(nav([entry('a', 'https://a.voorbeeld.nl/', { icon_url: 'javascript:alert(1)' }), entry('b', 'https://b.voorbeeld.nl/', { icon_url: 'http://cdn.example/x.png' })]), source);
    expect(verdict.ok && verdict.entries.map((e) => e.iconUrl)).toEqual([null, null]);
  });

  it('the same id for another link: the first counts, the second is left out and named', () => {
    const verdict = parseNavigation(nav([entry('Chat', 'https://chat.voorbeeld.nl/'), entry('chat', 'https://chat.evil.example/')]), source);
    expect(verdict).toMatchObject({ ok: true, entries: [{ id: 'chat', url: 'https://chat.voorbeeld.nl/' }], dropped: [{ code: 'duplicate-id', identifier: 'chat' }] });
  });

  it('identifiers become app ids; one that cannot be is left out', () => {
    expect(appIdFor('Element_Chat')).toBe('element-chat');
    expect(appIdFor('  open xchange ')).toBe('open-xchange');
    expect(appIdFor('x'.repeat(60))).toBe('x'.repeat(40));
    expect(appIdFor('___')).toBeNull();
    expect(appIdFor('öäü')).toBeNull();
    expect(parseNavigation(nav([entry('@@@', 'https://a.voorbeeld.nl/')]), source)).toEqual({ ok: false, code: 'no-usable-entries' });
  });

  it('names are shortened to what the sidebar holds, control characters out', () => {
    const verdict = parseNavigation(nav([{ identifier: 'a', display_name: `Lang\u0007${'x'.repeat(100)}`, link: 'https://a.voorbeeld.nl/' }], 'Groep\nnaam'), source);
    expect(verdict.ok && verdict.entries[0]!.name).toHaveLength(60);
    expect(verdict.ok && verdict.entries[0]!.name).toMatch(/^Lang x+…$/);
    expect(verdict.ok && verdict.entries[0]!.group).toBe('Groep naam');
  });

  it.each<[string, string, string]>([
    ['not JSON', '<html>Sessie verlopen</html>', 'not-json'],
    ['empty', '', 'not-json'],
    ['an array', '[]', 'not-navigation'],
    ['another shape', '{"apps":[]}', 'not-navigation'],
    ['categories not a list', '{"categories":{}}', 'not-navigation'],
    ['deep nesting', `${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'not-navigation'],
    ['deep nesting inside', `{"categories":[{"display_name":"x","entries":[{"identifier":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}]}`, 'no-usable-entries'],
    ['only bad entries', nav([entry('a', 'javascript:x'), entry('b', 'file:///x')]), 'no-usable-entries'],
    ['too large', `{"categories":[],"x":"${'a'.repeat(MAX_NAVIGATION_BYTES)}"}`, 'not-navigation'],
  ])('%s: refused whole (the caller keeps its last good list)', (_name, text, code) => {
    expect(parseNavigation(text, source)).toEqual({ ok: false, code });
  });

  it('an empty navigation is a valid (empty) list; more than the entry limit is cut and counted', () => {
    expect(parseNavigation('{"categories":[]}', source)).toEqual({ ok: true, entries: [], dropped: [] });
    const many = Array.from({ length: MAX_ENTRIES + 5 }, (_, i) => entry(`app-${i}`, `https://a${i}.voorbeeld.nl/`));
    const verdict = parseNavigation(nav(many), source);
    expect(verdict.ok && verdict.entries).toHaveLength(MAX_ENTRIES);
    expect(verdict.ok && verdict.dropped.filter((d) => d.code === 'too-many')).toHaveLength(5);
  });
});
