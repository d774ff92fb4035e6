// The app catalog: the organisation's apps from policy (or the demo apps when there is no
// organisation), the portal's app list (catalog-source.ts; a policy app wins on the same id), plus
// apps the user added, in the user's order, each enabled or not. The catalog source setting hides
// ids or pins them: first in the sidebar, in its order, and always on.
import type { SettingsService } from './settings-service.ts';
import { SettingLockedError } from './settings-service.ts';
import type { AppDefinition, CatalogEntry } from './catalog-schema.ts';
import { appUrlViolation } from './policy-validate.ts';
import { isRemoteApp } from '../remote-apps/rdp-rules.ts';
import type { PortalApp } from './catalog-source.ts';

export class CatalogService {
  private readonly settings: SettingsService;
  private readonly baseApps: () => { apps: AppDefinition[]; source: 'policy' | 'demo' };
  private readonly portalApps: () => PortalApp[];

  constructor(settings: SettingsService, baseApps: () => { apps: AppDefinition[]; source: 'policy' | 'demo' }, portalApps: () => PortalApp[] = () => []) {
    this.settings = settings;
    this.baseApps = baseApps;
    this.portalApps = portalApps;
  }

  list(): CatalogEntry[] {
    const values = this.settings.values();
    const base = this.baseApps();
    const customLocked = this.settings.isLocked('apps.custom');
    const taken = new Set(base.apps.map((app) => app.id));
    const portal = this.portalApps().filter(({ app }) => !taken.has(app.id));
    for (const { app } of portal) taken.add(app.id);
    const { hide = [], pin = [] } = values['catalog.source'] ?? {};
    const hidden = new Set(hide);
    const entries: CatalogEntry[] = [
      ...base.apps.map((app) => ({ app, source: base.source, enabled: true, removable: false })),
      ...portal.map(({ app, group }) => ({ app, source: 'portal' as const, group, enabled: true, removable: false })),
      ...values['apps.custom'].filter((app) => !taken.has(app.id)).map((app) => ({ app, source: 'user' as const, enabled: true, removable: !customLocked })),
    ].filter((entry) => !hidden.has(entry.app.id));
    const disabled = new Set(values['apps.disabled']);
    for (const entry of entries) entry.enabled = pin.includes(entry.app.id) || !disabled.has(entry.app.id);
    const order = values['apps.order'];
    const rank = (id: string) => {
      const pinned = pin.indexOf(id);
      if (pinned !== -1) return pinned - pin.length; // before every app the user ordered
      const index = order.indexOf(id);
      return index === -1 ? Number.MAX_SAFE_INTEGER : index;
    };
    // Stable sort: apps the user never moved keep their catalog order after the ordered ones.
    return entries.map((entry, index) => ({ entry, index })).sort((a, b) => rank(a.entry.app.id) - rank(b.entry.app.id) || a.index - b.index).map(({ entry }) => entry);
  }

  /** The enabled web apps: the tabs (Ctrl+1…9, links, sign-in rules). Remote apps are not tabs. */
  enabledApps(): AppDefinition[] {
    return this.list().filter((entry) => entry.enabled && !isRemoteApp(entry.app)).map((entry) => entry.app);
  }

  /** The enabled remote apps (kind "remote-app"): started with FreeRDP in a window of their own. */
  enabledRemoteApps(): AppDefinition[] {
    return this.list().filter((entry) => entry.enabled && isRemoteApp(entry.app)).map((entry) => entry.app);
  }

  find(id: string): CatalogEntry | undefined {
    return this.list().find((entry) => entry.app.id === id);
  }

  add(app: AppDefinition): CatalogEntry[] {
    if (this.settings.isLocked('apps.custom')) throw new SettingLockedError('apps.custom', this.settings.language());
    if (this.find(app.id)) throw new Error(`an app with id "${app.id}" already exists`);
    const bad = appUrlViolation(app);
    if (bad) throw new Error(bad.path[0] === 'url' ? bad.reason : `${bad.path.join('.')}: ${bad.reason}`);
    this.settings.set('apps.custom', [...this.settings.get('apps.custom'), app]);
    return this.list();
  }

  remove(id: string): CatalogEntry[] {
    const entry = this.requireEntry(id);
    if (entry.removable) {
      this.settings.set('apps.custom', this.settings.get('apps.custom').filter((app) => app.id !== id));
      return this.list();
    }
    const language = this.settings.language();
    if (entry.source === 'user') throw new SettingLockedError('apps.custom', language);
    throw new Error(language === 'nl' ? `"${entry.app.name}" komt van je organisatie en kan niet worden verwijderd; je kunt de app wel uitzetten` : `"${entry.app.name}" comes from your organisation and cannot be removed; you can disable it`);
  }

  move(id: string, toIndex: number): CatalogEntry[] {
    this.requireEntry(id);
    const ids = this.list().map((entry) => entry.app.id).filter((other) => other !== id);
    ids.splice(Math.min(toIndex, ids.length), 0, id);
    this.settings.set('apps.order', ids);
    return this.list();
  }

  setEnabled(id: string, enabled: boolean): CatalogEntry[] {
    const entry = this.requireEntry(id);
    if (!enabled && this.settings.get('catalog.source')?.pin.includes(id)) {
      const nl = this.settings.language() === 'nl';
      throw new Error(nl ? `"${entry.app.name}" is door je organisatie vastgezet en blijft aan` : `"${entry.app.name}" is pinned by your organisation and stays on`);
    }
    const disabled = new Set(this.settings.get('apps.disabled'));
    if (enabled) disabled.delete(id);
    else disabled.add(id);
    this.settings.set('apps.disabled', [...disabled]);
    return this.list();
  }

  private requireEntry(id: string): CatalogEntry {
    const entry = this.find(id);
    if (!entry) throw new Error(`no app with id "${id}"`);
    return entry;
  }
}
