// The homeserver behind a chat app, when the policy does not name one (matrix.homeserver): Element
// publishes it in its /config.json (`default_server_config["m.homeserver"].base_url`), as openDesk's
// Element does. Read through the web apps' proxy setting; only a web address counts (https, or
// http on loopback); anything else (no Element, a broken file, no answer) is "unknown".
import { requestSmall } from '../sync/account-http.ts';
import type { NodeProxyEnv } from './proxy.ts';
import { isAllowedAppUrl } from '../config/app-url.ts';

export async function homeserverFromElementConfig(appUrl: string, options: { proxyEnv?: NodeProxyEnv | null; timeoutMs?: number } = {}): Promise<string | null> {
  let answer;
  try {
    answer = await requestSmall(new URL('config.json', appUrl).href, { method: 'GET' }, { proxyEnv: options.proxyEnv ?? null, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  } catch {
    return null;
  }
  if (answer.status !== 200) return null;
  const config = answer.json as { default_server_config?: { 'm.homeserver'?: { base_url?: unknown } } } | undefined;
  const base = config?.default_server_config?.['m.homeserver']?.base_url;
  if (typeof base !== 'string') return null;
  const verdict = isAllowedAppUrl(base);
  return verdict.ok ? verdict.url.href.replace(/\/+$/, '') : null;
}
