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
