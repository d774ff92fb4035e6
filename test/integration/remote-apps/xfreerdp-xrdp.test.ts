// A real FreeRDP signing in to a real xrdp on loopback, started the way Werkplek starts it: the
// arguments from a catalog entry (rdpArguments, with the server's certificate fingerprint: no
// certificate check is switched off) and the password on standard input at FreeRDP's prompt
// (launchFreeRdp). While FreeRDP runs, its /proc/PID/cmdline and environ are read again and again:
// the password must never be in them.
//
// Not with +auth-only: xrdp has no NLA, so FreeRDP's +auth-only exits 0 whatever the password, and
// it hangs up right after sending the logon info, often before xrdp has passed it on (measured:
// xrdp then logs "SSL_write: I/O error" and never asks sesman). So FreeRDP connects for real (to an
// Xvfb display) and the witness is xrdp-sesman's log: PAM accepted the user (a session is started)
// or refused it (AUTHFAIL); then FreeRDP is stopped. Skipped, with the reason printed, where xrdp,
// FreeRDP, Xvfb or root are missing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreeRdp } from '../../../electron/core/remote-apps/rdp-client.ts';
import { rdpArguments } from '../../../electron/core/remote-apps/rdp-arguments.ts';
import { launchFreeRdp, type RdpExit } from '../../../electron/core/remote-apps/rdp-launcher.ts';
import { exitReason } from '../../../electron/core/remote-apps/rdp-exit.ts';
import { RemoteSessions, credentialName, type RemoteSessionState } from '../../../electron/core/remote-apps/rdp-session.ts';
import { MemoryKeyring } from '../../../electron/core/secrets/keyring.ts';
import { missing, startXrdp, testUser, type XrdpServer } from './xrdp-server.ts';

const reason = await missing();
if (reason) console.warn(`skipping xfreerdp → xrdp sign-in: ${reason}`);

describe.skipIf(reason !== null)('xfreerdp signs in to xrdp with the password on stdin only', () => {
  let server: XrdpServer;
  beforeAll(async () => {
    server = await startXrdp();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** Runs FreeRDP until sesman's log shows `until`, reading its /proc entries meanwhile; then stops it. */
  async function signIn(password: string, until: RegExp, pinned = true): Promise<{ exit: RdpExit; cmdlines: string[]; environs: string[] }> {
    const client = findFreeRdp()!;
    const entry = { id: 'xrdp-test', name: 'xrdp test', kind: 'remote-app', url: `rdp://127.0.0.1:${server.port}`, rdp: { ...(pinned ? { certificateFingerprint: server.fingerprint } : {}), signIn: 'password' as const, clipboard: true, audio: false, homeDrive: false } };
    const args = rdpArguments(entry, { dialect: client.dialect, username: testUser, passwordFromStdin: true });
    const process = launchFreeRdp({ client, args, password, env: { ...globalThis.process.env, DISPLAY: server.display, HOME: server.dir } });
    const cmdlines: string[] = [];
    const environs: string[] = [];
    let done = false;
    const exited = process.exited.then((exit) => {
      done = true;
      return exit;
    });
    const deadline = Date.now() + 30_000;
    while (!done && !until.test(server.sesmanLog()) && Date.now() < deadline) {
      try {
        cmdlines.push(readFileSync(`/proc/${process.pid}/cmdline`, 'utf8'));
        environs.push(readFileSync(`/proc/${process.pid}/environ`, 'utf8'));
      } catch {
        // gone between the check and the read
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    process.stop();
    return { exit: await exited, cmdlines, environs };
  }

  it('the right password: PAM accepts the user; the password is never in the process list', async () => {
    const accepted = new RegExp(`Starting session.*user name ${testUser}`);
    const { exit, cmdlines, environs } = await signIn(server.password, accepted);
    expect(server.sesmanLog(), exit.output).toMatch(accepted);
    expect(server.sesmanLog()).not.toContain(`AUTHFAIL: user=${testUser}`);
    expect(exit.failure, exit.output).toBeNull(); // the password was handed over at the prompt
    expect(cmdlines.length).toBeGreaterThan(0);
    expect(cmdlines[0]).toContain(`/u:${testUser}`);
    expect(cmdlines[0]).toContain('/from-stdin:force');
    for (const text of [...cmdlines, ...environs, exit.output]) expect(text).not.toContain(server.password);
    console.log(`${findFreeRdp()!.path} → xrdp 127.0.0.1:${server.port}: PAM accepted ${testUser}; /proc/PID/cmdline and environ read ${cmdlines.length} times, never with the password`);
  });

  it('a wrong password: PAM refuses the user (the check can fail)', async () => {
    const refused = new RegExp(`AUTHFAIL: user=${testUser}`);
    const { exit, cmdlines } = await signIn(`${server.password}-wrong`, refused);
    expect(server.sesmanLog(), exit.output).toMatch(refused);
    for (const text of cmdlines) expect(text).not.toContain('-wrong');
  });

  it('a certificate nobody vouches for (not pinned, self-signed): FreeRDP refuses the server, no question is answered', async () => {
    const sessionsBefore = (server.sesmanLog().match(/Starting session/g) ?? []).length;
    const { exit } = await signIn(server.password, /(?!)/, false);
    expect(exit.code, exit.output).toBe(143);
    expect(exitReason(exit.code)).toBe('connect-failed');
    expect(exit.output).toContain('certificate not trusted');
    expect((server.sesmanLog().match(/Starting session/g) ?? []).length).toBe(sessionsBefore);
  });

  it('the whole session path: the kept sign-in from the keyring, running while FreeRDP is up, stopped on request', async () => {
    const keyring = new MemoryKeyring();
    await keyring.set(credentialName('127.0.0.1', undefined), JSON.stringify({ username: testUser, password: server.password }));
    const changes: RemoteSessionState[] = [];
    // PAM accepted: a new session, or the one the first test started and sesman still runs.
    const accepted = new RegExp(`Starting session.*user name ${testUser}|reconnected session: username ${testUser}`, 'g');
    const acceptedBefore = (server.sesmanLog().match(accepted) ?? []).length;
    const sessions = new RemoteSessions({
      apps: () => [{ id: 'xrdp', name: 'xrdp', kind: 'remote-app', url: `rdp://127.0.0.1:${server.port}`, rdp: { certificateFingerprint: server.fingerprint, signIn: 'password', clipboard: true, audio: false, homeDrive: false } }],
      keyring,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      findClient: findFreeRdp,
      launch: (options) => launchFreeRdp({ ...options, env: { ...globalThis.process.env, DISPLAY: server.display, HOME: server.dir } }),
      askCredentials: async () => {
        throw new Error('the kept sign-in is used: nobody is asked');
      },
      desktopUser: () => 'nobody',
      onChange: (state) => changes.push(state),
    });
    expect(await sessions.start('xrdp')).toMatchObject({ state: 'running' });
    const until = Date.now() + 20_000;
    while ((server.sesmanLog().match(accepted) ?? []).length === acceptedBefore && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((server.sesmanLog().match(accepted) ?? []).length).toBe(acceptedBefore + 1);
    sessions.stop('xrdp');
    const ended = Date.now() + 10_000;
    while (changes.at(-1)?.state !== 'ended' && Date.now() < ended) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changes.map((change) => change.state)).toEqual(['starting', 'running', 'ended']);
    expect(changes.at(-1)?.reason).toBe('stopped');
  }, 45_000);
});
