// The AppImage self-update decision: which installs update themselves, and from which servers.
import { describe, expect, it } from 'vitest';
import { decideUpdates, updateServerUrl, type UpdateEnvironment } from '../../../electron/main/update-policy.ts';

const appImage: UpdateEnvironment = {
  appImage: '/home/u/Apps/Werkplek-1.0.0-x86_64.AppImage',
  appDir: '/tmp/.mount_WerkplAbc123',
  execPath: '/tmp/.mount_WerkplAbc123/werkplek',
  packageType: null,
  isPackaged: true,
};
const debInstall: UpdateEnvironment = { appImage: undefined, appDir: undefined, execPath: '/opt/Werkplek/werkplek', packageType: 'deb', isPackaged: true };
const on = { 'updates.enabled': true, 'updates.url': 'https://updates.voorbeeld.nl/werkplek/linux' };

describe('decideUpdates', () => {
  it('updates an AppImage from the policy server, with the path ending in a slash', () => {
    expect(decideUpdates(on, appImage)).toEqual({ mode: 'appimage', url: 'https://updates.voorbeeld.nl/werkplek/linux/' });
  });

  it('is off when the policy says so', () => {
    expect(decideUpdates({ ...on, 'updates.enabled': false }, appImage)).toMatchObject({ mode: 'off', reason: expect.stringContaining('updates.enabled') });
  });

  it('never updates a deb or rpm install', () => {
    for (const packageType of ['deb', 'rpm']) {
      expect(decideUpdates(on, { ...debInstall, packageType })).toMatchObject({ mode: 'off', reason: expect.stringContaining('package manager') });
    }
  });

  it('never updates a deb install that inherited AppImage variables from its parent process', () => {
    const inherited = { ...debInstall, appImage: appImage.appImage, appDir: appImage.appDir };
    expect(decideUpdates(on, inherited)).toMatchObject({ mode: 'off', reason: expect.stringContaining('package manager') });
  });

  it('still updates an AppImage that carries a package-type marker from a shared deb build', () => {
    expect(decideUpdates(on, { ...appImage, packageType: 'deb' }).mode).toBe('appimage');
  });

  it('is off outside an AppImage and outside a packaged build', () => {
    expect(decideUpdates(on, { ...appImage, appImage: undefined }).mode).toBe('off');
    expect(decideUpdates(on, { ...appImage, appDir: undefined }).mode).toBe('off');
    expect(decideUpdates(on, { ...appImage, execPath: '/tmp/.mount_WerkplAbc123-evil/werkplek' }).mode).toBe('off');
    expect(decideUpdates(on, { ...appImage, isPackaged: false }).mode).toBe('off');
  });

  it('is off without a server and names the key to set', () => {
    expect(decideUpdates({ ...on, 'updates.url': '  ' }, appImage)).toEqual({ mode: 'off', reason: 'no update server: set updates.url in the policy' });
  });

  it.each([
    ['http://updates.voorbeeld.nl/', 'https:'],
    ['file:///srv/updates/', 'https:'],
    ['ftp://updates.voorbeeld.nl/', 'https:'],
    ['https://user:secret@updates.voorbeeld.nl/', 'user name or password'],
    ['updates.voorbeeld.nl', 'not a URL'],
  ])('refuses %s as update server', (url, why) => {
    const decision = decideUpdates({ ...on, 'updates.url': url }, appImage);
    expect(decision.mode).toBe('off');
    expect(decision.mode === 'off' && decision.reason).toContain(why);
  });
});

describe('updateServerUrl', () => {
  it('drops query and fragment and keeps the host as typed in lower case', () => {
    expect(updateServerUrl('https://Updates.Voorbeeld.NL/linux/?x=1#y')).toEqual({ url: 'https://updates.voorbeeld.nl/linux/' });
  });
});
