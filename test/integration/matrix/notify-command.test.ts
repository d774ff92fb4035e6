// `werkplek notify` as IT staff run it: a real process against the homeserver, one JSON line per
// decision, exit on SIGINT with its diagnostics device signed out; names and texts from the server
// printed safely in the text output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Homeserver } from '../../fixtures/homeserver/homeserver.ts';
import { PlainClient } from '../../fixtures/homeserver/plain-client.ts';
import { waitFor } from './harness.ts';
import { runNotify as run } from './notify-cli.ts';

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

  it('text output: a room name, display name and message body cannot drive the terminal or forge a line', async () => {
    const forged = '2026-01-01T00:00:00.000Z  NOTIFY                   room=!forged:werkplek.test';
    // Sets the window title (OSC 0 … BEL), clears the screen (CSI 2J), moves up a line, returns to
    // the line's start and, after a newline, prints a line of its own.
    const evil = (text: string) => `${text}\x1b]0;pwned\x07\x1b[2J\x1b[1A\r\n${forged}\n`;
    const escaped = (text: string) => `${text}\\x1b]0;pwned\\x07\\x1b[2J\\x1b[1A\\r\\n${forged}\\n`;
    hs.addUser('mallory', 'mallory-pw', evil('Mallory'));
    const mallory = await PlainClient.login(hs.url, 'mallory', 'mallory-pw');
    const roomId = await mallory.createRoom({ name: evil('Room'), invite: [alice] });
    await (await PlainClient.login(hs.url, 'alice', 'alice-pw')).join(roomId);
    const p = run(['--homeserver', hs.url, '--user', 'alice', '--password-env', 'PW'], { PW: 'alice-pw' });
    await waitFor('the CLI syncing', () => p.stderr.some((l) => l.includes('status: syncing')), 30_000);
    const eventId = await mallory.sendText(roomId, evil('Body'));
    await waitFor('the decision and the notification', () => p.stdout.some((l) => l.includes(eventId)) && p.stderr.some((l) => l.includes('→')), 30_000);
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
    const printed = p.printed();
    expect(printed).not.toMatch(/[\x1b\x07\r]/);
    expect(printed.split('\n').filter((line) => line.startsWith(forged))).toEqual([]);
    // The decision names the room; the notification (one-to-one: titled by the sender) shows who and what.
    expect(printed).toContain(`"${escaped('Room')}"`);
    expect(printed).toContain(`"${escaped('Mallory')}"`);
    expect(printed).toContain('"Body\\x1b]0;pwned\\x07\\x1b[2J\\x1b[1A ');
  }, 60_000);

  it('in Dutch (LANG=nl_NL.UTF-8): the decision lines, the notification and the status say it in Dutch', async () => {
    const roomId = await bob.createRoom({ name: 'Loket', invite: [alice] });
    const aliceOther = await PlainClient.login(hs.url, 'alice', 'alice-pw');
    await aliceOther.join(roomId);
    const p = run(['--homeserver', hs.url, '--user', 'alice', '--password-env', 'PW', '--content', 'sender'], { PW: 'alice-pw', LANG: 'nl_NL.UTF-8' });
    await waitFor('the CLI syncing', () => p.stderr.some((l) => l.includes('status: bezig met synchroniseren')), 30_000);
    const devices = () => [...hs.model.users.get(alice)!.devices.values()].map((d) => d.displayName);
    expect(devices()).toContain('Werkplek-meldingendiagnose');
    const notified = await bob.sendText(roomId, 'goedemorgen');
    const own = await aliceOther.sendText(roomId, 'mijn eigen woorden');
    await waitFor('two decision lines', () => p.stdout.some((l) => l.includes(notified)) && p.stdout.some((l) => l.includes(own)), 30_000);
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
    const line = (eventId: string) => p.stdout.find((l) => l.includes(eventId))!;
    expect(line(notified)).toMatch(/ MELDEN +gesprek=\S+ "Loket"  afzender=@bob:werkplek.test  regel=\.m\.rule\.room_one_to_one  e2e=geen  gebeurtenis=\S+  fase=live  tekst="Bob: Bob heeft een bericht gestuurd"$/);
    expect(line(own)).toContain(' overgeslagen (eigen bericht) ');
    expect(p.stderr.join('\n')).toContain('→ bericht: "Bob" — "Bob heeft een bericht gestuurd" (met geluid)');
    expect(p.printed()).not.toMatch(/\b(NOTIFY|skip|room=|sender=|status: syncing)\b/);
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
