// Every lockable key, locked by the policy, stays at the policy's value whichever way a user tries
// to change it: the bridge's settings commands (what the settings screen sends), the catalog
// commands, and the sign-in flows that would store a server or account. The table must name every
// settings key, so a new key cannot ship without this check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import { Homeserver } from '../../fixtures/homeserver/homeserver.ts';
import { settingKeys, type SettingKey } from '../../../electron/core/config/settings-schema.ts';
import type { CoreServices } from '../../../electron/core/services.ts';

type Call = { name: string; input: unknown };
interface Row {
  locked: unknown;
  /** Another valid value a user might want. */
  attempt: unknown;
  /** Further ways to change it besides settings.set / settings.reset. */
  also?: Call[];
}

const app = (id: string, kind = 'other') => ({ id, name: id.toUpperCase(), url: `https://${id}.example.org/`, kind });
const schedule = (enabled: boolean) => ({ enabled, days: [1, 2, 3, 4, 5], start: '18:00', end: '08:00' });
// Nothing listens on the discard port: a flow that got as far as the network fails differently.
const nowhere = 'http://127.0.0.1:9';

const table: Record<SettingKey, Row> = {
  'general.locale': { locked: 'en', attempt: 'nl' },
  'apps.custom': { locked: [], attempt: [app('wiki')], also: [{ name: 'catalog.add', input: { app: app('wiki') } }] },
  'apps.order': { locked: ['portal', 'chat'], attempt: ['chat', 'portal'], also: [{ name: 'catalog.move', input: { id: 'chat', toIndex: 0 } }] },
  'apps.disabled': { locked: ['chat'], attempt: [], also: [{ name: 'catalog.setEnabled', input: { id: 'chat', enabled: true } }] },
  'sync.enabled': { locked: false, attempt: true },
  'sync.serverUrl': {
    locked: 'https://cloud.voorbeeld.nl',
    attempt: nowhere,
    also: [
      { name: 'sync.signIn', input: { server: nowhere, user: 'jan', appPassword: 'pw' } },
      { name: 'sync.startLogin', input: { server: nowhere } },
    ],
  },
  'sync.user': { locked: 'j.jansen', attempt: 'someone', also: [{ name: 'sync.signIn', input: { server: nowhere, user: 'someone', appPassword: 'pw' } }] },
  'sync.davUrl': { locked: 'https://cloud.voorbeeld.nl/remote.php/dav/files/7f3c9a/', attempt: `${nowhere}/dav/` },
  'sync.localDir': { locked: '~/Werkplek', attempt: '/tmp/elsewhere' },
  'sync.remoteDir': { locked: '/Werkplek', attempt: '/' },
  'sync.pollIntervalSeconds': { locked: 60, attempt: 5 },
  'sync.parallelTransfers': { locked: 4, attempt: 32 },
  'sync.deleteThresholdFiles': { locked: 50, attempt: 100_000 },
  'sync.excludedFolders': { locked: ['Archief'], attempt: [] },
  'sync.uploadLimitKiBps': { locked: 2048, attempt: 0 },
  'sync.downloadLimitKiBps': { locked: 1024, attempt: 0 },
  'sync.freeSpaceReserveMiB': { locked: 4096, attempt: 0 },
  'sync.accounts': {
    locked: [],
    attempt: [{ id: 'partner', serverUrl: nowhere, localDir: '/tmp/partner' }],
    also: [{ name: 'sync.addAccount', input: { server: nowhere, localDir: '/tmp/partner' } }, { name: 'sync.removeAccount', input: { account: 'partner' } }],
  },
  'sync.allowAddingAccounts': { locked: false, attempt: true },
  'general.firstRunDone': { locked: true, attempt: false },
  'matrix.enabled': { locked: false, attempt: true },
  'matrix.homeserver': { locked: 'https://matrix.voorbeeld.nl', attempt: nowhere },
  'matrix.user': { locked: '@j.jansen:voorbeeld.nl', attempt: '@someone:voorbeeld.nl' },
  'matrix.notificationContent': { locked: 'none', attempt: 'full' },
  'matrix.doNotDisturb': { locked: false, attempt: true, also: [{ name: 'matrix.setDoNotDisturb', input: { enabled: true } }] },
  'matrix.dndSchedule': { locked: schedule(true), attempt: schedule(false) },
  'matrix.sound': { locked: false, attempt: true },
  'shell.closeToTray': { locked: false, attempt: true },
  'shell.startAtLogin': { locked: true, attempt: false },
  'shell.hibernateAfterMinutes': { locked: 60, attempt: 0 },
  'shell.downloadsDir': { locked: '~/Downloads', attempt: '/tmp' },
  'shell.allowDevTools': { locked: false, attempt: true },
  'shell.spellcheckLanguages': { locked: ['nl'], attempt: ['en-GB'] },
  'shell.spellcheckDictionaryUrl': { locked: 'https://intranet.voorbeeld.nl/dictionaries/', attempt: '' },
  'shell.proxy': { locked: 'direct', attempt: 'system' },
  'shell.ssoOrigins': { locked: ['https://login.voorbeeld.nl'], attempt: [] },
  'shell.signInInBrowser': { locked: true, attempt: false },
  'shell.zoomLevels': { locked: { chat: 1 }, attempt: { chat: 3 } },
  'updates.enabled': { locked: false, attempt: true },
  'updates.url': { locked: 'https://updates.voorbeeld.nl/werkplek/linux/', attempt: '' },
  'catalog.source': { locked: { url: `${nowhere}/navigation.json`, auth: 'session', user: '', hide: ['umc'], pin: ['chat'], kinds: { nextcloud: 'files' }, refreshMinutes: 15 }, attempt: null },
};

let id = 0;
async function call(core: CoreServices, name: string, input: unknown): Promise<{ ok: boolean; message: string }> {
  const reply = (await core.dispatch({ kind: 'call', id: ++id, name, input })) as { ok: boolean; error?: { message: string } };
  return { ok: reply.ok, message: reply.error?.message ?? '' };
}

async function lockedCore(key: SettingKey, locked: unknown): Promise<CoreServices> {
  return createTestCore({ policy: { apps: [app('portal', 'portal'), app('chat', 'chat')], locked: { [key]: locked } } });
}

describe('every lockable key holds', () => {
  it('the table names every settings key', () => {
    expect(Object.keys(table).sort()).toEqual([...settingKeys].sort());
  });

  it.each(settingKeys.map((key) => [key, table[key]] as const))('%s', async (key, row) => {
    expect(row.attempt, 'the attempt must differ from the lock').not.toEqual(row.locked);
    const core = await lockedCore(key, row.locked);
    try {
      const view = (await core.handlers['settings.get']({})) as { locked: string[] };
      expect(view.locked).toEqual([key]);
      const tries: Call[] = [{ name: 'settings.set', input: { key, value: row.attempt } }, { name: 'settings.reset', input: { key } }, ...(row.also ?? [])];
      for (const attempt of tries) {
        const result = await call(core, attempt.name, attempt.input);
        expect(result, `${attempt.name} ${JSON.stringify(attempt.input)}`).toEqual({ ok: false, message: `"${key}" is set by your organisation's policy and cannot be changed here` });
        expect(core.ctx.settings.get(key)).toEqual(row.locked);
      }
    } finally {
      await core.close();
    }
  });

  it('the refusal is in Dutch when the interface is', async () => {
    const core = await createTestCore({ policy: { defaults: { 'general.locale': 'nl' }, locked: { 'shell.allowDevTools': false } } });
    try {
      expect(await call(core, 'settings.set', { key: 'shell.allowDevTools', value: true })).toEqual({ ok: false, message: '"shell.allowDevTools" is vastgelegd in het beleid van je organisatie en kan hier niet worden gewijzigd' });
    } finally {
      await core.close();
    }
  });
});

// A locked matrix.homeserver / matrix.user refuses sign-in elsewhere before anything is contacted.
describe('Matrix sign-in against a locked homeserver', () => {
  let hs: Homeserver;
  beforeAll(async () => {
    hs = await Homeserver.start();
    hs.addUser('alice', 'alice-pw', 'Alice');
  });
  afterAll(async () => hs?.close());

  const attempt = async (key: 'matrix.homeserver' | 'matrix.user', locked: string) => {
    const core = await lockedCore(key, locked);
    try {
      const result = await call(core, 'matrix.signInPassword', { homeserver: hs.url, user: 'alice', password: 'alice-pw' });
      expect(result).toEqual({ ok: false, message: `"${key}" is set by your organisation's policy and cannot be changed here` });
    } finally {
      // Had it signed in after all: let the notifier settle before closing, so its first sync is not cut.
      for (let i = 0; i < 50 && (await core.handlers['matrix.status']({})).state === 'connecting'; i++) await new Promise((r) => setTimeout(r, 50));
      await core.close();
    }
  };

  it('refuses to sign in to another homeserver than the locked one', () => attempt('matrix.homeserver', 'https://matrix.voorbeeld.nl'));
  it('refuses to sign in as another user than the locked one', () => attempt('matrix.user', '@j.jansen:voorbeeld.nl'));
});
