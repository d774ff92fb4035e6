// shell.proxy for Node's own HTTP (file sync, chat notifier): the setting → HTTP(S)_PROXY / NO_PROXY.
import { describe, expect, it } from 'vitest';
import { childProcessProxyEnv, nodeProxyEnv, parseProxySetting } from '../../../electron/core/shell/proxy.ts';

const forSetting = (setting: string, env: Record<string, string> = {}) => {
  const verdict = parseProxySetting(setting);
  if (!verdict.ok) throw new Error(verdict.error);
  return nodeProxyEnv(verdict.config, env);
};
const session = { HTTPS_PROXY: 'http://proxy.gov:8080', NO_PROXY: '.intern' };

describe('nodeProxyEnv', () => {
  it.each<[string, Record<string, string>, ReturnType<typeof nodeProxyEnv>['env']]>([
    ['system', {}, null],
    ['system', session, { HTTPS_PROXY: 'http://proxy.gov:8080', NO_PROXY: '.intern,localhost,127.0.0.1,::1' }],
    ['system', { http_proxy: 'http://p:3128' }, { HTTP_PROXY: 'http://p:3128', NO_PROXY: 'localhost,127.0.0.1,::1' }],
    ['direct', session, null],
    ['proxy.gov:3128', {}, { HTTP_PROXY: 'http://proxy.gov:3128', HTTPS_PROXY: 'http://proxy.gov:3128', NO_PROXY: 'localhost,127.0.0.1,::1' }],
    ['http://proxy.gov:3128;bypass=.intern,*.rijk.nl,<local>', {}, { HTTP_PROXY: 'http://proxy.gov:3128', HTTPS_PROXY: 'http://proxy.gov:3128', NO_PROXY: '.intern,.rijk.nl,localhost,127.0.0.1,::1' }],
    ['https=secure:443,http=plain:80', {}, { HTTPS_PROXY: 'http://secure:443', HTTP_PROXY: 'http://plain:80', NO_PROXY: 'localhost,127.0.0.1,::1' }],
  ])('%s with %o', (setting, env, expected) => {
    expect(forSetting(setting, env).env).toEqual(expected);
  });

  it('a SOCKS proxy or a PAC script cannot be used by Node, and says so', () => {
    expect(forSetting('socks5://s:1080')).toMatchObject({ env: null, note: expect.stringContaining('HTTP proxies only') });
    expect(forSetting('pac:https://wpad.intern/proxy.pac', session)).toMatchObject({ env: { HTTPS_PROXY: 'http://proxy.gov:8080' }, note: expect.stringContaining('PAC') });
  });
});

describe('childProcessProxyEnv', () => {
  it('turns on Node’s proxy support with the variables, or blanks inherited ones for "direct"', () => {
    expect(childProcessProxyEnv('proxy.gov:3128', {})).toEqual({ HTTP_PROXY: 'http://proxy.gov:3128', HTTPS_PROXY: 'http://proxy.gov:3128', NO_PROXY: 'localhost,127.0.0.1,::1', NODE_USE_ENV_PROXY: '1' });
    expect(childProcessProxyEnv('direct', session)).toEqual({ HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' });
    // A bad setting falls back to the session's proxy, as the web apps' sessions do.
    expect(childProcessProxyEnv('not a proxy!', session)).toMatchObject({ HTTPS_PROXY: 'http://proxy.gov:8080', NODE_USE_ENV_PROXY: '1' });
  });
});
