// What each settings key means, for IT staff: the key table in docs/policy.md is generated from
// this list plus the defaults in the settings schema (node scripts/package-docs.ts), and a test
// fails when a key has no entry here, so a new setting cannot ship undocumented.
import type { SettingKey } from '../electron/core/config/settings-schema.ts';

export interface KeyDoc {
  description: string;
  /** A value an organisation might set (shown in the table as JSON). */
  example: unknown;
}

export const policyKeyDocs: Record<SettingKey, KeyDoc> = {
  'general.locale': { description: 'User interface language: `auto` follows the desktop, or `nl` / `en`.', example: 'nl' },
  'general.firstRunDone': { description: 'Whether the first-run guide (welcome, organisation, sign-in, Files, chat) was done. Preset `true` where IT set everything up, to skip it.', example: true },
  'apps.custom': { description: 'Apps the user added in the catalog (same shape as `apps` entries). Lock it to `[]` to stop users adding apps.', example: [] },
  'apps.order': { description: 'Sidebar order as a list of app ids; apps not listed follow in catalog order.', example: ['portaal', 'chat', 'bestanden'] },
  'apps.disabled': { description: 'App ids hidden from the sidebar.', example: ['video'] },
  'sync.enabled': { description: 'Whether file sync runs at all.', example: true },
  'sync.serverUrl': { description: 'Nextcloud (or other WebDAV) server to sync with. Preset it so users only sign in. Empty: the built-in demo server.', example: 'https://cloud.voorbeeld.nl' },
  'sync.user': { description: 'Sync account name. Usually left to the user; preset it only for single-user machines. The password is asked at first sign-in and kept in the desktop keyring.', example: 'j.jansen' },
  'sync.davUrl': { description: 'WebDAV root of the account. Found automatically at sign-in (Nextcloud: `…/remote.php/dav/files/USER/`); set it only for servers that do not announce it.', example: 'https://files.voorbeeld.nl/dav/' },
  'sync.localDir': { description: 'Local folder kept in sync; `~` is the user’s home folder.', example: '~/Werkplek' },
  'sync.remoteDir': { description: 'Folder on the server that is synced.', example: '/Werkplek' },
  'sync.pollIntervalSeconds': { description: 'How often the server is asked for changes, in seconds (5–3600).', example: 60 },
  'sync.parallelTransfers': { description: 'Uploads and downloads at the same time (1–32).', example: 4 },
  'sync.deleteThresholdFiles': { description: 'A sync round that would delete more files than this stops and asks the user first (protection against mass deletion).', example: 50 },
  'sync.excludedFolders': { description: 'Server folders not synced to this machine.', example: ['Archief', 'Scans'] },
  'sync.uploadLimitKiBps': { description: 'Upload bandwidth limit in KiB/s; 0 is unlimited.', example: 2048 },
  'sync.downloadLimitKiBps': { description: 'Download bandwidth limit in KiB/s; 0 is unlimited.', example: 0 },
  'sync.freeSpaceReserveMiB': { description: 'Free disk space (MiB) that downloads always leave: a download that would cross it waits, with a message, until space is freed. `null`: the larger of 1 GiB and 5 % of the disk, at most 10 GiB; `0`: no reserve (only a full disk stops downloads).', example: 2048 },
  'sync.accounts': { description: 'Accounts beyond the first (a second Nextcloud, for a project shared with another organisation), each with its own folder, status and keyring entry: `id` (letters, digits, dashes), `serverUrl`, `localDir` (must not be inside another account\'s folder, nor hold one), and optionally `remoteDir`, `user`, `davUrl`, `enabled`, `excludedFolders`. Preset one here so the person only signs in; lock the key to fix the list.', example: [{ id: 'project-x', serverUrl: 'https://cloud.partner.nl', localDir: '~/Werkplek Project X' }] },
  'sync.allowAddingAccounts': { description: 'Whether the person may add accounts beyond the first in the Files panel. `false` hides "Add an account" and the app refuses adding; accounts already there (or preset in `sync.accounts`) keep syncing.', example: false },
  'matrix.enabled': { description: 'Matrix chat notifications from Werkplek. Off: no sign-in and no Werkplek notifications; the chat web app’s own notifications still pass through.', example: true },
  'matrix.homeserver': { description: 'Matrix homeserver for chat notifications. Preset it so users only sign in (password or single sign-on).', example: 'https://matrix.voorbeeld.nl' },
  'matrix.user': { description: 'Matrix user id. Filled in at sign-in; preset it only for single-user machines.', example: '@j.jansen:voorbeeld.nl' },
  'matrix.notificationContent': { description: 'What a notification shows: `full` (sender and message), `sender` (sender only) or `none` (only that there is a message). Lock it to `none` where screens are seen by others.', example: 'sender' },
  'matrix.doNotDisturb': { description: 'Do not disturb: no notification pop-ups (unread counts still update).', example: false },
  'matrix.dndSchedule': { description: 'Do not disturb by schedule: weekdays (0 = Sunday) and a start and end time.', example: { enabled: true, days: [1, 2, 3, 4, 5], start: '18:00', end: '08:00' } },
  'matrix.sound': { description: 'Play a sound with notifications.', example: true },
  'shell.closeToTray': { description: 'Closing the window keeps Werkplek running in the tray (notifications and sync continue).', example: true },
  'shell.startAtLogin': { description: 'Start Werkplek when the user logs in.', example: true },
  'shell.hibernateAfterMinutes': { description: 'Unload apps not used for this many minutes to save memory; 0 never does.', example: 60 },
  'shell.downloadsDir': { description: 'Folder for downloads; empty is the desktop’s Downloads folder.', example: '~/Downloads' },
  'shell.allowDevTools': { description: 'Allow the developer tools in app tabs. Keep it locked to `false` outside development.', example: false },
  'shell.spellcheckLanguages': { description: 'Spell-check languages for text fields in apps.', example: ['nl', 'en-GB'] },
  'shell.spellcheckDictionaryUrl': { description: 'HTTPS base URL to fetch spell-check dictionaries from, instead of Google’s servers (for networks without internet access).', example: 'https://intranet.voorbeeld.nl/dictionaries/' },
  'shell.proxy': { description: 'Network proxy: `system`, `direct`, `pac:URL` of a proxy auto-config file, or fixed proxy rules such as `http://proxy:3128` or `proxy:3128;bypass=.intern,localhost`. File sync (with its sign-in) and chat notifications use it too (HTTP proxies only; with `system` or a PAC file they take the session\'s `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`).', example: 'pac:https://intranet.voorbeeld.nl/proxy.pac' },
  'shell.ssoOrigins': { description: 'Origins of the shared identity provider: its sign-in pages stay inside the app tab and its pop-ups open as sign-in windows.', example: ['https://login.voorbeeld.nl'] },
  'shell.signInInBrowser': { description: 'Connecting Files (Nextcloud Login Flow v2) and chat notifications (Matrix single sign-on) opens the system browser instead of Werkplek’s sign-in window on the apps’ shared session. Off (default): a person signed in at the identity provider only confirms, no second password (docs/sign-in.md).', example: false },
  'shell.zoomLevels': { description: 'Zoom per app id (0 = 100 %, each step about 20 %), remembered when the user zooms.', example: { chat: 1 } },
  'updates.enabled': { description: 'AppImage only: look for and install new versions. deb installs are updated by apt whatever this says.', example: true },
  'updates.url': { description: 'AppImage only: HTTPS folder with `latest-linux.yml` and the AppImage files (electron-builder’s generic layout). Empty: no updates.', example: 'https://updates.voorbeeld.nl/werkplek/linux/' },
  'catalog.source': {
    description:
      'The portal’s app list as the catalog (openDesk/Nubus central navigation): `url` of the Intercom service’s `/navigation.json` (`auth: "session"`, the person’s sign-in in the apps’ shared session) or the portal’s `/univention/portal/navigation.json` (`auth: "secret"`: HTTP Basic with `user` — empty is the desktop login name — and the shared secret kept in the keyring as `catalog-source-secret`). Its entries become apps, grouped by category; policy apps win on the same id; `hide` leaves entry ids out, `pin` puts them first and keeps them on, `kinds` says what an entry is (`files`, `chat`, …). Asked in the person’s language, kept on disk for offline starts, refreshed every `refreshMinutes`. Lock it. `null`: no catalog source.',
    example: { url: 'https://ics.voorbeeld.nl/navigation.json', auth: 'session', hide: ['umc'], pin: ['nextcloud'], kinds: { nextcloud: 'files', element: 'chat' }, refreshMinutes: 15 },
  },
};

const cell = (value: unknown) => `\`${JSON.stringify(value)}\``.replace(/\|/g, '\\|');

/** The Markdown table of every settings key: default, example, meaning. */
export function policyKeyTable(defaults: Record<string, unknown>): string {
  const rows = Object.entries(defaults).map(([key, value]) => {
    const doc = policyKeyDocs[key as SettingKey] as KeyDoc | undefined;
    if (!doc) throw new Error(`settings key "${key}" has no entry in build/policy-keys.ts: describe it there, then run node scripts/package-docs.ts`);
    return `| \`${key}\` | ${cell(value)} | ${cell(doc.example)} | ${doc.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Key | Default | Example | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}
