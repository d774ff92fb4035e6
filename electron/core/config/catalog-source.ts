// The catalog source: the portal's app list (portal-navigation.ts) as apps in the sidebar. The
// last good list comes from disk at once (catalog-source-cache.ts), so the sidebar is complete at
// start-up and offline; the list is refreshed in the background (catalog-source-fetch.ts). An
// unreachable, signed-out or broken source keeps the last good list and says so in the status.
import { userInfo } from 'node:os';
import type { Log } from '../context.ts';
import type { Keyring } from '../secrets/keyring.ts';
import { appDefinitionSchema, type AppDefinition } from './catalog-schema.ts';
import { CatalogSourceCache, type CachedEntry, type CachedList } from './catalog-source-cache.ts';
import { fetchIcon, fetchNavigation, type Credentials, type FetchProblem, type RequestOptions } from './catalog-source-fetch.ts';
import { catalogSecretName, type CatalogSourceSetting } from './catalog-source-settings.ts';
import { parseNavigation, type NavigationEntry } from './portal-navigation.ts';
import type { UiLanguage } from './ui-language.ts';
import type { NodeProxyEnv } from '../shell/proxy.ts';

export type SourceProblem = FetchProblem | 'not-json' | 'not-navigation' | 'no-usable-entries' | 'no-secret';

export type CatalogSourceStatus =
  | { state: 'off' }
  /** The first list is being fetched (nothing on disk yet). */
  | { state: 'loading' }
  | { state: 'ok'; fetchedAt: string; dropped: number }
  /** The last refresh failed: the list of `fetchedAt` (null: none yet) is what the sidebar shows. */
  | { state: 'stale'; problem: SourceProblem; httpStatus: number | null; fetchedAt: string | null };

export interface PortalApp {
  app: AppDefinition;
  group: string;
}

export interface CatalogSourceOptions {
  dataDir: string;
  setting(): CatalogSourceSetting | null;
  language(): UiLanguage;
  keyring: Keyring;
  /** The Cookie header of the apps' shared session for a URL (the Electron host supplies it). */
  sessionCookies?: ((url: string) => Promise<string | null>) | undefined;
  /** The web apps' proxy for Node's HTTP (shell/proxy.ts), asked at each refresh. */
  proxyEnv?: () => NodeProxyEnv | null;
  /** List or status changed. */
  onChange(): void;
  log: Log;
  now?: () => Date;
  timeoutMs?: number;
  /** After a failed refresh, the next try comes this soon (ms); default one minute. */
  retryMs?: number;
}

const ICON_FETCHES_AT_ONCE = 6;

export class CatalogSource {
  private readonly options: CatalogSourceOptions;
  private readonly cache: CatalogSourceCache;
  private list: CachedList | null;
  private portalApps: PortalApp[] = [];
  private current: CatalogSourceStatus;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly stopped = new AbortController();
  /** What the last fetch was for (source, sign-in, language), and the whole setting (hide, pin). */
  private requestKey: string;
  private lastSetting: string;

  constructor(options: CatalogSourceOptions) {
    this.options = options;
    this.cache = new CatalogSourceCache(options.dataDir);
    this.list = this.cache.read();
    this.requestKey = this.key();
    this.lastSetting = JSON.stringify(options.setting());
    this.current = { state: 'off' };
    this.rebuild();
  }

  /** The portal's entries as apps, in its order (none without a source, or from another source). */
  apps(): PortalApp[] {
    return this.portalApps;
  }

  status(): CatalogSourceStatus {
    return this.current;
  }

  /** The first refresh now, then one every `refreshMinutes` (sooner after a failure). */
  start(): void {
    void this.refresh();
  }

  /** The source, its sign-in or the language changed: fetch again (the current list stays meanwhile); hide, pin or kinds: shown at once. */
  settingsChanged(): void {
    const key = this.key();
    const hideOrPin = JSON.stringify(this.options.setting());
    if (key === this.requestKey) {
      if (hideOrPin !== this.lastSetting) {
        this.lastSetting = hideOrPin;
        this.rebuild();
        this.options.onChange();
      }
      return;
    }
    this.requestKey = key;
    this.lastSetting = hideOrPin;
    this.rebuild();
    this.options.onChange();
    void this.refresh();
  }

  /** One refresh at a time; a call during one runs another right after it. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.refreshOnce();
      } while (this.again && !this.stopped.signal.aborted);
    })().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  stop(): void {
    this.stopped.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private key(): string {
    const setting = this.options.setting();
    return setting ? JSON.stringify([setting.url, setting.auth, setting.user, this.options.language()]) : '';
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const setting = this.options.setting();
    if (!setting || this.stopped.signal.aborted) return;
    const delay = this.current.state === 'stale' ? (this.options.retryMs ?? 60_000) : setting.refreshMinutes * 60_000;
    this.timer = setTimeout(() => void this.refresh(), delay);
    this.timer.unref();
  }

  /** Apps and status from the list on hand, for the source as it is set now. */
  private rebuild(): void {
    const setting = this.options.setting();
    const list = setting && this.list?.sourceUrl === setting.url ? this.list : null;
    this.portalApps = (list?.entries ?? []).flatMap((entry) => {
      const kind = setting?.kinds[entry.id];
      const app = appDefinitionSchema.safeParse({ id: entry.id, name: entry.name, url: entry.url, ...(entry.icon ? { icon: entry.icon } : {}), ...(kind ? { kind } : {}) });
      return app.success ? [{ app: app.data, group: entry.group }] : [];
    });
    if (!setting) this.current = { state: 'off' };
    else if (this.current.state === 'off' || this.current.state === 'loading' || (this.current.state === 'ok' && !list)) this.current = list ? { state: 'ok', fetchedAt: list.fetchedAt, dropped: list.dropped } : { state: 'loading' };
  }

  private async credentials(setting: CatalogSourceSetting): Promise<Credentials | null> {
    if (setting.auth === 'secret') {
      const secret = await this.options.keyring.get(catalogSecretName);
      return secret ? { basic: { user: setting.user || userInfo().username, secret } } : null;
    }
    return { cookie: (await this.options.sessionCookies?.(setting.url)) ?? null };
  }

  private async refreshOnce(): Promise<void> {
    const setting = this.options.setting();
    if (!setting || this.stopped.signal.aborted) return;
    const language = this.options.language();
    const key = this.key();
    const signal = this.stopped.signal;
    const credentials = await this.credentials(setting).catch(() => null);
    if (!credentials) return this.failed(setting, 'no-secret', null);
    const http = { signal, proxyEnv: this.options.proxyEnv?.() ?? null, ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}) };
    const answer = await fetchNavigation(setting.url, language, credentials, http);
    if (signal.aborted || key !== this.key()) return; // stopped, or the source changed meanwhile: the next round asks again
    if (!answer.ok) return this.failed(setting, answer.problem, answer.status ?? null);
    const verdict = parseNavigation(answer.text, setting.url);
    if (!verdict.ok) return this.failed(setting, verdict.code, null);
    for (const bad of verdict.dropped) this.options.log.warn(`catalog source: entry "${bad.identifier}" left out (${bad.code})`);
    const entries = await this.withIcons(verdict.entries, setting.url, credentials, http);
    if (signal.aborted || key !== this.key()) return;
    const list: CachedList = { version: 1, sourceUrl: setting.url, language, fetchedAt: (this.options.now?.() ?? new Date()).toISOString(), dropped: verdict.dropped.length, entries };
    const unsaved = this.cache.write(list);
    if (unsaved) this.options.log.warn(`catalog source: the list is not kept for the next start (${unsaved})`);
    const same = JSON.stringify(this.list?.entries) === JSON.stringify(list.entries) && this.current.state === 'ok' && this.current.dropped === list.dropped;
    this.list = list;
    this.current = { state: 'ok', fetchedAt: list.fetchedAt, dropped: list.dropped };
    this.rebuild();
    // An unchanged list in a fine state is no news (the shell would rebuild its menu and tabs for nothing).
    if (!same) this.options.onChange();
  }

  /** Each entry's icon: the one on hand for the same icon URL, else fetched now (a few at a time). */
  private async withIcons(entries: NavigationEntry[], sourceUrl: string, credentials: Credentials, http: RequestOptions & { signal: AbortSignal }): Promise<CachedEntry[]> {
    const known = new Map((this.list?.entries ?? []).filter((entry) => entry.icon && entry.iconUrl).map((entry) => [entry.iconUrl!, entry.icon!]));
    const out: CachedEntry[] = entries.map((entry) => ({ ...entry, icon: entry.iconUrl ? (known.get(entry.iconUrl) ?? null) : null }));
    const missing = out.filter((entry) => entry.iconUrl && !entry.icon);
    for (let i = 0; i < missing.length && !http.signal.aborted; i += ICON_FETCHES_AT_ONCE) {
      await Promise.all(
        missing.slice(i, i + ICON_FETCHES_AT_ONCE).map(async (entry) => {
          entry.icon = await fetchIcon(entry.iconUrl!, sourceUrl, credentials, { signal: http.signal, proxyEnv: http.proxyEnv });
        }),
      );
    }
    return out;
  }

  private failed(setting: CatalogSourceSetting, problem: SourceProblem, httpStatus: number | null): void {
    const list = this.list?.sourceUrl === setting.url ? this.list : null;
    const next: CatalogSourceStatus = { state: 'stale', problem, httpStatus, fetchedAt: list?.fetchedAt ?? null };
    if (JSON.stringify(next) === JSON.stringify(this.current)) return; // the same failure again: already said
    this.options.log.warn(`catalog source ${setting.url}: ${problem}${httpStatus ? ` (HTTP ${httpStatus})` : ''}; ${list ? `keeping the list of ${list.fetchedAt}` : 'no list yet'}`);
    this.current = next;
    this.options.onChange();
  }
}
