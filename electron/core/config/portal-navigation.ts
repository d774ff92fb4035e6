// Reads the openDesk/Nubus central navigation (`navigation.json`):
// {"categories":[{"identifier","display_name","entries":[{"identifier","display_name","link","icon_url","target"}]}]}
// into apps the sidebar can show. Whatever the text, this never throws: an answer that is not the
// navigation at all is refused whole (the caller keeps its last good list); a bad entry (a link an
// app may not have, an id that cannot be one, the same id for another link) is left out alone and
// counted, the rest still counts — as a bad policy entry is (policy-validate.ts).
import { z } from 'zod';
import { appDefinitionSchema } from './catalog-schema.ts';
import { appUrlViolation } from './policy-validate.ts';

/** What one navigation entry becomes. */
export interface NavigationEntry {
  id: string;
  name: string;
  url: string;
  /** The category's display name: the group it is shown in. */
  group: string;
  iconUrl: string | null;
}

export type DroppedEntry = { code: 'bad-entry' | 'bad-id' | 'bad-link' | 'duplicate-id' | 'too-many'; identifier: string };

export type NavigationVerdict = { ok: true; entries: NavigationEntry[]; dropped: DroppedEntry[] } | { ok: false; code: 'not-json' | 'not-navigation' | 'no-usable-entries' };

/** Far above a real portal's list; a longer answer is not read to the end. */
export const MAX_NAVIGATION_BYTES = 512 * 1024;
export const MAX_ENTRIES = 200;
const MAX_NAME = 60;

// Extra fields are allowed (portals add their own); the known ones must have their type.
const navigationSchema = z.object({ categories: z.array(z.unknown()).max(100) });
const categorySchema = z.object({ identifier: z.string().max(200).optional(), display_name: z.string().max(500), entries: z.array(z.unknown()) });
const entrySchema = z.object({
  identifier: z.string().min(1).max(200),
  display_name: z.string().max(500),
  link: z.string().min(1).max(4096),
  icon_url: z.string().max(4096).nullish(),
  target: z.string().max(100).nullish(),
});

/** A navigation identifier as an app id (1–40 lowercase letters, digits, dashes), or null. */
export function appIdFor(identifier: string): string | null {
  const id = identifier
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return appDefinitionSchema.shape.id.safeParse(id).success ? id : null;
}

/** A display text shortened to what the sidebar holds, control characters out. */
function shortName(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > MAX_NAME ? `${clean.slice(0, MAX_NAME - 1).trimEnd()}…` : clean;
}

/** A link as the portal wrote it (absolute, or relative to the navigation's own URL); null when it is no URL. */
function resolve(link: string, base: string): string | null {
  try {
    return new URL(link, base).href;
  } catch {
    return null;
  }
}

export function parseNavigation(text: string, sourceUrl: string): NavigationVerdict {
  if (text.length > MAX_NAVIGATION_BYTES) return { ok: false, code: 'not-navigation' };
  let value: unknown;
  try {
    // V8's JSON.parse does not recurse on the stack: deep nesting cannot overflow it, and the
    // schemas below only look as deep as the navigation goes.
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'not-json' };
  }
  const navigation = navigationSchema.safeParse(value);
  if (!navigation.success) return { ok: false, code: 'not-navigation' };
  const entries: NavigationEntry[] = [];
  const dropped: DroppedEntry[] = [];
  const links = new Map<string, string>();
  let seen = 0;
  for (const rawCategory of navigation.data.categories) {
    const category = categorySchema.safeParse(rawCategory);
    if (!category.success) {
      dropped.push({ code: 'bad-entry', identifier: describe(rawCategory) });
      continue;
    }
    const group = shortName(category.data.display_name) || shortName(category.data.identifier ?? '');
    for (const rawEntry of category.data.entries) {
      if (++seen > MAX_ENTRIES) {
        dropped.push({ code: 'too-many', identifier: describe(rawEntry) });
        continue;
      }
      const entry = entrySchema.safeParse(rawEntry);
      if (!entry.success) {
        dropped.push({ code: 'bad-entry', identifier: describe(rawEntry) });
        continue;
      }
      const { identifier, display_name: displayName, link, icon_url: iconUrl } = entry.data;
      const id = appIdFor(identifier);
      const name = shortName(displayName) || shortName(identifier);
      if (!id || !name) {
        dropped.push({ code: 'bad-id', identifier: shortName(identifier) });
        continue;
      }
      // The same rules as a policy app's URLs (app-url.ts via policy-validate.ts): https only.
      const url = resolve(link, sourceUrl);
      if (!url || appUrlViolation({ url, origins: [] })) {
        dropped.push({ code: 'bad-link', identifier: shortName(identifier) });
        continue;
      }
      // Portals list one entry under several categories: the same link again is no conflict.
      const earlier = links.get(id);
      if (earlier !== undefined) {
        if (earlier !== url) dropped.push({ code: 'duplicate-id', identifier: shortName(identifier) });
        continue;
      }
      links.set(id, url);
      const icon = iconUrl ? resolve(iconUrl, sourceUrl) : null;
      entries.push({ id, name, url, group, iconUrl: icon && !appUrlViolation({ url: icon, origins: [] }) ? icon : null });
    }
  }
  if (entries.length === 0 && dropped.length > 0) return { ok: false, code: 'no-usable-entries' };
  return { ok: true, entries, dropped };
}

/** Something to name a bad entry by in the status: its identifier when it has a short one. */
function describe(raw: unknown): string {
  const identifier = (raw as { identifier?: unknown } | null)?.identifier;
  return typeof identifier === 'string' ? shortName(identifier) : '?';
}
