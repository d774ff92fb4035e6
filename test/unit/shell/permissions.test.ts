// Decision table: permission × app allow-list × origin × main frame × do-not-disturb (scenario 46).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decidePermission, grantablePermissions, type PermissionQuery } from '../../../electron/core/shell/permissions.ts';
import type { AppPermission } from '../../../electron/core/config/catalog-schema.ts';

const video = { url: 'https://video.example.org/', origins: ['https://meet.example.org'], permissions: ['media', 'notifications', 'fullscreen', 'display-capture', 'geolocation'] as AppPermission[] };
const mail = { url: 'https://mail.example.org/', origins: [], permissions: ['notifications', 'clipboard-sanitized-write'] as AppPermission[] };

const base = (overrides: Partial<PermissionQuery>): PermissionQuery => ({ app: video, permission: 'media', requestingOrigin: 'https://video.example.org', isMainFrame: true, doNotDisturb: false, ...overrides });

describe('decidePermission', () => {
  const table: Array<[string, Partial<PermissionQuery>, boolean]> = [
    ['camera/mic for the video app', {}, true],
    ['camera/mic from the video app page URL', { requestingOrigin: 'https://video.example.org/room/1?x' }, true],
    ['camera/mic from an extra origin of the app', { requestingOrigin: 'https://meet.example.org' }, true],
    ['camera/mic for the mail app', { app: mail, requestingOrigin: 'https://mail.example.org' }, false],
    ['camera/mic from a foreign origin', { requestingOrigin: 'https://evil.example.com' }, false],
    ['camera/mic from a look-alike origin', { requestingOrigin: 'https://video.example.org.evil.com' }, false],
    ['camera/mic over http on the same host', { requestingOrigin: 'http://video.example.org' }, false],
    ['camera/mic from another port', { requestingOrigin: 'https://video.example.org:8443' }, false],
    ['camera/mic from an app subframe inside the app', { isMainFrame: false, requestingOrigin: 'https://meet.example.org', embeddingOrigin: 'https://video.example.org' }, true],
    ['camera/mic from a foreign subframe', { isMainFrame: false, requestingOrigin: 'https://ads.example.com', embeddingOrigin: 'https://video.example.org' }, false],
    ['camera/mic from an app frame embedded by a foreign page', { isMainFrame: false, requestingOrigin: 'https://video.example.org', embeddingOrigin: 'https://evil.example.com' }, false],
    ['no app (shell UI or unknown view)', { app: null }, false],
    ['notifications for mail', { app: mail, permission: 'notifications', requestingOrigin: 'https://mail.example.org' }, true],
    ['notifications during do-not-disturb', { app: mail, permission: 'notifications', requestingOrigin: 'https://mail.example.org', doNotDisturb: true }, false],
    ['camera/mic during do-not-disturb (a call is not a notification)', { doNotDisturb: true }, true],
    ['chat app notifications while the Matrix notifier is signed in (one message, one notification)', { app: { ...mail, kind: 'chat' }, permission: 'notifications', requestingOrigin: 'https://mail.example.org', chatNotifierActive: true }, false],
    ['chat app notifications while the notifier is not signed in', { app: { ...mail, kind: 'chat' }, permission: 'notifications', requestingOrigin: 'https://mail.example.org', chatNotifierActive: false }, true],
    ['a non-chat app keeps its notifications while the notifier runs', { app: { ...mail, kind: 'mail' }, permission: 'notifications', requestingOrigin: 'https://mail.example.org', chatNotifierActive: true }, true],
    ['notifications from a foreign origin', { app: mail, permission: 'notifications', requestingOrigin: 'https://evil.example.com' }, false],
    ['clipboard write for mail', { app: mail, permission: 'clipboard-sanitized-write', requestingOrigin: 'https://mail.example.org' }, true],
    ['clipboard read for mail (not listed)', { app: mail, permission: 'clipboard-read', requestingOrigin: 'https://mail.example.org' }, false],
    ['geolocation even when the catalog lists it', { permission: 'geolocation' }, false],
    ['usb', { permission: 'usb' }, false],
    ['serial', { permission: 'serial' }, false],
    ['hid', { permission: 'hid' }, false],
    ['midi', { permission: 'midi' }, false],
    ['midiSysex', { permission: 'midiSysex' }, false],
    ['openExternal', { permission: 'openExternal' }, false],
    ['idle-detection', { permission: 'idle-detection' }, false],
    ['window-management', { permission: 'window-management' }, false],
    ['fileSystem', { permission: 'fileSystem' }, false],
    ['pointerLock', { permission: 'pointerLock' }, false],
    ['keyboardLock', { permission: 'keyboardLock' }, false],
    ['storage-access', { permission: 'storage-access' }, false],
    ['unknown', { permission: 'unknown' }, false],
    ['a permission name Chromium adds later', { permission: 'brand-new-permission' }, false],
    ['fullscreen for the video app', { permission: 'fullscreen' }, true],
    ['fullscreen for mail (not listed)', { app: mail, permission: 'fullscreen', requestingOrigin: 'https://mail.example.org' }, false],
    ['screen sharing for the video app', { permission: 'display-capture' }, true],
    ['garbage origin', { requestingOrigin: 'not a url' }, false],
    ['empty origin', { requestingOrigin: '' }, false],
    ['opaque origin', { requestingOrigin: 'null' }, false],
    ['credentialed origin', { requestingOrigin: 'https://a:b@video.example.org' }, false],
  ];
  it.each(table)('%s', (_name, overrides, allow) => {
    const verdict = decidePermission(base(overrides));
    expect(verdict.allow).toBe(allow);
    if (!verdict.allow) expect(verdict.reason).toMatch(/\w/);
  });

  it('grants nothing outside the grantable set, for any origin', () => {
    const every = ['ar', 'automatic-fullscreen', 'background-fetch', 'background-sync', 'captured-surface-control', 'clipboard-read', 'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture', 'fileSystem', 'fullscreen', 'geolocation', 'geolocation-approximate', 'hand-tracking', 'hid', 'idle-detection', 'keyboardLock', 'local-fonts', 'local-network', 'local-network-access', 'loopback-network', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'nfc', 'notifications', 'openExternal', 'payment-handler', 'periodic-background-sync', 'persistent-storage', 'pointerLock', 'screen-wake-lock', 'sensors', 'serial', 'smart-card', 'speaker-selection', 'storage-access', 'system-wake-lock', 'top-level-storage-access', 'usb', 'vr', 'web-app-installation', 'web-printing', 'window-management', 'unknown'];
    const everything = { ...video, permissions: every as AppPermission[] };
    const granted = every.filter((permission) => decidePermission(base({ app: everything, permission })).allow);
    expect(granted.sort()).toEqual([...grantablePermissions].sort());
    expect(granted).not.toContain('geolocation');
  });
});

describe('decidePermission (property)', () => {
  it('never grants to an origin outside the app or a permission outside its list', () => {
    const origins = fc.oneof(fc.webUrl(), fc.constantFrom('https://video.example.org', 'https://meet.example.org', 'https://video.example.org.evil.com', 'http://video.example.org', 'null', ''));
    const permissions = fc.oneof(fc.string(), fc.constantFrom(...grantablePermissions, 'geolocation', 'usb', 'hid', 'serial', 'midi'));
    fc.assert(
      fc.property(origins, origins, permissions, fc.boolean(), fc.boolean(), (requestingOrigin, embeddingOrigin, permission, isMainFrame, doNotDisturb) => {
        const verdict = decidePermission({ app: video, permission, requestingOrigin, embeddingOrigin, isMainFrame, doNotDisturb });
        if (!verdict.allow) return;
        expect(['https://video.example.org', 'https://meet.example.org']).toContain(new URL(requestingOrigin).origin);
        expect(video.permissions).toContain(permission);
        expect(permission).not.toBe('geolocation');
        if (permission === 'notifications') expect(doNotDisturb).toBe(false);
      }),
    );
  });
});
