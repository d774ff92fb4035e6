// The double's session.cookies answers as Chromium does for the parts main relies on: the cookies
// for a URL (host-only or domain cookies, path prefix, secure ones only where the URL is secure)
// and a 'changed' event for every set and remove.
import { describe, expect, it } from 'vitest';
import { DoubleCookies } from './electron-double.ts';

describe('DoubleCookies', () => {
  it('get({ url }) matches host, domain, path and secure', async () => {
    const jar = new DoubleCookies();
    await jar.set({ url: 'https://ics.voorbeeld.nl/', name: 'host', value: '1' });
    await jar.set({ url: 'https://ics.voorbeeld.nl/', name: 'domain', value: '2', domain: 'voorbeeld.nl' });
    await jar.set({ url: 'https://ics.voorbeeld.nl/', name: 'path', value: '3', path: '/api' });
    await jar.set({ url: 'https://ics.voorbeeld.nl/', name: 'secure', value: '4', secure: true });
    const names = async (url: string) => (await jar.get({ url })).map((cookie) => cookie.name).sort();
    expect(await names('https://ics.voorbeeld.nl/navigation.json')).toEqual(['domain', 'host', 'secure']);
    expect(await names('https://ics.voorbeeld.nl/api/x')).toEqual(['domain', 'host', 'path', 'secure']);
    expect(await names('https://portal.voorbeeld.nl/')).toEqual(['domain']);
    expect(await names('http://ics.voorbeeld.nl/')).toEqual(['domain', 'host']);
    expect(await names('https://voorbeeld.nl.evil.example/')).toEqual([]);
  });

  it('set and remove emit changed with removed true/false; a set replaces the same name', async () => {
    const jar = new DoubleCookies();
    const seen: Array<[string, boolean]> = [];
    jar.on('changed', (_event, cookie: { value: string }, _cause, removed: boolean) => seen.push([cookie.value, removed]));
    await jar.set({ url: 'https://a.example/', name: 's', value: '1' });
    await jar.set({ url: 'https://a.example/', name: 's', value: '2' });
    await jar.remove('https://a.example/', 's');
    expect(seen).toEqual([['1', false], ['2', false], ['2', true]]);
    expect(jar.jar).toEqual([]);
  });
});
