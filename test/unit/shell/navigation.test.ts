// Case tables for the navigation and window.open policy (checklist #13–#15, scenarios 44–45).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideNavigation, decideWindowOpen, isAllowedSubframe } from '../../../electron/core/shell/navigation.ts';
import { isAllowedNavigation, webOrigin } from '../../../electron/core/shell/origins.ts';
import type { AppDefinition } from '../../../electron/core/config/catalog-schema.ts';

const app = (id: string, url: string, origins: string[] = []): AppDefinition => ({
  id,
  name: id,
  url,
  origins,
  partition: 'persist:werkplek',
  permissions: ['notifications'],
  badge: 'title-count',
  kind: 'other',
});

const intranet = app('intranet', 'https://intranet.example.org/', ['https://static.example.org']);
const files = app('files', 'https://cloud.example.org/apps/files/');
const talk = app('talk', 'https://cloud.example.org/apps/spreed/');
const chat = app('chat', 'https://chat.example.org/');
const demo = app('demo', 'http://127.0.0.1:4567/');
const apps = [intranet, files, talk, chat, demo];
const sso = ['https://login.example.org'];

describe('isAllowedNavigation (origin only, never string prefixes)', () => {
  const cases: Array<[string, boolean]> = [
    ['https://intranet.example.org/', true],
    ['https://intranet.example.org/news?id=1#top', true],
    ['https://INTRANET.Example.ORG/path', true],
    ['https://intranet.example.org:443/x', true],
    ['https://static.example.org/logo.png', true],
    ['https://login.example.org/auth', true],
    ['https://intranet.example.org.evil.com/', false],
    ['https://evil.com/intranet.example.org', false],
    ['https://intranet.example.org@evil.com/', false],
    ['https://evil.com@intranet.example.org/', false],
    ['https://user:pw@intranet.example.org/', false],
    ['https://intranet.example.org./', false],
    ['https://intranet.example.org:8443/', false],
    ['http://intranet.example.org/', false],
    ['https://sub.intranet.example.org/', false],
    ['https://intranet.example.org%2eevil.com/', false],
    ['https://xn--intranet-9za.example.org/', false],
    ['https://intranët.example.org/', false],
    ['javascript:alert(1)//https://intranet.example.org/', false],
    ['data:text/html,https://intranet.example.org/', false],
    ['file:///etc/passwd', false],
    ['intranet.example.org', false],
    ['', false],
    ['//intranet.example.org/', false],
    ['https://intranet.example.org\\@evil.com/', true], // WHATWG: backslash is a path separator, the host stays intranet
    ['https://evil.com\\@intranet.example.org/', false],
  ];
  it.each(cases)('%s → %s', (url, expected) => {
    expect(isAllowedNavigation(intranet, url, sso)).toBe(expected);
  });

  it('IDN hosts compare in punycode form', () => {
    const idn = app('idn', 'https://bücher.example/');
    expect(isAllowedNavigation(idn, 'https://xn--bcher-kva.example/boek')).toBe(true);
    expect(isAllowedNavigation(idn, 'https://bucher.example/')).toBe(false);
  });

  it('loopback demo apps match on port too', () => {
    expect(isAllowedNavigation(demo, 'http://127.0.0.1:4567/a')).toBe(true);
    expect(isAllowedNavigation(demo, 'http://127.0.0.1:4568/a')).toBe(false);
    expect(isAllowedNavigation(demo, 'http://localhost:4567/a')).toBe(false);
  });

  it('webOrigin refuses opaque and credentialed URLs', () => {
    expect(webOrigin('blob:https://intranet.example.org/uuid')).toBeNull();
    expect(webOrigin('https://a:b@x.org/')).toBeNull();
    expect(webOrigin('https://x.org:443/')).toBe('https://x.org');
  });
});

describe('decideNavigation', () => {
  const cases: Array<[string, string, ReturnType<typeof decideNavigation>]> = [
    ['intranet', 'https://intranet.example.org/page', { kind: 'stay' }],
    ['intranet', 'https://login.example.org/realms/x', { kind: 'stay' }],
    ['intranet', 'https://static.example.org/x.pdf', { kind: 'stay' }],
    ['chat', 'https://cloud.example.org/apps/files/?dir=/Team', { kind: 'switch', appId: 'files', url: 'https://cloud.example.org/apps/files/?dir=/Team' }],
    ['chat', 'https://cloud.example.org/apps/spreed/call/abc', { kind: 'switch', appId: 'talk', url: 'https://cloud.example.org/apps/spreed/call/abc' }],
    ['chat', 'https://cloud.example.org/index.php/s/share', { kind: 'switch', appId: 'files', url: 'https://cloud.example.org/index.php/s/share' }],
    ['files', 'https://cloud.example.org/apps/spreed/', { kind: 'stay' }],
    ['intranet', 'https://chat.example.org/#/room/!a:x', { kind: 'switch', appId: 'chat', url: 'https://chat.example.org/#/room/!a:x' }],
    ['intranet', 'https://www.rijksoverheid.nl/', { kind: 'external', url: 'https://www.rijksoverheid.nl/' }],
    ['intranet', 'http://example.com/a b', { kind: 'external', url: 'http://example.com/a%20b' }],
    ['intranet', 'https://intranet.example.org.evil.com/', { kind: 'external', url: 'https://intranet.example.org.evil.com/' }],
    ['intranet', 'mailto:helpdesk@example.org?subject=Hi', { kind: 'external', url: 'mailto:helpdesk@example.org?subject=Hi' }],
    ['intranet', 'https://intranet.example.org@evil.com/', { kind: 'refuse', reason: 'links with a user name or password are not opened' }],
    ['intranet', 'javascript:alert(1)', { kind: 'refuse', reason: 'the javascript: scheme is not allowed' }],
    ['intranet', 'JavaScript:alert(1)', { kind: 'refuse', reason: 'the javascript: scheme is not allowed' }],
    ['intranet', 'data:text/html,<script>x</script>', { kind: 'refuse', reason: 'the data: scheme is not allowed' }],
    ['intranet', 'file:///home/user/.ssh/id_rsa', { kind: 'refuse', reason: 'the file: scheme is not allowed' }],
    ['intranet', 'smb://server/share', { kind: 'refuse', reason: 'the smb: scheme is not allowed' }],
    ['intranet', 'ms-word:ofe|u|https://x/doc.docx', { kind: 'refuse', reason: 'the ms-word: scheme is not allowed' }],
    ['intranet', 'werkplek://app/chat', { kind: 'refuse', reason: 'the werkplek: scheme is not allowed' }],
    ['intranet', 'blob:https://intranet.example.org/1', { kind: 'refuse', reason: 'the blob: scheme is not allowed' }],
    ['intranet', 'about:blank', { kind: 'refuse', reason: 'the about: scheme is not allowed' }],
    ['intranet', 'not a url', { kind: 'refuse', reason: 'not a valid URL' }],
    ['ghost', 'https://intranet.example.org/', { kind: 'refuse', reason: 'no app "ghost"' }],
  ];
  it.each(cases)('in %s: %s', (appId, url, expected) => {
    expect(decideNavigation({ apps, appId, url, ssoOrigins: sso })).toEqual(expected);
  });

  it('without sso origins the identity provider is a foreign site', () => {
    expect(decideNavigation({ apps, appId: 'intranet', url: 'https://login.example.org/x' })).toEqual({ kind: 'external', url: 'https://login.example.org/x' });
  });

  it('property: only http, https and mailto ever leave Werkplek; file/javascript/data never do', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom('file:///x', 'javascript:1', 'data:,x', 'vbscript:x', 'smb://a/b', 'ftp://a/')), (url) => {
        const verdict = decideNavigation({ apps, appId: 'intranet', url, ssoOrigins: sso });
        if (verdict.kind === 'external') expect(['http:', 'https:', 'mailto:']).toContain(new URL(verdict.url).protocol);
        if (verdict.kind === 'switch') expect(['http:', 'https:']).toContain(new URL(verdict.url).protocol);
      }),
    );
  });
});

describe('decideWindowOpen', () => {
  const cases: Array<[string, string, ReturnType<typeof decideWindowOpen>['kind']]> = [
    ['intranet', 'https://intranet.example.org/popup', 'child'],
    ['intranet', 'https://login.example.org/oauth/authorize', 'child'],
    ['intranet', 'https://chat.example.org/', 'switch'],
    ['intranet', 'https://example.com/', 'external'],
    ['intranet', 'mailto:a@b.org', 'external'],
    ['intranet', 'about:blank', 'refuse'],
    ['intranet', 'javascript:void(0)', 'refuse'],
    ['intranet', 'file:///etc/passwd', 'refuse'],
    ['intranet', 'smb://server/x', 'refuse'],
    ['intranet', 'custom-app://open', 'refuse'],
    ['intranet', 'https://a:b@intranet.example.org/', 'refuse'],
  ];
  it.each(cases)('in %s: window.open(%s) → %s', (appId, url, kind) => {
    expect(decideWindowOpen({ apps, appId, url, ssoOrigins: sso }).kind).toBe(kind);
  });

  it('target=_blank to the app’s own page stays in its tab; a pop-up gets the size it asks for, within bounds', () => {
    const open = (url: string, disposition: 'foreground-tab' | 'new-window', features = '') => decideWindowOpen({ apps, appId: 'intranet', url, ssoOrigins: sso, disposition, features });
    expect(open('https://intranet.example.org/doc/1', 'foreground-tab')).toEqual({ kind: 'navigate', url: 'https://intranet.example.org/doc/1' });
    expect(open('https://intranet.example.org/print', 'new-window', 'width=800,height=600,noopener')).toEqual({ kind: 'child', width: 800, height: 600 });
    expect(open('https://intranet.example.org/print', 'new-window', 'width=10,height=99999')).toEqual({ kind: 'child', width: 320, height: 1200 });
    expect(open('https://intranet.example.org/print', 'new-window')).toEqual({ kind: 'child', width: 1024, height: 768 });
    expect(open('https://login.example.org/oauth/authorize', 'foreground-tab')).toEqual({ kind: 'child', width: 520, height: 680 }); // sign-in stays a pop-up
    expect(open('https://chat.example.org/', 'foreground-tab').kind).toBe('switch');
  });
});

describe('isAllowedSubframe', () => {
  const cases: Array<[string, boolean]> = [
    ['about:blank', true],
    ['about:srcdoc', true],
    ['https://static.example.org/embed', true],
    ['https://login.example.org/check-session', true],
    ['https://ads.example.com/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['data:image/svg+xml,<svg onload=alert(1)>', false],
    ['data:image/png;base64,AAAA', true],
    ['data:application/pdf;base64,JVBERi0=', true],
    ['blob:https://intranet.example.org/6f1c0b7e-8a1d-4c5e-9d1a-1f2e3d4c5b6a', true],
    ['blob:https://ads.example.com/6f1c0b7e', false],
    ['blob:null/6f1c0b7e', false],
  ];
  it.each(cases)('%s → %s', (url, expected) => {
    expect(isAllowedSubframe(intranet, url, sso)).toBe(expected);
  });
});
