// Remote apps through the real core services and main's wiring on the Electron double: a policy
// entry of kind remote-app is no tab; remote.start asks the sign-in once in a prompt window
// (no script, Dutch or English), hands the password to a stand-in FreeRDP on its standard input,
// keeps it in the keyring and reports starting → running → ended as remote.session events.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import { fakeFreeRdp } from './fake-freerdp.ts';

vi.mock('electron', async () => (await import('../shell/electron-double.ts')).electronModule);

const { bindRemoteApps } = await import('../../../electron/main/remote-apps.ts');
const { mainTexts } = await import('../../../electron/core/shell/main-texts.ts');
const { credentialName } = await import('../../../electron/core/remote-apps/rdp-session.ts');
const { DoubleBrowserWindow, recorded, settle } = await import('../shell/electron-double.ts');

const fake = fakeFreeRdp();
const savedPath = process.env.PATH;
process.env.PATH = `${fake.dir}:${savedPath}`;
process.env.FAKE_RDP_OUT = fake.out;
afterAll(() => {
  process.env.PATH = savedPath;
  delete process.env.FAKE_RDP_OUT;
  rmSync(fake.dir, { recursive: true, force: true });
});

const policy = {
  apps: [
    { id: 'portaal', name: 'Portaal', url: 'https://portaal.gemeente.nl/' },
    { id: 'zaak', name: 'Zaaksysteem', kind: 'remote-app', url: 'rdp://rds.gemeente.nl', rdp: { program: '||Zaak', domain: 'GEMEENTE' } },
    { id: 'gateway', name: 'Werkplek op afstand', kind: 'web-gateway', url: 'https://gateway.gemeente.nl/guacamole/' },
  ],
};

describe('remote apps wired in main', () => {
  it('a remote app is no tab: not among the web apps, and shell.activate refuses it', async () => {
    const core = await createTestCore({ policy });
    expect(core.ctx.catalog.enabledApps().map((app) => app.id)).toEqual(['portaal', 'gateway']); // the web gateway is a web app
    expect(core.ctx.catalog.enabledRemoteApps().map((app) => app.id)).toEqual(['zaak']);
    await expect(core.handlers['shell.activate']({ appId: 'zaak' })).rejects.toThrow('remote app');
    // The preview host has no prompt: it says so instead of starting FreeRDP.
    expect(await core.handlers['remote.start']({ appId: 'zaak' })).toMatchObject({ state: 'ended', reason: 'unsupported' });
    await core.close();
  });

  it('asks once in a prompt window, gives the password to FreeRDP on stdin, keeps it, and reports the session', async () => {
    const core = await createTestCore({ policy });
    const window = new DoubleBrowserWindow({});
    bindRemoteApps({ ctx: core.ctx, window: () => window as never, texts: () => mainTexts('nl', 'en') });
    const events: Array<{ state: string; reason: string | null }> = [];
    core.hub.subscribe((name, payload) => {
      if (name === 'remote.session') events.push(payload as { state: string; reason: string | null });
    });
    const before = recorded.windows.length;
    const started = core.handlers['remote.start']({ appId: 'zaak' });
    await settle();
    const prompt = recorded.windows.at(-1)!;
    expect(recorded.windows.length).toBe(before + 1);
    expect(prompt.options).toMatchObject({ modal: true, parent: window, webPreferences: { javascript: false } });
    const html = decodeURIComponent(prompt.webContents.getURL());
    expect(html).toContain('Aanmelden bij Zaaksysteem');
    expect(html).toContain('rds.gemeente.nl');
    expect(html).not.toMatch(/<script|\son\w+=/i);
    prompt.webContents.emit('will-navigate', { url: 'https://werkplek.invalid/login?username=jan&password=Ge%26heim-1', preventDefault: () => {} });
    expect(await started).toMatchObject({ appId: 'zaak', state: 'running' });
    await vi.waitFor(() => expect(events.at(-1)?.state).toBe('ended'), { timeout: 5000 });
    expect(events.map((e) => e.state)).toEqual(['starting', 'running', 'ended']);
    expect(readFileSync(fake.out, 'utf8')).toBe('Ge&heim-1');
    expect(JSON.parse((await core.ctx.keyring.get(credentialName('rds.gemeente.nl', 'GEMEENTE')))!)).toEqual({ username: 'jan', password: 'Ge&heim-1' });

    // Reconnect: no second prompt.
    const windows = recorded.windows.length;
    expect(await core.handlers['remote.start']({ appId: 'zaak' })).toMatchObject({ state: 'running' });
    expect(recorded.windows.length).toBe(windows);
    await core.close();
  });
});
