// The app catalog: organisation apps (or demo apps), user apps, order, enabled, and the locks.
import { describe, expect, it } from 'vitest';
import { CatalogService } from '../../../electron/core/config/catalog.ts';
import { SettingsService } from '../../../electron/core/config/settings-service.ts';
import { MemorySettingsStore } from '../../../electron/core/config/settings-store.ts';
import { parsePolicyText } from '../../../electron/core/config/policy-load.ts';
import { isAllowedAppUrl } from '../../../electron/core/config/app-url.ts';
import type { AppDefinition } from '../../../electron/core/config/catalog-schema.ts';
import { appDefinitionSchema } from '../../../electron/core/config/catalog-schema.ts';

const app = (id: string, url = `https://${id}.example.org/`): AppDefinition => appDefinitionSchema.parse({ id, name: id.toUpperCase(), url });

function catalogWith(policyValue: Record<string, unknown>, base: AppDefinition[] = [app('portal'), app('files'), app('chat')]) {
  const loaded = parsePolicyText('/p.json', JSON.stringify(policyValue));
  const settings = new SettingsService(new MemorySettingsStore(), loaded);
  return { settings, catalog: new CatalogService(settings, () => ({ apps: base, source: 'policy' })) };
}

const ids = (catalog: CatalogService) => catalog.list().map((entry) => entry.app.id);

describe('app catalog', () => {
  it('lists organisation apps first, then the user’s, all enabled', () => {
    const { catalog } = catalogWith({});
    catalog.add(app('wiki'));
    expect(ids(catalog)).toEqual(['portal', 'files', 'chat', 'wiki']);
    expect(catalog.list().map((e) => [e.source, e.removable, e.enabled])).toEqual([
      ['policy', false, true],
      ['policy', false, true],
      ['policy', false, true],
      ['user', true, true],
    ]);
  });

  it('reorders, keeping unmoved apps in catalog order', () => {
    const { catalog } = catalogWith({});
    catalog.move('chat', 0);
    expect(ids(catalog)).toEqual(['chat', 'portal', 'files']);
    catalog.move('portal', 99);
    expect(ids(catalog)).toEqual(['chat', 'files', 'portal']);
  });

  it('disables and re-enables an app', () => {
    const { catalog } = catalogWith({});
    catalog.setEnabled('files', false);
    expect(catalog.enabledApps().map((a) => a.id)).toEqual(['portal', 'chat']);
    catalog.setEnabled('files', true);
    expect(catalog.enabledApps()).toHaveLength(3);
  });

  it('removes only apps the user added', () => {
    const { catalog } = catalogWith({});
    catalog.add(app('wiki'));
    expect(() => catalog.remove('portal')).toThrow(/organisation/);
    catalog.remove('wiki');
    expect(ids(catalog)).toEqual(['portal', 'files', 'chat']);
  });

  it('refuses duplicates and non-https apps', () => {
    const { catalog } = catalogWith({});
    expect(() => catalog.add(app('portal'))).toThrow(/already exists/);
    expect(() => catalog.add(app('plain', 'http://intranet.example.org/'))).toThrow(/https/);
  });

  it('holds a user’s app to the same URL rules as the policy’s: origins and roomUrl too', () => {
    const { catalog } = catalogWith({});
    expect(() => catalog.add({ ...app('wiki'), origins: ['javascript:alert(1)'] })).toThrow('origins.0: apps must use https (got javascript)');
    expect(() => catalog.add({ ...app('chat2'), roomUrl: 'file:///tmp/{roomId}' })).toThrow('roomUrl: apps must use https (got file)');
    expect(ids(catalog)).toEqual(['portal', 'files', 'chat']);
  });

  it('honours locks on adding, ordering and disabling', () => {
    const { catalog } = catalogWith({ locked: { 'apps.custom': [], 'apps.order': ['files', 'portal', 'chat'], 'apps.disabled': ['chat'] } });
    expect(ids(catalog)).toEqual(['files', 'portal', 'chat']);
    expect(catalog.enabledApps().map((a) => a.id)).toEqual(['files', 'portal']);
    expect(() => catalog.add(app('wiki'))).toThrow(/policy/);
    expect(() => catalog.move('chat', 0)).toThrow(/policy/);
    expect(() => catalog.setEnabled('chat', true)).toThrow(/policy/);
  });
});

describe('app URL rule', () => {
  it.each([
    ['https://cloud.example.org/', true],
    ['https://cloud.example.org:8443/apps', true],
    ['http://127.0.0.1:4000/', true],
    ['http://localhost:4000/', true],
    ['http://[::1]:4000/', true],
    ['http://cloud.example.org/', false],
    ['http://127.0.0.1.evil.com/', false],
    ['https://user:secret@cloud.example.org/', false],
    ['ftp://cloud.example.org/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => {
    expect(isAllowedAppUrl(url).ok).toBe(ok);
  });
});
