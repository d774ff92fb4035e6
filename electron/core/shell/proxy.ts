// The proxy setting (shell.proxy, policy may set it) as an Electron/Chromium proxy config:
//   "system"                      the desktop's proxy settings (default)
//   "direct"                      no proxy
//   "pac:https://host/proxy.pac"  a PAC script
//   "http://proxy:3128" or "proxy:3128;bypass=.intern,localhost"   fixed proxy rules
// Written without Electron types so it can be tested; main.ts passes it to session.setProxy.

export type ProxySetting =
  | { mode: 'system' }
  | { mode: 'direct' }
  | { mode: 'pac_script'; pacScript: string }
  | { mode: 'fixed_servers'; proxyRules: string; proxyBypassRules: string };

export type ProxyVerdict = { ok: true; config: ProxySetting } | { ok: false; error: string };

const rulePart = /^(?:(?:https?|ftp)=)?(?:(?:https?|socks[45]?|direct):\/\/)?[a-z0-9.[\]:-]+(?::\d{1,5})?$/i;
const bypassPart = /^[a-z0-9.*<>[\]:/-]+$/i;

export function parseProxySetting(raw: string): ProxyVerdict {
  const value = raw.trim();
  if (value === '' || value === 'system') return { ok: true, config: { mode: 'system' } };
  if (value === 'direct') return { ok: true, config: { mode: 'direct' } };
  if (value.startsWith('pac:')) {
    const pac = value.slice(4);
    try {
      const url = new URL(pac);
      if (url.protocol !== 'https:' && url.protocol !== 'http:' && url.protocol !== 'file:') throw new Error('scheme');
      return { ok: true, config: { mode: 'pac_script', pacScript: url.href } };
    } catch {
      return { ok: false, error: `shell.proxy: "${pac}" is not a valid PAC script URL (use pac:https://…/proxy.pac)` };
    }
  }
  const [rules = '', ...options] = value.split(';');
  const parts = rules.split(',').map((part) => part.trim());
  if (parts.some((part) => !rulePart.test(part))) return { ok: false, error: `shell.proxy: "${rules}" is not a proxy like proxy.example.org:3128 or http://proxy:3128` };
  let bypass = '';
  for (const option of options) {
    const [name, list = ''] = option.split('=');
    if (name?.trim() !== 'bypass' || list.split(',').some((entry) => !bypassPart.test(entry.trim()))) {
      return { ok: false, error: `shell.proxy: unknown option "${option}" (only bypass=host,.domain is allowed)` };
    }
    bypass = list.split(',').map((entry) => entry.trim()).join(',');
  }
  return { ok: true, config: { mode: 'fixed_servers', proxyRules: parts.join(','), proxyBypassRules: bypass } };
}

/** Proxy variables for Node's own HTTP (Agent `proxyEnv`): the file sync, its sign-in and the chat notifier. */
// A type, not an interface: Node's Agent `proxyEnv` takes a string-indexed record.
export type NodeProxyEnv = {
  HTTP_PROXY?: string;
  HTTPS_PROXY?: string;
  NO_PROXY?: string;
};

/** Loopback never goes through a proxy (the embedded demo server lives there). */
const LOOPBACK = 'localhost,127.0.0.1,::1';

/**
 * The same setting for Node's HTTP, which has no Chromium proxy resolver: "system" takes the
 * desktop session's HTTPS_PROXY / HTTP_PROXY / NO_PROXY variables (how Linux desktops hand a
 * proxy to programs), fixed rules become those variables, "direct" none. A PAC script cannot be
 * evaluated there: `note` says so, and the variables of the session are used instead.
 */
export function nodeProxyEnv(config: ProxySetting, env: Record<string, string | undefined>): { env: NodeProxyEnv | null; note: string | null } {
  const fromSession = (): NodeProxyEnv | null => {
    const http = env.HTTP_PROXY ?? env.http_proxy;
    const https = env.HTTPS_PROXY ?? env.https_proxy;
    if (!http && !https) return null;
    const noProxy = env.NO_PROXY ?? env.no_proxy;
    return { ...(http ? { HTTP_PROXY: http } : {}), ...(https ? { HTTPS_PROXY: https } : {}), NO_PROXY: noProxy ? `${noProxy},${LOOPBACK}` : LOOPBACK };
  };
  switch (config.mode) {
    case 'direct':
      return { env: null, note: null };
    case 'system':
      return { env: fromSession(), note: null };
    case 'pac_script':
      return { env: fromSession(), note: 'a PAC script cannot be used for file sync and chat notifications: they use the HTTPS_PROXY/HTTP_PROXY variables of the session' };
    case 'fixed_servers': {
      const result: NodeProxyEnv = {};
      let note: string | null = null;
      for (const rule of config.proxyRules.split(',')) {
        const [scheme, server] = rule.includes('=') ? (rule.split('=', 2) as [string, string]) : ['', rule];
        if (/^(socks[45]?|direct):\/\//i.test(server)) {
          note = `"${server}" cannot be used for file sync and chat notifications (Node speaks to HTTP proxies only): they connect directly`;
          continue;
        }
        const url = /^https?:\/\//i.test(server) ? server : `http://${server}`;
        if (scheme === '' || scheme === 'http') result.HTTP_PROXY ??= url;
        if (scheme === '' || scheme === 'https') result.HTTPS_PROXY ??= url;
      }
      if (!result.HTTP_PROXY && !result.HTTPS_PROXY) return { env: null, note };
      // Chromium's bypass list → NO_PROXY: "<local>" is plain host names and loopback, "*.x" is ".x".
      const bypass = config.proxyBypassRules.split(',').map((entry) => entry.trim()).filter(Boolean)
        .map((entry) => (entry === '<local>' ? 'localhost' : entry.replace(/^\*\./, '.')));
      result.NO_PROXY = [...new Set([...bypass, ...LOOPBACK.split(',')])].join(',');
      return { env: result, note };
    }
  }
}

/** nodeProxyEnv of the raw shell.proxy value; a value that does not parse means the session's, as in the shell. */
export function nodeProxyEnvForSetting(setting: string, env: Record<string, string | undefined>): { env: NodeProxyEnv | null; note: string | null } {
  const verdict = parseProxySetting(setting);
  return nodeProxyEnv(verdict.ok ? verdict.config : { mode: 'system' }, env);
}

/**
 * Environment for a Node child process (the chat notifier), whose `fetch` takes its proxy from
 * these variables when NODE_USE_ENV_PROXY is set. "direct" blanks the inherited ones.
 */
export function childProcessProxyEnv(setting: string, env: Record<string, string | undefined>): Record<string, string> {
  const proxy = nodeProxyEnvForSetting(setting, env).env;
  if (!proxy) return { HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' };
  return { ...proxy, NODE_USE_ENV_PROXY: '1' } as Record<string, string>;
}
