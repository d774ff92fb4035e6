// The OpenID Connect provider fixture (oidc-provider, certified): a password sign-in on its page
// once, then every client's authorization code flow passes on the session cookie alone.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { janJansen, oidcClient, startOidcProvider, type OidcProviderHandle } from '../../fixtures/oidc-provider.ts';
import { CookieBrowser } from '../../fixtures/cookie-browser.ts';

let provider: OidcProviderHandle;
let callback: Server;
let callbackUrl = '';

beforeAll(async () => {
  provider = await startOidcProvider();
  callback = createServer((req, res) => res.end(`back at ${req.url}`));
  await new Promise<void>((done) => callback.listen(0, '127.0.0.1', done));
  callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/cb`;
  provider.register({ clientId: 'app-one', clientSecret: 'secret-one', redirectUris: [callbackUrl] });
  provider.register({ clientId: 'app-two', clientSecret: 'secret-two', redirectUris: [callbackUrl] });
});
afterAll(async () => {
  await provider.stop();
  callback.close();
});

const codeOf = (url: string) => new URL(url).searchParams.get('code')!;

describe('the OpenID Connect provider fixture', () => {
  it('asks for the password once; a second client signs in on the session alone', async () => {
    const browser = new CookieBrowser();
    const one = oidcClient(provider.issuer, { clientId: 'app-one', clientSecret: 'secret-one', redirectUris: [callbackUrl] });
    const login = await browser.open(one.authorizeUrl('s1'));
    expect(login.url).toMatch(/\/interaction\//);
    expect(login.html).toContain('type="password"');
    const wrong = await browser.submit(login, { username: 'jan.jansen', password: 'wrong' });
    expect(wrong.html).toContain('Invalid username or password.');
    const back = await browser.submit(wrong, { username: janJansen.username, password: janJansen.password });
    expect(back.url.startsWith(`${callbackUrl}?`)).toBe(true);
    expect(new URL(back.url).searchParams.get('state')).toBe('s1');
    expect(await one.redeem(codeOf(back.url))).toBe('jan.jansen');
    await expect(one.redeem(codeOf(back.url))).rejects.toThrow(/token endpoint: 400/); // codes are single use

    const two = oidcClient(provider.issuer, { clientId: 'app-two', clientSecret: 'secret-two', redirectUris: [callbackUrl] });
    const again = await browser.open(two.authorizeUrl('s2'));
    expect(again.url.startsWith(`${callbackUrl}?`)).toBe(true);
    expect(await two.redeem(codeOf(again.url))).toBe('jan.jansen');
    expect(provider.passwordPrompts()).toBe(2); // the wrong and the right password; none for app-two

    const stranger = new CookieBrowser(); // another profile has no session: asked again
    expect((await stranger.open(two.authorizeUrl('s3'))).url).toMatch(/\/interaction\//);
  });

  it('refuses a wrong client secret and an unregistered redirect', async () => {
    const browser = new CookieBrowser();
    const one = oidcClient(provider.issuer, { clientId: 'app-one', clientSecret: 'secret-one', redirectUris: [callbackUrl] });
    const page = await browser.submit(await browser.open(one.authorizeUrl('x')), { username: janJansen.username, password: janJansen.password });
    const bad = oidcClient(provider.issuer, { clientId: 'app-one', clientSecret: 'not-it', redirectUris: [callbackUrl] });
    await expect(bad.redeem(codeOf(page.url))).rejects.toThrow(/invalid_client/);
    const elsewhere = oidcClient(provider.issuer, { clientId: 'app-one', clientSecret: 'secret-one', redirectUris: ['http://127.0.0.1:9/evil'] });
    const refused = await browser.open(elsewhere.authorizeUrl('y'));
    expect(refused.url.startsWith('http://127.0.0.1:9/')).toBe(false);
    expect(refused.html).toMatch(/redirect_uri/);
  });
});
