// `werkplek notify` as IT staff run it: a real process against the homeserver, one JSON line per
// decision, exit on SIGINT with its diagnostics device signed out.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Homeserver } from '../../fixtures/homeserver/homeserver.ts';
import { PlainClient } from '../../fixtures/homeserver/plain-client.ts';
import { waitFor } from './harness.ts';

const cli = resolve(import.meta.dirname, '../../../electron/cli/werkplek.ts');
let hs: Homeserver;
let bob: PlainClient;
let alice = '';

beforeAll(async () => {
  hs = await Homeserver.start();
  alice = hs.addUser('alice', 'alice-pw', 'Alice');
  hs.addUser('bob', 'bob-pw', 'Bob');
  bob = await PlainClient.login(hs.url, 'bob', 'bob-pw');
});
afterAll(async () => {
  await hs.close();
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, 'notify', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => stdout.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stdout, stderr, exited };
}

describe('werkplek notify', () => {
  it('prints one line per decision, with the rule and why not, and signs its device out on Ctrl+C', async () => {
    const roomId = await bob.createRoom({ name: 'Helpdesk', invite: [alice] });
    const aliceOther = await PlainClient.login(hs.url, 'alice', 'alice-pw');
    await aliceOther.join(roomId);
    await bob.sendText(roomId, 'history is not printed');
    const p = run(['--homeserver', hs.url, '--user', 'alice', '--password-env', 'PW', '--json'], { PW: 'alice-pw' });
    await waitFor('the CLI syncing', () => p.stderr.some((l) => l.includes('status: syncing')), 30_000);
    const devices = () => [...hs.model.users.get(alice)!.devices.values()].map((d) => d.displayName);
    expect(devices()).toContain('Werkplek notify diagnostics');
    const notified = await bob.sendText(roomId, 'hello helpdesk');
    const own = await aliceOther.sendText(roomId, 'my own words');
    await waitFor('two decision lines', () => p.stdout.length >= 2, 30_000);
    const lines = p.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.eventId === notified)).toMatchObject({ notified: true, ruleId: '.m.rule.room_one_to_one', roomName: 'Helpdesk', sender: '@bob:werkplek.test', reason: null });
    expect(lines.find((l) => l.eventId === own)).toMatchObject({ notified: false, reason: 'own-event' });
    expect(JSON.stringify(lines)).not.toContain('history is not printed');
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
    expect(devices()).not.toContain('Werkplek notify diagnostics');
  }, 60_000);

  it('bad arguments: a clear message and exit code 2', async () => {
    const p = run(['--homeserver', hs.url, '--user', 'alice', '--password-env', 'NOPE_NOT_SET']);
    expect(await p.exited).toBe(2);
    expect(p.stderr.join('\n')).toContain('set the password in the environment variable NOPE_NOT_SET');
  });

  it('a wrong password: exit code 1 with the reason', async () => {
    const p = run(['--homeserver', hs.url, '--user', 'alice', '--password-env', 'PW'], { PW: 'wrong' });
    expect(await p.exited).toBe(1);
    expect(p.stderr.join('\n')).toContain('the user name or password is wrong');
  });
});
