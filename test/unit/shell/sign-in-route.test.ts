// Case tables for where connecting Files and chat signs in (in-app window on the shared partition
// or the system browser) and what the sign-in window may navigate to (issue 15, item 1).
import { describe, expect, it } from 'vitest';
import { decideSignInRoute, judgeSignInNavigation, type SignInRouteInput } from '../../../electron/core/shell/sign-in-route.ts';
import type { AppDefinition } from '../../../electron/core/config/catalog-schema.ts';

const app = (id: string, kind: AppDefinition['kind'], url: string, extra: Partial<AppDefinition> = {}): AppDefinition => ({
  id, name: id, url, origins: [], partition: 'persist:werkplek', permissions: ['notifications'], badge: 'title-count', kind, ...extra,
});

const files = app('bestanden', 'files', 'https://cloud.example.org/apps/files/');
const chat = app('chat', 'chat', 'https://chat.example.org/', { origins: ['https://matrix.example.org'] });
const ownFiles = app('bestanden', 'files', 'https://cloud.example.org/apps/files/', { partition: 'persist:eigen' });
const portal = app('portaal', 'portal', 'https://portal.example.org/');

const base: SignInRouteInput = {
  purpose: 'files',
  serverUrl: 'https://cloud.example.org',
  startUrl: 'https://cloud.example.org/login/v2/flow/abc',
  apps: [portal, files, chat],
  ssoOrigins: ['https://id.example.org'],
  browserByPolicy: false,
  hasWindow: true,
};

describe('decideSignInRoute', () => {
  const cases: Array<[string, Partial<SignInRouteInput>, { way: string; reason?: string; appId: string | null; partition?: string }]> = [
    ['files app on the shared partition: in-app', {}, { way: 'in-app', appId: 'bestanden', partition: 'persist:werkplek' }],
    ['chat: the chat app whose origins list the homeserver', { purpose: 'chat', serverUrl: 'https://matrix.example.org', startUrl: 'https://matrix.example.org/_matrix/client/v3/login/sso/redirect?redirectUrl=x' }, { way: 'in-app', appId: 'chat', partition: 'persist:werkplek' }],
    ['no catalog app of that kind: the shared partition still holds the identity provider session', { apps: [portal] }, { way: 'in-app', appId: null, partition: 'persist:werkplek' }],
    ['the files app has its own partition: system browser', { apps: [portal, ownFiles] }, { way: 'browser', reason: 'own-partition', appId: 'bestanden' }],
    ['the policy asks for the browser', { browserByPolicy: true }, { way: 'browser', reason: 'policy', appId: 'bestanden' }],
    ['policy wins over a shared partition and a window', { browserByPolicy: true, apps: [files] }, { way: 'browser', reason: 'policy', appId: 'bestanden' }],
    ['a host without windows (preview)', { hasWindow: false }, { way: 'browser', reason: 'no-window', appId: 'bestanden' }],
    ['a start page on plain http elsewhere than loopback', { startUrl: 'http://cloud.example.org/login/v2/flow/abc' }, { way: 'browser', reason: 'bad-url', appId: 'bestanden' }],
    ['a javascript: start page', { startUrl: 'javascript:alert(1)' }, { way: 'browser', reason: 'bad-url', appId: 'bestanden' }],
    ['loopback http (tests, local development) is a web address', { serverUrl: 'http://127.0.0.1:8080', startUrl: 'http://127.0.0.1:8080/login/v2/flow/x', apps: [] }, { way: 'in-app', appId: null, partition: 'persist:werkplek' }],
  ];
  it.each(cases)('%s', (_name, change, expected) => {
    const route = decideSignInRoute({ ...base, ...change });
    expect(route.way).toBe(expected.way);
    expect(route.appId).toBe(expected.appId);
    if (route.way === 'browser') expect(route.reason).toBe(expected.reason);
    else expect(route.partition).toBe(expected.partition);
  });

  it('allows the server, the start page, the return page, the identity provider and the app', () => {
    const route = decideSignInRoute({ ...base, purpose: 'chat', serverUrl: 'https://matrix.example.org', startUrl: 'https://matrix.example.org/_matrix/client/v3/login/sso/redirect', returnUrl: 'http://127.0.0.1:41234/sso-x' });
    expect(route.way === 'in-app' && [...route.allowedOrigins].sort()).toEqual(['http://127.0.0.1:41234', 'https://chat.example.org', 'https://id.example.org', 'https://matrix.example.org']);
  });
});

describe('judgeSignInNavigation', () => {
  const cases: Array<[string, string, 'redirect' | 'link', string, boolean]> = [
    ['an allowed origin', 'https://cloud.example.org/login/v2/grant', 'link', 'allow', false],
    ['the server redirects to its identity provider', 'https://keycloak.example.org/realms/x/auth', 'redirect', 'allow', true],
    ['a link elsewhere opens outside', 'https://help.example.org/', 'link', 'outside', false],
    ['a look-alike host is elsewhere', 'https://cloud.example.org.evil.test/', 'link', 'outside', false],
    ['credentials in the URL are refused', 'https://x:y@cloud.example.org/', 'redirect', 'refuse', false],
    ['plain http off loopback is refused, even as a redirect', 'http://keycloak.example.org/', 'redirect', 'refuse', false],
    ['file: is refused', 'file:///etc/passwd', 'link', 'refuse', false],
    ['javascript: is refused', 'javascript:alert(1)', 'redirect', 'refuse', false],
  ];
  it.each(cases)('%s', (_name, url, kind, expected, joins) => {
    const allowed = new Set(['https://cloud.example.org']);
    expect(judgeSignInNavigation(allowed, url, kind)).toBe(expected);
    expect(allowed.size).toBe(joins ? 2 : 1);
  });
});
