// The shell's bridge handlers on the real core: activation (with a URL only inside the app),
// panels, titles → badges, and the host seam defaults of the preview.
import { describe, expect, it } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';

async function setup() {
  const core = await createTestCore({ policy: { apps: [{ id: 'chat', name: 'Chat', url: 'https://chat.example.org/' }, { id: 'mail', name: 'Mail', url: 'https://mail.example.org/', badge: 'none' }] } });
  const events: Array<[string, unknown]> = [];
  core.hub.subscribe((name, payload) => name.startsWith('shell.') && events.push([name, payload]));
  return { core, events, call: core.handlers };
}

describe('shell handlers', () => {
  it('activating an app closes an open panel, so the app view can show again', async () => {
    const { call, events, core } = await setup();
    await call['shell.setPanel']({ panel: 'downloads' });
    await call['shell.activate']({ appId: 'chat' });
    expect(core.ctx.shell.panel).toBeNull();
    expect(events).toEqual([
      ['shell.panel', { panel: 'downloads' }],
      ['shell.panel', { panel: null }],
      ['shell.activate', { appId: 'chat' }],
    ]);
  });

  it('the window’s start-up choice of a first app (keepPanel) leaves a panel the user opened meanwhile', async () => {
    const { call, events, core } = await setup();
    await call['shell.setPanel']({ panel: 'settings' });
    await call['shell.activate']({ appId: 'chat', keepPanel: true });
    expect(core.ctx.shell.panel).toBe('settings');
    expect(core.ctx.shell.activeAppId).toBe('chat');
    expect(events).toEqual([
      ['shell.panel', { panel: 'settings' }],
      ['shell.activate', { appId: 'chat' }],
    ]);
  });

  it('a URL passed with activation must belong to the app', async () => {
    const { call } = await setup();
    await expect(call['shell.activate']({ appId: 'chat', url: 'https://chat.example.org/#/room/x' })).resolves.toEqual({ appId: 'chat' });
    await expect(call['shell.activate']({ appId: 'chat', url: 'https://evil.example.com/' })).rejects.toThrow(/does not belong to Chat/);
    await expect(call['shell.activate']({ appId: 'ghost' })).rejects.toThrow(/no app/);
  });

  it('titles become badges per the app rule', async () => {
    const { call } = await setup();
    await call['shell.reportTitle']({ appId: 'chat', title: '(4) Chat' });
    await call['shell.reportTitle']({ appId: 'mail', title: '(9) Inbox' });
    expect(await call['shell.badges']({})).toEqual({ chat: 4, mail: 0 });
  });

  it('in the preview, desktop-only actions say so; layout and online are harmless', async () => {
    const { call } = await setup();
    await expect(call['shell.navigate']({ appId: 'chat', action: 'reload' })).rejects.toThrow(/desktop app/);
    await expect(call['shell.zoom']({ appId: 'chat', step: 1 })).rejects.toThrow(/desktop app/);
    await expect(call['shell.layout']({ x: 0, y: 0, width: 10, height: 10 })).resolves.toEqual({ ok: true });
    await expect(call['shell.online']({ online: true })).resolves.toEqual({ ok: true });
    expect(await call['shell.loadStates']({})).toEqual({});
  });
});
