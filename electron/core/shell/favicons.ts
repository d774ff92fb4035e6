// App icons: the image a catalog entry names by its http(s) address, else (or when that fails) the
// icon the site declares in its start page's head or web app manifest (icon-links.ts), else its
// /favicon.ico. Fetched through the web apps' proxy without credentials (catalog-source-fetch.ts:
// bounded in size and time, a site's icons from its own origin only, image types whose bytes
// match) and kept as data: URLs in the data folder, so the sidebar shows them offline too. An SVG
// is kept too: the shell shows icons only as <img>, where a browser runs no script of an SVG and
// loads nothing it refers to, and its CSP allows only data: images. A missing icon is asked again
// after a day, a kept one refreshed after a week. The letter tile stays the last fallback
// (renderer/src/shell/AppIcon.tsx).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fetchIcon, fetchPageHead, fetchPublicJson, type RequestOptions } from '../config/catalog-source-fetch.ts';
import { MAX_HEAD_CHARS, iconLinks, manifestIcons } from './icon-links.ts';
import type { NodeProxyEnv } from './proxy.ts';

const DAY = 24 * 3600 * 1000;
const REFRESH_AFTER = 7 * DAY;
const RETRY_AFTER = DAY;
/** Declared icons tried before /favicon.ico (a page may declare many; each try costs a request). */
const MAX_TRIES = 3;
const MAX_MANIFEST_BYTES = 64 * 1024;
/** Key prefix of an image a catalog entry names by its address (other keys are a site's origin). */
const NAMED = 'icon ';

interface Entry {
  icon: string | null;
  at: number;
}

export interface FaviconApp {
  id: string;
  url: string;
  icon?: string | undefined;
}

export interface FaviconOptions {
  /** Where the icons are kept (JSON: origin → { icon, at }). */
  file: string;
  proxyEnv?: () => NodeProxyEnv | null;
  now?: () => number;
  timeoutMs?: number;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

function load(file: string): Record<string, Entry> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>;
    return Object.fromEntries(Object.entries(data).filter(([, entry]) => typeof entry?.at === 'number' && (entry.icon === null || (typeof entry.icon === 'string' && entry.icon.startsWith('data:image/')))));
  } catch {
    return {}; // none yet, or unreadable: fetched again
  }
}

export class FaviconCache {
  private readonly options: FaviconOptions;
  private readonly entries: Record<string, Entry>;
  private running: Promise<boolean> | null = null;

  constructor(options: FaviconOptions) {
    this.options = options;
    this.entries = load(options.file);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * Where an app's icon is kept, best first: the image its catalog entry names by address (a
   * `data:` icon needs nothing kept; the renderer shows it), then its site's own icon.
   */
  private keysFor(app: FaviconApp): string[] {
    if (app.icon?.startsWith('data:image/')) return [];
    const origin = originOf(app.url);
    const named = app.icon && originOf(app.icon) ? [`${NAMED}${app.icon}`] : [];
    return [...named, ...(origin ? [origin] : [])];
  }

  /** The kept icon of each app whose catalog entry gives no data: icon, by app id. */
  icons(apps: FaviconApp[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const app of apps) {
      const icon = this.keysFor(app).map((key) => this.entries[key]?.icon).find((found) => found);
      if (icon) out[app.id] = icon;
    }
    return out;
  }

  private due(key: string): boolean {
    const entry = this.entries[key];
    return !entry || this.now() - entry.at >= (entry.icon ? REFRESH_AFTER : RETRY_AFTER);
  }

  /** Fetches the icons that are missing or old (one refresh at a time); true when one changed. */
  refresh(apps: FaviconApp[]): Promise<boolean> {
    this.running ??= this.fetchDue(apps).finally(() => (this.running = null));
    return this.running;
  }

  private async fetchDue(apps: FaviconApp[]): Promise<boolean> {
    // Per key, what to fetch: a named image as it is; a site's icon from the first app's start page.
    const due = new Map<string, string>();
    for (const app of apps) {
      for (const key of this.keysFor(app)) {
        if (!due.has(key) && this.due(key)) due.set(key, key.startsWith(NAMED) ? key.slice(NAMED.length) : app.url);
        // The site is asked only when the named image is not there.
        if (this.entries[key]?.icon) break;
      }
    }
    let changed = false;
    const options = { proxyEnv: this.options.proxyEnv?.() ?? null, timeoutMs: this.options.timeoutMs ?? 10_000 };
    for (const [key, url] of due) {
      const icon = await (key.startsWith(NAMED) ? fetchIcon(url, url, {}, options) : siteIcon(key, url, options)).catch(() => null);
      const previous = this.entries[key]?.icon ?? null;
      if (icon !== null && icon !== previous) changed = true;
      if (icon) this.entries[key] = { icon, at: this.now() };
      // A failure does not forget an icon we had; it is asked again after a day.
      else if (previous) this.entries[key] = { icon: previous, at: this.now() - REFRESH_AFTER + RETRY_AFTER };
      else this.entries[key] = { icon: null, at: this.now() };
    }
    if (due.size > 0) this.save();
    return changed;
  }

  private save(): void {
    mkdirSync(dirname(this.options.file), { recursive: true });
    const temp = `${this.options.file}.tmp`;
    writeFileSync(temp, JSON.stringify(this.entries));
    renameSync(temp, this.options.file);
  }
}

/** The site's declared icon (best first, a few tries), else its /favicon.ico; null when none is an image. */
async function siteIcon(origin: string, page: string, options: RequestOptions): Promise<string | null> {
  const head = await fetchPageHead(page, MAX_HEAD_CHARS, options);
  const declared = head ? iconLinks(head.html, head.url) : { icons: [], manifest: null };
  let candidates = declared.icons;
  if (declared.manifest && !candidates.some((icon) => icon.rank < 20)) {
    const manifest = await fetchPublicJson(declared.manifest, MAX_MANIFEST_BYTES, options);
    if (manifest.ok) candidates = [...candidates, ...manifestIcons(manifest.text, declared.manifest)].sort((a, b) => a.rank - b.rank);
  }
  const urls = [...new Set([...candidates.slice(0, MAX_TRIES).map((icon) => icon.url), `${origin}/favicon.ico`])];
  for (const url of urls) {
    const icon = await fetchIcon(url, url, {}, options);
    if (icon) return icon;
  }
  return null;
}
