// The portal's app list in the real core services: its entries join the catalog grouped by
// category, a policy app wins on the same id, the setting hides and pins entries, and the shell UI
// hears of every change (catalog.changed, catalogSource.status) through the bridge.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoreServices, type CoreServices } from '../../../electron/core/services.ts';
import { MemorySettingsStore } from '../../../electron/core/config/settings-store.ts';
import { MemoryKeyring } from '../../../electron/core/secrets/keyring.ts';
import type { CatalogEntry } from '../../../electron/core/config/catalog-schema.ts';
import { PortalNavigationServer, SESSION_COOKIE, SESSION_TOKEN, SHARED_SECRET } from '../../fixtures/portal-navigation.ts';
import { catalogSecretName } from '../../../electron/core/config/catalog-source-settings.ts';
import { quietLog } from '../../fixtures/test-core.ts';

let server: PortalNavigationServer;
const cores: CoreServices[] = [];
beforeEach(async () => {
  server = await new PortalNavigationServer().start();
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await server.stop();
});

async function start(policy: Record<string, unknown>, options: { locale?: string; dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'werkplek-core-'));
  const policyFile = join(dataDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(policy));
  const core = await createCoreServices({
    host: 'preview',
    dataDir,
    store: new MemorySettingsStore(),
    keyring: new MemoryKeyring(),
    locale: options.locale ?? 'en-GB',
    policyFile,
    log: quietLog,
    openExternal: async () => {},
    sessionCookies: async (url) => (new URL(url).origin === new URL(server.url).origin ? `${SESSION_COOKIE}=${SESSION_TOKEN}` : null),
  });
  cores.push(core);
  const events: Array<[string, unknown]> = [];
  core.hub.subscribe((name, payload) => events.push([name, payload]));
  return { core, events, dataDir };
}

let id = 0;
const call = async (core: CoreServices, name: string, input: unknown) => (await core.dispatch({ kind: 'call', id: ++id, name, input })) as { ok: boolean; value?: unknown; error?: { message: string } };
const sidebar = (list: CatalogEntry[]) => list.filter((entry) => entry.enabled).map((entry) => `${entry.group ?? '-'}/${entry.app.id}(${entry.source})`);
const source = (extra: Record<string, unknown> = {}) => ({ url: server.url, ...extra });

describe('the catalog source in the core services', () => {
  it('fills the catalog after start, grouped by category, with no demo apps; the shell UI hears of it', async () => {
    const { core, events } = await start({ locked: { 'catalog.source': source() } });
    expect(core.ctx.demo).toBeNull();
    await vi.waitFor(() => expect(core.ctx.catalog.list()).toHaveLength(4));
    expect(sidebar(core.ctx.catalog.list())).toEqual(['Collaboration/nextcloud(portal)', 'Collaboration/element-chat(portal)', 'Collaboration/ox(portal)', 'Administration/umc(portal)']);
    expect(events.some(([name, payload]) => name === 'catalog.changed' && (payload as CatalogEntry[]).length === 4)).toBe(true);
    expect(events.some(([name, payload]) => name === 'catalogSource.status' && (payload as { state: string }).state === 'ok')).toBe(true);
    expect(await call(core, 'catalogSource.status', {})).toMatchObject({ ok: true, value: { state: 'ok', dropped: 0 } });
  });

  it('asks in Dutch when the interface is Dutch (the desktop locale, or the setting)', async () => {
    const { core } = await start({ locked: { 'catalog.source': source() } }, { locale: 'nl-NL' });
    await vi.waitFor(() => expect(core.ctx.catalog.list()).toHaveLength(4));
    expect(server.navigationRequests()[0]!.language).toBe('nl-NL');
    expect(core.ctx.catalog.list()[0]!.app.name).toBe('Bestanden');
    core.ctx.settings.set('general.locale', 'en');
    await vi.waitFor(() => expect(core.ctx.catalog.list()[0]!.app.name).toBe('Files'));
    expect(server.navigationRequests().at(-1)!.language).toBe('en-US');
  });

  it('a policy app wins on the same id; the user\'s own app of that id gives way to the portal', async () => {
    const { core } = await start({
      apps: [{ id: 'nextcloud', name: 'Onze Nextcloud', url: 'https://cloud.ministerie.nl/' }],
      defaults: { 'apps.custom': [{ id: 'umc', name: 'Mijn UMC', url: 'https://umc.thuis.example/' }] },
      locked: { 'catalog.source': source() },
    });
    await vi.waitFor(() => expect(core.ctx.catalog.list().some((entry) => entry.source === 'portal')).toBe(true));
    const list = core.ctx.catalog.list();
    expect(sidebar(list)).toEqual(['-/nextcloud(policy)', 'Collaboration/element-chat(portal)', 'Collaboration/ox(portal)', 'Administration/umc(portal)']);
    expect(list[0]!.app.url).toBe('https://cloud.ministerie.nl/');
    expect(list.find((entry) => entry.app.id === 'umc')!.app.url).toBe('https://portal.voorbeeld.nl/univention/management/');
  });

  it('hide leaves entries out; pin puts them first, in its order, and keeps them on; kinds says what an entry is', async () => {
    const { core } = await start({ locked: { 'catalog.source': source({ hide: ['umc'], pin: ['ox', 'element-chat'], kinds: { nextcloud: 'files', 'element-chat': 'chat' } }) } });
    await vi.waitFor(() => expect(core.ctx.catalog.list()).toHaveLength(3));
    expect(Object.fromEntries(core.ctx.catalog.list().map((entry) => [entry.app.id, entry.app.kind]))).toEqual({ ox: 'other', 'element-chat': 'chat', nextcloud: 'files' });
    expect(sidebar(core.ctx.catalog.list())).toEqual(['Collaboration/ox(portal)', 'Collaboration/element-chat(portal)', 'Collaboration/nextcloud(portal)']);
    // The person moves and turns off what they like, except a pinned entry.
    expect(await call(core, 'catalog.move', { id: 'nextcloud', toIndex: 0 })).toMatchObject({ ok: true });
    expect(sidebar(core.ctx.catalog.list())[0]).toBe('Collaboration/ox(portal)');
    expect(await call(core, 'catalog.setEnabled', { id: 'ox', enabled: false })).toMatchObject({ ok: false, error: { message: '"Email" is pinned by your organisation and stays on' } });
    expect(await call(core, 'catalog.setEnabled', { id: 'nextcloud', enabled: false })).toMatchObject({ ok: true });
    expect(sidebar(core.ctx.catalog.list())).toEqual(['Collaboration/ox(portal)', 'Collaboration/element-chat(portal)']);
    expect(await call(core, 'catalog.remove', { id: 'ox' })).toMatchObject({ ok: false });
  });

  it('a start with the network down: the sidebar is complete from disk at once, the status says unreachable', async () => {
    const first = await start({ locked: { 'catalog.source': source() } });
    await vi.waitFor(() => expect(first.core.ctx.catalog.list()).toHaveLength(4));
    const before = first.core.ctx.catalog.list();
    await first.core.close();
    cores.splice(0);
    await server.stop();

    const { core, events } = await start({ locked: { 'catalog.source': source() } }, { dataDir: first.dataDir });
    expect(core.ctx.catalog.list(), 'before any network').toEqual(before);
    await vi.waitFor(() => expect(events.some(([name, payload]) => name === 'catalogSource.status' && (payload as { state: string }).state === 'stale')).toBe(true));
    expect(await call(core, 'catalogSource.status', {})).toMatchObject({ value: { state: 'stale', problem: 'unreachable', fetchedAt: expect.any(String) } });
    expect(core.ctx.catalog.list()).toEqual(before);
  });

  it('hide, pin and kinds changed (a preset the person or a new policy changes) show at once, without asking the portal again', async () => {
    const { core } = await start({ defaults: { 'catalog.source': source() } });
    await vi.waitFor(() => expect(core.ctx.catalog.list()).toHaveLength(4));
    const asked = server.navigationRequests().length;
    core.ctx.settings.set('catalog.source', { ...core.ctx.settings.get('catalog.source')!, hide: ['ox'], kinds: { umc: 'portal' } });
    expect(core.ctx.catalog.list().map((entry) => `${entry.app.id}:${entry.app.kind}`)).toEqual(['nextcloud:other', 'element-chat:other', 'umc:portal']);
    expect(server.navigationRequests()).toHaveLength(asked);
  });

  it('the shared secret from the settings page: kept in the keyring, then the portal is asked with it', async () => {
    const { core } = await start({ locked: { 'catalog.source': source({ auth: 'secret', user: 'jan.jansen' }) } });
    await vi.waitFor(async () => expect(await call(core, 'catalogSource.status', {})).toMatchObject({ value: { state: 'stale', problem: 'no-secret' } }));
    expect(server.requests).toEqual([]);
    expect(await call(core, 'catalogSource.setSecret', { secret: `  ${SHARED_SECRET} ` })).toMatchObject({ ok: true, value: { state: 'ok' } });
    expect(await core.ctx.keyring.get(catalogSecretName)).toBe(SHARED_SECRET);
    expect(Buffer.from(server.navigationRequests()[0]!.authorization!.slice('Basic '.length), 'base64').toString()).toBe(`jan.jansen:${SHARED_SECRET}`);
    expect(core.ctx.catalog.list()).toHaveLength(4);
  });

  it('a source read with the session keeps no secret (in Dutch too)', async () => {
    const { core } = await start({ defaults: { 'general.locale': 'nl' }, locked: { 'catalog.source': source() } });
    expect(await call(core, 'catalogSource.setSecret', { secret: 'x' })).toMatchObject({ ok: false, error: { message: 'de lijst met apps van het portaal gebruikt geen gedeeld geheim' } });
    expect(await core.ctx.keyring.get(catalogSecretName)).toBeNull();
  });

  it('the policy check refuses a source URL that is not https, and a kind that is no web app', async () => {
    const { core: other } = await start({ locked: { 'catalog.source': { url: 'https://ics.voorbeeld.nl/navigation.json', kinds: { x: 'remote-app' } } } });
    const problems = ((await call(other, 'settings.get', {})).value as { policyProblems: Array<{ message: string }> }).policyProblems;
    expect(problems.map((problem) => problem.message).join('\n')).toMatch(/catalog\.source\.kinds\.x/);

    const { core } = await start({ locked: { 'catalog.source': { url: 'http://portal.voorbeeld.nl/navigation.json' } } });
    const view = (await call(core, 'settings.get', {})).value as { policyProblems: Array<{ message: string }> };
    expect(view.policyProblems.map((problem) => problem.message).join('\n')).toMatch(/catalog\.source.*https/);
    expect(server.requests).toEqual([]);
  });
});
