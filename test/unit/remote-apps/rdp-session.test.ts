// Remote-app sessions with the real launcher and a stand-in FreeRDP (fake-freerdp.ts): asked once,
// then kept in the keyring; a refused password is forgotten; starting, running and ended are
// reported; hostile settings and a missing FreeRDP end the session with their reason, unstarted.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryKeyring } from '../../../electron/core/secrets/keyring.ts';
import { RemoteSessions, credentialName, type RemoteSessionState } from '../../../electron/core/remote-apps/rdp-session.ts';
import { launchFreeRdp } from '../../../electron/core/remote-apps/rdp-launcher.ts';
import type { RemoteAppEntry } from '../../../electron/core/remote-apps/rdp-arguments.ts';
import type { FreeRdpClient } from '../../../electron/core/remote-apps/rdp-client.ts';
import { fakeFreeRdp } from './fake-freerdp.ts';

const fake = fakeFreeRdp();
afterAll(() => rmSync(fake.dir, { recursive: true, force: true }));
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

function setup(options: { apps?: RemoteAppEntry[]; client?: FreeRdpClient | null; answer?: { username: string; password: string } | null; exit?: number } = {}) {
  const keyring = new MemoryKeyring();
  const changes: RemoteSessionState[] = [];
  const asked: Array<{ host: string; suggestedUser: string; fixedUser: boolean }> = [];
  const launched: string[][] = [];
  const sessions = new RemoteSessions({
    apps: () => options.apps ?? [{ id: 'zaak', name: 'Zaaksysteem', kind: 'remote-app', url: 'rdp://rds.gemeente.nl', rdp: { program: '||Zaak', domain: 'GEMEENTE', signIn: 'password', clipboard: true, audio: true, homeDrive: false } }],
    keyring,
    log: quiet,
    findClient: () => (options.client === undefined ? { path: fake.path, dialect: 2 } : options.client),
    launch: (launch) => {
      launched.push([...launch.args]);
      return launchFreeRdp({ ...launch, env: { ...process.env, FAKE_RDP_OUT: fake.out, FAKE_RDP_EXIT: String(options.exit ?? 0) } });
    },
    askCredentials: async (_app, host, suggestedUser, fixedUser) => {
      asked.push({ host, suggestedUser, fixedUser });
      return options.answer === undefined ? { username: 'jan', password: 'Wachtwoord-1' } : options.answer;
    },
    desktopUser: () => 'jjansen',
    onChange: (state) => changes.push(state),
  });
  const ended = () => new Promise<RemoteSessionState>((resolve) => {
    const check = setInterval(() => {
      const last = changes.at(-1);
      if (last?.state === 'ended') {
        clearInterval(check);
        resolve(last);
      }
    }, 20);
  });
  return { sessions, keyring, changes, asked, launched, ended };
}

describe('RemoteSessions', () => {
  it('asks once, keeps the sign-in per RD host, hands the password over on stdin and reports running, then ended', async () => {
    const { sessions, keyring, changes, asked, launched, ended } = setup();
    const running = await sessions.start('zaak');
    expect(running.state).toBe('running');
    expect(asked).toEqual([{ host: 'rds.gemeente.nl', suggestedUser: 'jjansen', fixedUser: false }]);
    expect(await sessions.start('zaak')).toBe(running); // one session per app
    expect((await ended()).reason).toBe('closed');
    expect(readFileSync(fake.out, 'utf8')).toBe('Wachtwoord-1');
    expect(launched[0]).toContain('/u:jan');
    expect(launched[0]!.join(' ')).not.toContain('Wachtwoord-1');
    expect(JSON.parse((await keyring.get(credentialName('rds.gemeente.nl', 'GEMEENTE')))!)).toEqual({ username: 'jan', password: 'Wachtwoord-1' });
    expect(changes.map((c) => c.state)).toEqual(['starting', 'running', 'ended']);

    // Reconnect: the kept sign-in, no question.
    await sessions.start('zaak');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toHaveLength(1);
  });

  it('forgets a password the server refused (exit 132), so Reconnect asks again', async () => {
    const { sessions, keyring, ended, asked } = setup({ exit: 132 });
    await sessions.start('zaak');
    expect((await ended()).reason).toBe('auth-failed');
    expect(await keyring.get(credentialName('rds.gemeente.nl', 'GEMEENTE'))).toBeNull();
    await sessions.start('zaak');
    expect(asked).toHaveLength(2);
  });

  it('an unreadable keyring entry is not used: the person is asked and the entry replaced', async () => {
    const { sessions, keyring, asked, ended } = setup();
    await keyring.set(credentialName('rds.gemeente.nl', 'GEMEENTE'), 'not json');
    expect(await sessions.start('zaak')).toMatchObject({ state: 'running' });
    expect(asked).toHaveLength(1);
    await ended();
    expect(JSON.parse((await keyring.get(credentialName('rds.gemeente.nl', 'GEMEENTE')))!)).toEqual({ username: 'jan', password: 'Wachtwoord-1' });
  });

  it('cancelled sign-in: ended, nothing started, nothing kept', async () => {
    const { sessions, keyring, launched } = setup({ answer: null });
    expect(await sessions.start('zaak')).toMatchObject({ state: 'ended', reason: 'cancelled' });
    expect(launched).toEqual([]);
    expect(await keyring.get(credentialName('rds.gemeente.nl', 'GEMEENTE'))).toBeNull();
  });

  it('a typed user name FreeRDP would read as an option is refused and not kept', async () => {
    const { sessions, keyring, launched } = setup({ answer: { username: '/p:x', password: 'pw' } });
    expect(await sessions.start('zaak')).toMatchObject({ state: 'ended', reason: 'refused', detail: expect.stringContaining('username') });
    expect(launched).toEqual([]);
    expect(await keyring.get(credentialName('rds.gemeente.nl', 'GEMEENTE'))).toBeNull();
  });

  it('a typed password with a line break is refused, not kept and not sent', async () => {
    const { sessions, keyring, launched } = setup({ answer: { username: 'jan', password: 'abc\nY' } });
    expect(await sessions.start('zaak')).toMatchObject({ state: 'ended', reason: 'refused', detail: 'password' });
    expect(launched).toEqual([]);
    expect(await keyring.get(credentialName('rds.gemeente.nl', 'GEMEENTE'))).toBeNull();
  });

  it('a hostile entry (from a portal catalog that skipped the policy check) is refused before anything is asked', async () => {
    const hostile: RemoteAppEntry = { id: 'x', name: 'X', kind: 'remote-app', url: 'rdp://rds.gemeente.nl', rdp: { program: '+auth-only', signIn: 'password', clipboard: true, audio: true, homeDrive: false } };
    const { sessions, asked, launched } = setup({ apps: [hostile] });
    expect(await sessions.start('x')).toMatchObject({ state: 'ended', reason: 'refused', detail: expect.stringContaining('rdp.program') });
    expect(asked).toEqual([]);
    expect(launched).toEqual([]);
  });

  it('no FreeRDP on this computer: ended with that reason', async () => {
    const { sessions, asked } = setup({ client: null });
    expect(await sessions.start('zaak')).toMatchObject({ state: 'ended', reason: 'no-client' });
    expect(asked).toEqual([]);
  });

  it('single sign-on with FreeRDP 3: no question, no password, the policy user name', async () => {
    const sso: RemoteAppEntry = { id: 'sso', name: 'SSO', kind: 'remote-app', url: 'rdp://rds.gemeente.nl', rdp: { username: 'jan@gemeente.nl', signIn: 'sso', clipboard: true, audio: true, homeDrive: false } };
    const { sessions, asked, launched, ended } = setup({ apps: [sso], client: { path: fake.path, dialect: 3 } });
    await sessions.start('sso');
    await ended();
    expect(asked).toEqual([]);
    expect(launched[0]).toContain('/u:jan@gemeente.nl');
    expect(launched[0]).not.toContain('/from-stdin:force');
  });

  it('single sign-on with FreeRDP 2 (no Kerberos in Debian\'s build): the password is asked', async () => {
    const sso: RemoteAppEntry = { id: 'sso', name: 'SSO', kind: 'remote-app', url: 'rdp://rds.gemeente.nl', rdp: { username: 'jan', signIn: 'sso', clipboard: true, audio: true, homeDrive: false } };
    const { sessions, asked, ended } = setup({ apps: [sso] });
    await sessions.start('sso');
    await ended();
    expect(asked).toEqual([{ host: 'rds.gemeente.nl', suggestedUser: 'jan', fixedUser: true }]);
  });
});
