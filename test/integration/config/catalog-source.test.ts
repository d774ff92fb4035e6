// The catalog source against a navigation server behind a session cookie (test/fixtures/
// portal-navigation.ts): the person's language, the cookie or the shared secret, the list and its
// icons kept on disk for a start with the network down, and broken or hostile answers that keep
// the last good list and say why.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogSource, type CatalogSourceOptions } from '../../../electron/core/config/catalog-source.ts';
import { catalogSecretName, catalogSourceSchema, type CatalogSourceSetting } from '../../../electron/core/config/catalog-source-settings.ts';
import { MemoryKeyring } from '../../../electron/core/secrets/keyring.ts';
import type { UiLanguage } from '../../../electron/core/config/ui-language.ts';
import { PortalNavigationServer, SESSION_COOKIE, SESSION_TOKEN, SHARED_SECRET, type NavigationMode } from '../../fixtures/portal-navigation.ts';
import { quietLog } from '../../fixtures/test-core.ts';
import { startForwardProxy } from '../../fixtures/forward-proxy.ts';

let server: PortalNavigationServer;
let dataDir: string;
const sources: CatalogSource[] = [];

beforeEach(async () => {
  server = await new PortalNavigationServer().start();
  dataDir = mkdtempSync(join(tmpdir(), 'werkplek-catalog-source-'));
});
afterEach(async () => {
  for (const source of sources.splice(0)) source.stop();
  await server.stop();
});

const signedIn = async () => `other=1; ${SESSION_COOKIE}=${SESSION_TOKEN}`;

function sourceFor(options: { setting?: Partial<CatalogSourceSetting>; language?: UiLanguage; cookies?: CatalogSourceOptions['sessionCookies']; keyring?: MemoryKeyring; url?: string; proxyEnv?: CatalogSourceOptions['proxyEnv'] } = {}) {
  let language = options.language ?? 'en';
  let setting: CatalogSourceSetting | null = catalogSourceSchema.parse({ url: options.url ?? server.url, ...options.setting });
  const changes: string[] = [];
  const warnings: string[] = [];
  const source = new CatalogSource({
    dataDir,
    setting: () => setting,
    language: () => language,
    keyring: options.keyring ?? new MemoryKeyring(),
    sessionCookies: options.cookies === undefined ? signedIn : options.cookies,
    log: { ...quietLog, warn: (message) => warnings.push(message) },
    onChange: () => changes.push(source.status().state),
    timeoutMs: 3000,
    ...(options.proxyEnv ? { proxyEnv: options.proxyEnv } : {}),
  });
  sources.push(source);
  return {
    source,
    changes,
    warnings,
    setLanguage: (next: UiLanguage) => {
      language = next;
      source.settingsChanged();
    },
    setSetting: (next: CatalogSourceSetting | null) => {
      setting = next;
      source.settingsChanged();
    },
  };
}

const names = (source: CatalogSource) => source.apps().map(({ app, group }) => `${group}/${app.id}:${app.name}`);

describe('catalog source', () => {
  it('with the session cookie: the list in English, grouped by category, with its icons', async () => {
    const { source } = sourceFor();
    await source.refresh();
    expect(source.status()).toMatchObject({ state: 'ok', dropped: 0 });
    expect(names(source)).toEqual(['Collaboration/nextcloud:Files', 'Collaboration/element-chat:Chat', 'Collaboration/ox:Email', 'Administration/umc:Users']);
    const [request] = server.navigationRequests();
    expect(request).toMatchObject({ language: 'en-US', cookie: `other=1; ${SESSION_COOKIE}=${SESSION_TOKEN}`, authorization: null });
    const icons = Object.fromEntries(source.apps().map(({ app }) => [app.id, app.icon ?? null]));
    expect(icons.nextcloud).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(icons.nextcloud!.split(',')[1]!, 'base64').toString()).toContain('#0082c9');
    expect(icons['element-chat']).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(icons.ox, 'no icon_url').toBeNull();
    expect(icons.umc, 'served as text/html: not an image').toBeNull();
    // Icons come from the source's origin, so they get the session cookie too.
    expect(server.iconRequests().every((icon) => icon.cookie?.includes(SESSION_TOKEN))).toBe(true);
  });

  it('in Dutch: language=nl-NL and the Dutch names; a language change asks again', async () => {
    const { source, setLanguage } = sourceFor({ language: 'nl' });
    await source.refresh();
    expect(server.navigationRequests().at(-1)!.language).toBe('nl-NL');
    expect(names(source)).toEqual(['Samenwerken/nextcloud:Bestanden', 'Samenwerken/element-chat:Chat', 'Samenwerken/ox:E-mail', 'Beheer/umc:Gebruikers']);
    setLanguage('en');
    await source.refresh();
    expect(server.navigationRequests().at(-1)!.language).toBe('en-US');
    expect(names(source)[0]).toBe('Collaboration/nextcloud:Files');
  });

  it('without the session cookie: signed-out, no list, and nothing made up', async () => {
    const { source } = sourceFor({ cookies: async () => null });
    await source.refresh();
    expect(server.navigationRequests()[0]!.cookie).toBeNull();
    expect(source.status()).toEqual({ state: 'stale', problem: 'signed-out', httpStatus: 401, fetchedAt: null });
    expect(source.apps()).toEqual([]);
  });

  it('a redirect to the sign-in page is signed-out too, never followed', async () => {
    server.mode = 'redirect';
    const { source } = sourceFor();
    await source.refresh();
    expect(source.status()).toMatchObject({ state: 'stale', problem: 'signed-out', httpStatus: 302 });
    expect(server.requests).toHaveLength(1);
  });

  it('the shared secret from the keyring over HTTP Basic with the user name; none in the keyring says so', async () => {
    const keyring = new MemoryKeyring();
    const { source } = sourceFor({ setting: { auth: 'secret', user: 'jan.jansen' }, keyring, cookies: async () => `${SESSION_COOKIE}=${SESSION_TOKEN}` });
    await source.refresh();
    expect(source.status()).toMatchObject({ state: 'stale', problem: 'no-secret' });
    expect(server.requests, 'nothing asked without the secret').toHaveLength(0);
    await keyring.set(catalogSecretName, SHARED_SECRET);
    await source.refresh();
    expect(source.status()).toMatchObject({ state: 'ok' });
    const request = server.navigationRequests()[0]!;
    expect(request.cookie, 'secret mode sends no session cookie').toBeNull();
    expect(Buffer.from(request.authorization!.replace('Basic ', ''), 'base64').toString()).toBe(`jan.jansen:${SHARED_SECRET}`);
    await keyring.set(catalogSecretName, 'wrong');
    await source.refresh();
    expect(source.status()).toMatchObject({ state: 'stale', problem: 'signed-out', httpStatus: 401 });
    expect(source.apps()).toHaveLength(4);
  });

  it('a start with the network down shows the last good list with its icons, from disk, and says the portal is unreachable', async () => {
    const first = sourceFor({ language: 'nl' });
    await first.source.refresh();
    const before = first.source.apps();
    first.source.stop();
    const port = Number(new URL(server.url).port);
    await server.stop();

    const offline = sourceFor({ language: 'nl', url: `http://127.0.0.1:${port}/navigation.json` });
    expect(offline.source.apps(), 'complete before any network').toEqual(before);
    expect(offline.source.apps().find(({ app }) => app.id === 'nextcloud')!.app.icon).toMatch(/^data:image\/svg/);
    expect(offline.source.status()).toMatchObject({ state: 'ok' });
    await offline.source.refresh();
    const fetchedAt = JSON.parse(readFileSync(join(dataDir, 'catalog-source/navigation.json'), 'utf8')).fetchedAt;
    expect(offline.source.status()).toEqual({ state: 'stale', problem: 'unreachable', httpStatus: null, fetchedAt });
    expect(offline.source.apps()).toEqual(before);

    // Back online (same port): the next refresh is fine again; icons already on disk are not
    // fetched again (only the one that was no image is asked for once more).
    server = await new PortalNavigationServer().start(port);
    await offline.source.refresh();
    expect(offline.source.status()).toMatchObject({ state: 'ok' });
    expect(server.iconRequests().map((request) => request.path)).toEqual(['/icons/umc.svg']);
  });

  it.each<[NavigationMode, string, number | null]>([
    ['not-json', 'not-json', null],
    ['huge', 'too-large', null],
    ['hostile-links', 'no-usable-entries', null],
    ['deep', 'not-navigation', null],
    ['wrong-shape', 'not-navigation', null],
    ['server-error', 'http', 502],
  ])('%s keeps the last good list and says why (%s)', async (mode, problem, httpStatus) => {
    const { source, changes } = sourceFor();
    await source.refresh();
    const good = source.apps();
    expect(good).toHaveLength(4);
    server.mode = mode;
    await source.refresh();
    expect(source.status()).toMatchObject({ state: 'stale', problem, httpStatus, fetchedAt: expect.any(String) });
    expect(source.apps()).toEqual(good);
    expect(changes.at(-1)).toBe('stale');
    // The disk keeps the good list too: a restart still has it.
    expect(sourceFor().source.apps()).toEqual(good);
  });

  it('an entry whose id is taken by another link is left out and counted; the first keeps its link', async () => {
    server.mode = 'duplicate-ids';
    const { source, warnings } = sourceFor();
    await source.refresh();
    expect(source.status()).toMatchObject({ state: 'ok', dropped: 1 });
    expect(source.apps().filter(({ app }) => app.id === 'nextcloud').map(({ app }) => app.url)).toEqual(['https://files.voorbeeld.nl/']);
    expect(warnings.some((warning) => warning.includes('"NextCloud"') && warning.includes('duplicate-id'))).toBe(true);
  });

  it('through the web apps\' HTTP proxy: the navigation and its icons, with the cookie', async () => {
    const proxy = await startForwardProxy();
    try {
      const { source } = sourceFor({ proxyEnv: () => ({ HTTP_PROXY: proxy.url }) });
      await source.refresh();
      expect(source.status()).toMatchObject({ state: 'ok' });
      const host = new URL(server.url).host;
      expect(proxy.seen).toEqual(expect.arrayContaining([`GET http://${host}/navigation.json?language=en-US`, `GET http://${host}/icons/nextcloud.svg`]));
      expect(proxy.seen).toHaveLength(server.requests.length);
      expect(server.navigationRequests()[0]!.cookie).toContain(SESSION_TOKEN);
    } finally {
      await proxy.stop();
    }
  });

  it('the same list or the same failure again is no news (the shell rebuilds nothing)', async () => {
    const { source, changes, warnings } = sourceFor();
    await source.refresh();
    await source.refresh();
    expect(changes).toEqual(['ok']);
    server.mode = 'server-error';
    await source.refresh();
    await source.refresh();
    expect(changes).toEqual(['ok', 'stale']);
    expect(warnings.filter((warning) => warning.includes('HTTP 502'))).toHaveLength(1);
    server.mode = 'ok';
    await source.refresh();
    expect(changes).toEqual(['ok', 'stale', 'ok']);
  });

  it('a list on disk from another source is not shown; switching the source off empties it', async () => {
    const first = sourceFor();
    await first.source.refresh();
    first.source.stop();
    const other = sourceFor({ url: 'https://ics.elders.example/navigation.json' });
    expect(other.source.apps()).toEqual([]);
    expect(other.source.status()).toEqual({ state: 'loading' });
    const same = sourceFor();
    expect(same.source.apps()).toHaveLength(4);
    same.setSetting(null);
    expect(same.source.apps()).toEqual([]);
    expect(same.source.status()).toEqual({ state: 'off' });
  });

  it('a damaged cache file is no list (and no crash)', async () => {
    const first = sourceFor();
    await first.source.refresh();
    first.source.stop();
    writeFileSync(join(dataDir, 'catalog-source/navigation.json'), '{"version":1,"entries":[{"id":');
    expect(sourceFor().source.apps()).toEqual([]);
  });
});
