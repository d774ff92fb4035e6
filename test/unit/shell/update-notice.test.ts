// What the person sees of self-updates: nothing unless an AppImage with updates on has downloaded
// one; then "Restart to update" with the version until they restart. Nothing restarts on its own.
import { describe, expect, it } from 'vitest';
import { UpdateNotice } from '../../../electron/core/updates/update-notice.ts';
import { decideUpdates } from '../../../electron/main/update-policy.ts';
import { createTestCore } from '../../fixtures/test-core.ts';

const appImage = { appImage: '/home/p/Werkplek.AppImage', appDir: '/tmp/.mount_Werk1', execPath: '/tmp/.mount_Werk1/werkplek', packageType: null, isPackaged: true };
const deb = { appImage: undefined, appDir: undefined, execPath: '/opt/Werkplek/werkplek', packageType: 'deb', isPackaged: true };
const on = { 'updates.enabled': true, 'updates.url': 'https://updates.example.org/werkplek' };

function notice() {
  const changes: unknown[] = [];
  let restarts = 0;
  const n = new UpdateNotice({ onChange: (status) => changes.push(status) });
  return { n, changes, restart: () => restarts++, restarts: () => restarts };
}

describe('update notice', () => {
  it('an AppImage with a downloaded update shows "ready" with the version, once, and restarts only when asked', () => {
    const { n, changes, restart, restarts } = notice();
    n.start(decideUpdates(on, appImage).mode, restart);
    expect(n.status()).toEqual({ state: 'none' });
    expect(changes).toEqual([]);
    n.downloaded('2.1.0');
    expect(n.status()).toEqual({ state: 'ready', version: '2.1.0' });
    expect(changes).toEqual([{ state: 'ready', version: '2.1.0' }]);
    n.downloaded('2.1.0'); // electron-updater may report it again: no second notice
    expect(changes).toHaveLength(1);
    expect(restarts()).toBe(0); // "later": nothing happens, the notice stays
    expect(n.status().state).toBe('ready');
    expect(n.restartNow()).toBe(true);
    expect(restarts()).toBe(1);
  });

  it('a newer download replaces the version shown', () => {
    const { n, changes, restart } = notice();
    n.start('appimage', restart);
    n.downloaded('2.1.0');
    n.downloaded('2.2.0');
    expect(changes.at(-1)).toEqual({ state: 'ready', version: '2.2.0' });
  });

  it('deb installs, policy off and unpackaged runs show nothing, even if a download were reported, and never restart', () => {
    for (const decision of [decideUpdates(on, deb), decideUpdates({ ...on, 'updates.enabled': false }, appImage), decideUpdates(on, { ...appImage, isPackaged: false })]) {
      expect(decision.mode).toBe('off');
      const { n, changes, restart, restarts } = notice();
      n.start(decision.mode, restart);
      n.downloaded('2.1.0');
      expect(n.status()).toEqual({ state: 'none' });
      expect(changes).toEqual([]);
      expect(n.restartNow()).toBe(false);
      expect(restarts()).toBe(0);
    }
  });

  it('no restart without a ready update; a download before the host started still shows once it does', () => {
    const { n, restart, restarts } = notice();
    n.downloaded('3.0.0');
    expect(n.status()).toEqual({ state: 'none' });
    n.start('appimage', restart);
    expect(n.status()).toEqual({ state: 'ready', version: '3.0.0' });
    const fresh = notice();
    fresh.n.start('appimage', fresh.restart);
    expect(fresh.n.restartNow()).toBe(false);
    expect(fresh.restarts() + restarts()).toBe(0);
  });

  it('the preview host has no updates: the bridge says none, and restart does nothing', async () => {
    const core = await createTestCore();
    try {
      expect(await core.handlers['update.status']({})).toEqual({ state: 'none' });
      expect(await core.handlers['update.restart']({})).toEqual({ restarting: false });
    } finally {
      await core.close();
    }
  });

  it('the bridge event follows the notice', async () => {
    const core = await createTestCore();
    const events: unknown[] = [];
    const off = core.hub.subscribe((name, payload) => {
      if (name === 'update.status') events.push(payload);
    });
    let restarts = 0;
    core.ctx.updates.start('appimage', () => restarts++);
    core.ctx.updates.downloaded('2.1.0');
    expect(events).toEqual([{ state: 'ready', version: '2.1.0' }]);
    expect(await core.handlers['update.status']({})).toEqual({ state: 'ready', version: '2.1.0' });
    expect(restarts).toBe(0);
    expect(await core.handlers['update.restart']({})).toEqual({ restarting: true });
    expect(restarts).toBe(1);
    off();
    await core.close();
  });
});
