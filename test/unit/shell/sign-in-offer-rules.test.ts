// Case tables for the one-click offers after a web sign-in (issue 15, item 1): when a tab counts
// as signed in, Nextcloud's base address from its pages, and when an offer is made.
import { describe, expect, it } from 'vitest';
import { decideOffer, looksSignedIn, nextcloudBase, type OfferInput } from '../../../electron/core/shell/sign-in-offer-rules.ts';
import type { AppDefinition } from '../../../electron/core/config/catalog-schema.ts';

const app = (id: string, kind: AppDefinition['kind'], url: string, extra: Partial<AppDefinition> = {}): AppDefinition => ({
  id, name: id, url, origins: [], partition: 'persist:werkplek', permissions: [], badge: 'title-count', kind, ...extra,
});
const files = app('bestanden', 'files', 'https://cloud.example.org/apps/files/');
const chat = app('chat', 'chat', 'https://chat.example.org/');
const sso = ['https://id.example.org'];

describe('looksSignedIn', () => {
  const cases: Array<[AppDefinition, string, boolean]> = [
    [files, 'https://cloud.example.org/apps/files/?dir=/', true],
    [files, 'https://cloud.example.org/apps/dashboard/', true],
    [files, 'https://cloud.example.org/login?redirect_url=/apps/files/', false],
    [files, 'https://cloud.example.org/index.php/login/v2/flow/abc', false],
    [files, 'https://cloud.example.org/apps/user_oidc/login/1', false],
    [files, 'https://id.example.org/realms/opendesk/protocol/openid-connect/auth', false],
    [files, 'https://cloud.example.org.evil.test/apps/files/', false],
    [chat, 'https://chat.example.org/#/home', true],
    [chat, 'https://chat.example.org/#/room/!abc:example.org', true],
    [chat, 'https://chat.example.org/#/welcome', false],
    [chat, 'https://chat.example.org/#/login', false],
    [chat, 'https://chat.example.org/#/start_sso', false],
    [chat, 'not a url', false],
  ];
  it.each(cases)('%# %s', (a, url, expected) => expect(looksSignedIn(a, url, sso)).toBe(expected));
  it('an app on the identity provider\'s own origin never counts', () => {
    expect(looksSignedIn(app('id', 'files', 'https://id.example.org/account/'), 'https://id.example.org/account/', sso)).toBe(false);
  });
});

describe('nextcloudBase', () => {
  it.each([
    ['https://cloud.example.org/apps/files/', 'https://cloud.example.org'],
    ['https://example.org/nextcloud/index.php/apps/files/', 'https://example.org/nextcloud'],
    ['https://example.org/nextcloud/apps/files/?dir=/', 'https://example.org/nextcloud'],
    ['https://cloud.example.org/', 'https://cloud.example.org'],
  ])('%s → %s', (url, base) => expect(nextcloudBase(url)).toBe(base));
});

describe('decideOffer', () => {
  const base: OfferInput = { kind: 'files', app: files, signedIn: true, answered: false, enabled: true, state: 'not-configured', configuredServer: '' };
  const cases: Array<[string, Partial<OfferInput>, string | null]> = [
    ['files signed in, sync not connected: offered for the app\'s server', {}, 'https://cloud.example.org'],
    ['the policy\'s server wins', { configuredServer: 'https://files.example.org' }, 'https://files.example.org'],
    ['answered once: never again', { answered: true }, null],
    ['not signed in yet', { signedIn: false }, null],
    ['sync turned off', { enabled: false }, null],
    ['already connected', { state: 'idle' }, null],
    ['a revoked password is the reconnect prompt, not an offer', { state: 'needs-sign-in' }, null],
    ['the demo is syncing', { state: 'demo' }, null],
    ['an app with its own partition does not share the sign-in', { app: app('bestanden', 'files', 'https://cloud.example.org/apps/files/', { partition: 'persist:eigen' }) }, null],
    ['no app', { app: null }, null],
    ['chat signed in, notifier signed out, homeserver preset', { kind: 'chat', app: chat, state: 'signed-out', configuredServer: 'https://matrix.example.org' }, 'https://matrix.example.org'],
    ['chat without a known homeserver: no one-click offer', { kind: 'chat', app: chat, state: 'signed-out' }, null],
    ['chat already syncing', { kind: 'chat', app: chat, state: 'syncing', configuredServer: 'https://matrix.example.org' }, null],
    ['a files app is no chat app', { kind: 'chat', state: 'signed-out', configuredServer: 'https://matrix.example.org' }, null],
  ];
  it.each(cases)('%s', (_name, change, server) => expect(decideOffer({ ...base, ...change })?.server ?? null).toBe(server));
});
