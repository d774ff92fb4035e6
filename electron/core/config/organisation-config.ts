// The configuration an organisation publishes for the first run, so a person who knows only their
// portal's address gets set up: https://PORTAL-HOST/.well-known/werkplek.json (docs/first-run.md):
//   { "organisation": "Gemeente Voorbeeld", "portal": "https://portaal.voorbeeld.nl/",
//     "files": { "server": "https://cloud.voorbeeld.nl" }, "chat": { "homeserver": "https://matrix.voorbeeld.nl" } }
// What it sets are the person's own settings, never locks (a policy file is how IT locks), and a
// setting the policy locks is left as the policy has it.
import { z } from 'zod';
import { isAllowedAppUrl } from './app-url.ts';
import { fetchPublicJson, type RequestOptions } from './catalog-source-fetch.ts';
import type { SettingKey } from './settings-schema.ts';

export const WELL_KNOWN_PATH = '/.well-known/werkplek.json';
const MAX_BYTES = 16 * 1024;

const httpsUrl = z.string().max(2048).refine((raw) => isAllowedAppUrl(raw).ok, 'must be an https address');
export const organisationConfigSchema = z.object({
  organisation: z.string().trim().min(1).max(100),
  portal: httpsUrl.optional(),
  files: z.object({ server: httpsUrl }).strict().optional(),
  chat: z.object({ homeserver: httpsUrl }).strict().optional(),
}).strict();
export type OrganisationConfig = z.infer<typeof organisationConfigSchema>;

/** Why no configuration was found, as a code the UI translates. */
export type DiscoveryProblem = 'address' | 'unreachable' | 'not-published' | 'invalid';
export type Discovery = { ok: true; url: string; config: OrganisationConfig } | { ok: false; problem: DiscoveryProblem; detail?: string };

/** The well-known address for what a person typed ("portaal.voorbeeld.nl", or any URL of the portal). */
export function wellKnownUrlFor(typed: string): string | null {
  const text = typed.trim();
  if (!text || /\s/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (!isAllowedAppUrl(url.origin).ok) return null;
  return `${url.origin}${WELL_KNOWN_PATH}`;
}

export async function discoverOrganisation(typed: string, options: RequestOptions = {}): Promise<Discovery> {
  const url = wellKnownUrlFor(typed);
  if (!url) return { ok: false, problem: 'address' };
  const answer = await fetchPublicJson(url, MAX_BYTES, { timeoutMs: 10_000, ...options });
  if (!answer.ok) return { ok: false, problem: answer.problem === 'unreachable' ? 'unreachable' : 'not-published', detail: answer.status ? `HTTP ${answer.status}` : answer.problem };
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return { ok: false, problem: 'invalid', detail: 'not JSON' };
  }
  const parsed = organisationConfigSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'invalid', detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ') };
  return { ok: true, url, config: parsed.data };
}

/** The settings a configuration sets: the server for Files, the homeserver for chat, the portal as an app. */
export function settingsFrom(config: OrganisationConfig, customApps: { id: string }[]): Partial<Record<SettingKey, unknown>> {
  const out: Partial<Record<SettingKey, unknown>> = {};
  if (config.files) out['sync.serverUrl'] = config.files.server;
  if (config.chat) out['matrix.homeserver'] = config.chat.homeserver;
  if (config.portal && !customApps.some((app) => app.id === 'portaal')) {
    out['apps.custom'] = [...customApps, { id: 'portaal', name: config.organisation.slice(0, 60), url: config.portal, kind: 'portal' }];
  }
  return out;
}
