// The in-app sign-in window on the Electron double: the apps' shared partition with the hardened
// preferences, navigation kept to the server and identity provider, closed by the flow (no cancel)
// or by the person (cancel), pop-ups to the browser.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);

const { openSignInWindow } = await import('../../../electron/main/sign-in-window.ts');
const { DoubleBrowserWindow, recorded, settle } = await import('./electron-double.ts');

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

function open(returnUrl: string | null = null) {
  const external: string[] = [];
  const prepared: string[] = [];
  let cancels = 0;
  const parent = new DoubleBrowserWindow({});
  const before = recorded.windows.length;
  const handle = openSignInWindow(
    { parent: () => parent as never, prepareSession: async (partition) => void prepared.push(partition), openExternal: (url) => void external.push(url), log: quiet },
    { url: 'https://cloud.example.org/login/v2/flow/abc', partition: 'persist:werkplek', allowedOrigins: ['https://cloud.example.org', 'https://id.example.org'], returnUrl },
    () => cancels++,
  );
  const window = recorded.windows[before]!;
  const navigate = (name: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string, isMainFrame = true) => {
    const event = { url, isMainFrame, defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    window.webContents.emit(name, event);
    return event.defaultPrevented;
  };
  return { handle, window, parent, external, prepared, navigate, cancels: () => cancels };
}

describe('the in-app sign-in window', () => {
  it('shows the sign-in page on the shared partition, hardened, without a preload, after the session is guarded', async () => {
    const { window, prepared, parent } = open();
    const prefs = (window.options.webPreferences ?? {}) as Record<string, unknown>;
    expect(prefs).toMatchObject({ partition: 'persist:werkplek', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBeUndefined();
    expect(window.options.parent).toBe(parent);
    expect(window.isVisible()).toBe(false);
    await settle();
    expect(prepared).toEqual(['persist:werkplek']);
    expect(window.webContents.loaded).toEqual(['https://cloud.example.org/login/v2/flow/abc']);
    await vi.waitFor(() => expect(window.isVisible()).toBe(true));
  });

  it('follows the server and the identity provider; a link elsewhere opens in the browser; no other schemes', async () => {
    const { navigate, external } = open();
    expect(navigate('will-navigate', 'https://cloud.example.org/login/v2/grant')).toBe(false);
    expect(navigate('will-navigate', 'https://id.example.org/realms/x/login-actions')).toBe(false);
    // An identity provider shell.ssoOrigins does not list: reached by the server's redirect, then followed.
    expect(navigate('will-navigate', 'https://keycloak.example.org/auth')).toBe(true);
    expect(navigate('will-redirect', 'https://keycloak.example.org/auth?client_id=nc')).toBe(false);
    expect(navigate('will-navigate', 'https://keycloak.example.org/login-actions/authenticate')).toBe(false);
    expect(navigate('will-navigate', 'https://help.example.org/faq')).toBe(true);
    expect(navigate('will-redirect', 'http://plain.example.org/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(external).toEqual(['https://keycloak.example.org/auth', 'https://help.example.org/faq']);
  });

  it('lets frames load only from the origins allowed so far, and never admits one by a frame redirect', () => {
    const { navigate, external } = open();
    expect(navigate('will-frame-navigate', 'https://id.example.org/login-status-iframe.html', false)).toBe(false);
    expect(navigate('will-frame-navigate', 'https://ads.example.net/frame', false)).toBe(true);
    expect(navigate('will-redirect', 'https://ads.example.net/frame', false)).toBe(true);
    expect(navigate('will-frame-navigate', 'https://ads.example.net/frame', false)).toBe(true); // still not admitted
    expect(navigate('will-frame-navigate', 'https://elsewhere.example.org/', true)).toBe(false); // main frame: will-navigate decides
    expect(external).toEqual([]);
  });

  it('sends pop-ups to the browser, never a second window', () => {
    const { window, external } = open();
    const count = recorded.windows.length;
    expect(window.webContents.windowOpenHandler!({ url: 'https://id.example.org/privacy' })).toEqual({ action: 'deny' });
    expect(window.webContents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://id.example.org/privacy']);
    expect(recorded.windows.length).toBe(count);
  });

  it('closes itself when the flow completes (core closes it, or its return page loads): not a cancel', async () => {
    const done = open();
    await settle();
    done.handle.close();
    expect(done.window.isDestroyed()).toBe(true);
    expect(done.cancels()).toBe(0);
    done.handle.close(); // twice is harmless

    const returned = open('http://127.0.0.1:41234/sso-abc');
    await settle();
    returned.window.webContents.emit('did-navigate', {}, 'https://cloud.example.org/other');
    expect(returned.window.isDestroyed()).toBe(false);
    returned.window.webContents.emit('did-navigate', {}, 'http://127.0.0.1:41234/sso-abc?loginToken=t');
    expect(returned.window.isDestroyed()).toBe(true);
    expect(returned.cancels()).toBe(0);
  });

  it('the person closing it (the × or Escape) cancels the flow, once', async () => {
    const byX = open();
    await settle();
    byX.window.close();
    expect(byX.cancels()).toBe(1);
    byX.handle.close();
    expect(byX.cancels()).toBe(1);

    const byEscape = open();
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    byEscape.window.webContents.emit('before-input-event', event, { type: 'keyDown', key: 'Escape' });
    expect(event.defaultPrevented).toBe(true);
    expect(byEscape.window.isDestroyed()).toBe(true);
    expect(byEscape.cancels()).toBe(1);
  });
});
