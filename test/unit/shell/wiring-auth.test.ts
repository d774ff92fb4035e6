// HTTP sign-in (Basic, NTLM, Negotiate, proxies): integrated sign-in only for apps that ask for it,
// otherwise a prompt (no script, escaped), one per server and realm, a kept answer from the keyring
// that is forgotten when the server refuses it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);

const { handleHttpAuth } = await import('../../../electron/main/http-auth.ts');
const { guardSession } = await import('../../../electron/main/app-sessions.ts');
const { integratedAuthDomains, loginAnswer, loginPage } = await import('../../../electron/core/shell/http-auth.ts');
const { mainTexts } = await import('../../../electron/core/shell/main-texts.ts');
const { app, DoubleBrowserWindow, DoubleSession, DoubleWebContents, recorded, settle } = await import('./electron-double.ts');

afterEach(() => vi.useRealTimers());

const challenge = { isProxy: false, scheme: 'basic', host: 'intranet.example.org', port: 443, realm: 'Intranet <b>' };

describe('the sign-in prompt page', () => {
  it('escapes what the server says, sends its form only to werkplek.invalid, and reads the answer back', () => {
    const page = loginPage(mainTexts('en', 'en'), challenge, 'Intranet');
    expect(page).toContain('Intranet (intranet.example.org) asks you to sign in: “Intranet &#60;b&#62;”');
    expect(page).toContain('<form method="get" action="https://werkplek.invalid/login">');
    expect(page).toContain("form-action https://werkplek.invalid");
    expect(page).toContain('only the HTTPS connection protects it'); // Basic: said plainly
    expect(page).not.toMatch(/<script|\son\w+=/i);
    expect(loginPage(mainTexts('nl', 'en'), { ...challenge, isProxy: true, scheme: 'ntlm' }, null)).toContain('De proxyserver intranet.example.org vraagt je om aan te melden');
    expect(loginAnswer('https://werkplek.invalid/login?username=jan&password=g%26heim&remember=1')).toEqual({ username: 'jan', password: 'g&heim', remember: true });
    expect(loginAnswer('https://werkplek.invalid/login?username=jan&password=x')).toEqual({ username: 'jan', password: 'x', remember: false });
    expect(loginAnswer('data:text/html,x#cancel')).toBe('cancel');
    expect(loginAnswer('https://evil.example.com/login?username=jan')).toBeNull();
    expect(loginAnswer('https://werkplek.invalid/login?username=')).toBeNull();
  });

  it('integrated sign-in (Kerberos/NTLM) only to the hosts of apps that ask for it', () => {
    expect(integratedAuthDomains([{ url: 'https://intranet.example.org/', origins: ['https://sso.example.org'], integratedAuth: true }, { url: 'https://chat.example.org/', origins: [] }])).toBe('intranet.example.org,sso.example.org');
  });
});

describe('the login event', () => {
  async function setup() {
    const core = await createTestCore({ policy: { apps: [{ id: 'intranet', name: 'Intranet', url: 'https://intranet.example.org/', integratedAuth: true }, { id: 'chat', name: 'Chat', url: 'https://chat.example.org/' }] } });
    const window = new DoubleBrowserWindow({});
    const view = new DoubleWebContents('persist:werkplek');
    const owners = { appFor: (contents: unknown) => (contents === view ? core.ctx.catalog.find('intranet')!.app : null), appIdFor: (contents: unknown) => (contents === view ? 'intranet' : null) };
    app.removeAllListeners('login');
    handleHttpAuth(app as never, { ctx: core.ctx, owners: owners as never, window: () => window as never, texts: () => mainTexts('en', 'en') });
    const login = (contents: unknown, info = challenge) => {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      const answer = new Promise<string[]>((resolve) => app.fire('login', event, contents, { url: 'https://intranet.example.org/' }, info, (...args: string[]) => resolve(args)));
      return { event, answer };
    };
    const prompt = () => recorded.windows.at(-1)!;
    const submit = (url: string) => prompt().webContents.emit('will-navigate', { url, preventDefault: () => {} });
    return { core, view, window, login, prompt, submit, owners };
  }

  it('asks once for many requests, keeps the answer when asked to, and sends it again later without asking', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { core, view, login, prompt, submit, window } = await setup();
    const first = login(view);
    const second = login(view);
    expect(first.event.defaultPrevented).toBe(true);
    await settle();
    expect(prompt()).not.toBe(window);
    expect(prompt().options).toMatchObject({ modal: true, parent: window, webPreferences: { javascript: false } });
    const prompts = recorded.windows.length;
    submit('https://werkplek.invalid/login?username=jan&password=geheim&remember=1');
    expect(await first.answer).toEqual(['jan', 'geheim']);
    expect(await second.answer).toEqual(['jan', 'geheim']);
    expect(recorded.windows).toHaveLength(prompts);
    expect(JSON.parse((await core.ctx.keyring.get('http-auth:server:intranet.example.org:443:Intranet <b>'))!)).toEqual({ username: 'jan', password: 'geheim' });
    vi.setSystemTime(Date.now() + 5 * 60_000);
    expect(await login(view).answer).toEqual(['jan', 'geheim']);
    expect(recorded.windows).toHaveLength(prompts); // no new prompt
  });

  it('a kept answer the server refuses is forgotten and the person is asked; Cancel answers nothing', async () => {
    const { core, view, login, prompt } = await setup();
    await core.ctx.keyring.set('http-auth:server:intranet.example.org:443:Intranet <b>', JSON.stringify({ username: 'old', password: 'stale' }));
    expect(await login(view).answer).toEqual(['old', 'stale']);
    const again = login(view); // at once: the server said no
    await settle();
    expect(await core.ctx.keyring.get('http-auth:server:intranet.example.org:443:Intranet <b>')).toBeNull();
    prompt().webContents.emit('did-navigate-in-page', {}, 'data:text/html,x#cancel', true);
    expect(await again.answer).toEqual([]);
  });

  it('contents that are no app are not answered (Electron cancels); a proxy is asked for', async () => {
    const { login } = await setup();
    const stranger = login(new DoubleWebContents());
    expect(stranger.event.defaultPrevented).toBe(false);
    const proxy = login(null, { ...challenge, isProxy: true, host: 'proxy.example.org', port: 3128 });
    expect(proxy.event.defaultPrevented).toBe(true);
    recorded.windows.at(-1)!.close();
    expect(await proxy.answer).toEqual([]);
  });

  it('every app session gets the integrated sign-in allow-list', async () => {
    const { core, owners } = await setup();
    const ses = new DoubleSession();
    await guardSession(ses as never, core.ctx, owners as never, () => false);
    expect(ses.integratedAuthDomains).toBe('intranet.example.org');
  });
});
