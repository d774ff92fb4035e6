// `werkplek sync` as a real process against the npm webdav-server: exit codes, JSON events,
// --watch picking up a local edit, SIGTERM ending it cleanly, a hostile server name printed safely.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { sabreDavServer, startSabreDav, type SabreDavHandle } from '../../fixtures/servers/sabredav.ts';

const cli = resolve(import.meta.dirname, '../../../electron/cli/werkplek.ts');

interface Run { code: number | null; stdout: string; stderr: string }

function werkplek(args: string[], env: Record<string, string>, until?: (stdout: string) => boolean): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, 'sync', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      if (until && !signalled && until(stdout)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('werkplek sync (CLI)', () => {
  let server: WebdavServerHandle;
  let base: string;
  beforeAll(async () => {
    server = await npmWebdavServer.start();
    base = mkdtempSync(join(tmpdir(), 'werkplek-cli-'));
  });
  afterAll(async () => {
    await server?.stop();
  });
  const common = (local: string): string[] => ['--server', server.url, '--user', server.user, '--password-env', 'PW', '--state-dir', join(base, 'state'), local];

  it('syncs once, prints JSON events, exits 0; a second run has nothing to do', async () => {
    const local = join(base, 'once');
    mkdirSync(join(local, 'sub'), { recursive: true });
    writeFileSync(join(local, 'sub', 'hello world.txt'), 'hi');
    const first = await werkplek(['--json', ...common(local)], { PW: server.password });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const events = first.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; outcome?: string });
    expect(events.at(-1)).toMatchObject({ event: 'runEnd', outcome: 'ok' });
    expect(events.some((e) => e.event === 'item')).toBe(true);
    expect(readFileSync(join(server.dataDir, 'sub', 'hello world.txt'), 'utf8')).toBe('hi');
    const second = await werkplek(common(local), { PW: server.password });
    expect(second.code).toBe(0);
    // On a plain server the second run may learn the upload's ETag (a journal update, no transfer).
    expect(second.stderr).toMatch(/in sync: nothing to do( \(1 journal entry updated\))?\n/);
    const third = await werkplek(common(local), { PW: server.password });
    expect(third.stderr).toContain('in sync: nothing to do\n');
  }, 60_000);

  it('--keep-free holds back a download that would cross the reserve, says why, exits 1; the server keeps it', async () => {
    const local = join(base, 'keep-free');
    mkdirSync(local);
    writeFileSync(join(server.dataDir, 'needs-room.txt'), 'some bytes');
    // More free space kept than any disk here has: the download must wait.
    const run = await werkplek(['--keep-free', String(1024 ** 3), '--json', ...common(local)], { PW: server.password });
    expect(run.code).toBe(1);
    const errors = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; path?: string; kind?: string; message?: string }).filter((e) => e.event === 'itemError');
    expect(errors).toContainEqual(expect.objectContaining({ path: 'needs-room.txt', kind: 'WaitingForSpace', message: expect.stringMatching(/^waiting for disk space/) }));
    expect(existsSync(join(local, 'needs-room.txt'))).toBe(false);
    expect(readFileSync(join(server.dataDir, 'needs-room.txt'), 'utf8')).toBe('some bytes');
    rmSync(join(server.dataDir, 'needs-room.txt'));
  }, 60_000);

  it('exits 4 when the server refuses the password, and 2 on bad usage', async () => {
    const refused = await werkplek(common(join(base, 'refused')), { PW: 'wrong' });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/refused the credentials/);
    const usage = await werkplek(['--server', server.url, join(base, 'x')], { PW: 'x' });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--user NAME is required/);
  }, 60_000);

  it('--watch uploads a file saved while it runs, then stops cleanly on SIGTERM', async () => {
    const local = join(base, 'watch');
    mkdirSync(local, { recursive: true });
    let wrote = false;
    const run = await werkplek(['--watch', '--json', ...common(local)], { PW: server.password }, (stdout) => {
      if (!wrote && stdout.includes('"runEnd"')) {
        wrote = true;
        writeFileSync(join(local, 'saved-later.txt'), 'from the watcher');
      }
      return stdout.includes('"path":"saved-later.txt"') && stdout.split('\n').some((l) => l.includes('"event":"runEnd"') && stdout.indexOf(l) > stdout.indexOf('saved-later'));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(join(server.dataDir, 'saved-later.txt'))).toBe(true);
  }, 60_000);

  it('prints the name with its controls as escapes: no ESC, BEL or CR reaches the terminal, no forged line; --json still carries the name itself', async () => {
    const forged = '✓ in sync: all files checked';
    // Sets the window title (OSC 0 … BEL), clears the screen (CSI 2J), moves up a line, returns to
    // the line's start and, after a newline, prints a line of its own.
    const evil = `\x1b]0;pwned\x07\x1b[2J\x1b[1A\r\n${forged}\n`;
    // Two names differing only in Unicode form (é composed, e + combining accent): the engine
    // reports one of them by name (or both, where it refuses names with control characters).
    // In a folder of their own, there only while this test runs: the other tests sync the root.
    const remote = join(server.dataDir, 'evil');
    mkdirSync(remote);
    onTestFinished(() => rmSync(remote, { recursive: true }));
    writeFileSync(join(remote, `caf\u00e9 ${evil}.txt`), 'composed');
    writeFileSync(join(remote, `cafe\u0301 ${evil}.txt`), 'decomposed');
    const args = (name: string): string[] => [...common(join(base, 'evil', name)), '/evil'];

    const human = await werkplek(args('human'), { PW: server.password });
    const printed = human.stdout + human.stderr;
    expect(printed).not.toMatch(/[\x1b\x07\r]/);
    expect(printed.split('\n').filter((line) => line.startsWith(forged))).toEqual([]);
    expect(human.stderr).toContain(` \\x1b]0;pwned\\x07\\x1b[2J\\x1b[1A\\r\\n${forged}\\n.txt: `);

    const json = await werkplek(['--json', ...args('json')], { PW: server.password });
    expect(json.stdout).not.toMatch(/[\x1b\x07\r]/);
    const paths = json.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { path?: string }).path);
    expect(paths.some((path) => path?.endsWith(`${evil}.txt`))).toBe(true);
  }, 60_000);

  it('held deletions are listed and exit 3 while the rest syncs; --restore-deletes brings them back', async () => {
    const local = join(base, 'held');
    mkdirSync(local, { recursive: true });
    for (let i = 0; i < 12; i++) writeFileSync(join(local, `f${i}.txt`), `file ${i}`);
    expect((await werkplek(common(local), { PW: server.password })).code).toBe(0);
    for (let i = 0; i < 9; i++) rmSync(join(local, `f${i}.txt`));
    writeFileSync(join(local, 'new.txt'), 'new');
    const held = await werkplek(common(local), { PW: server.password });
    expect(held.code).toBe(3);
    expect(held.stderr).toMatch(/1 uploaded.*waiting: this sync would delete 9 files on the server/);
    for (let i = 0; i < 9; i++) expect(held.stderr).toContain(`held: delete f${i}.txt on the server`);
    expect(readFileSync(join(server.dataDir, 'new.txt'), 'utf8')).toBe('new');
    const restored = await werkplek(['--restore-deletes', ...common(local)], { PW: server.password });
    expect(restored.code).toBe(0);
    for (let i = 0; i < 9; i++) expect(readFileSync(join(local, `f${i}.txt`), 'utf8')).toBe(`file ${i}`);
    // In Dutch (LANG=nl_NL.UTF-8): the same question, with its counts and its reason in Dutch.
    for (let i = 0; i < 9; i++) rmSync(join(local, `f${i}.txt`));
    const dutch = await werkplek(common(local), { PW: server.password, LANG: 'nl_NL.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' });
    expect(dutch.code).toBe(3);
    expect(dutch.stderr).toContain('wacht: deze synchronisatie zou 9 bestanden op de server en 0 hier verwijderen (veel verwijderingen tegelijk)');
    expect(dutch.stderr).toContain('  wacht: f0.txt op de server verwijderen');
  });
});


describe.skipIf(!sabreDavServer.available)('werkplek sync (CLI) with an account whose user id is not its login name', () => {
  let server: SabreDavHandle;
  beforeAll(async () => {
    server = await startSabreDav({ login: 'jan.jansen', userId: '7f3c9a1e5b2d4c6f' });
  });
  afterAll(async () => server?.stop());

  it('syncs into files/<user id>/ and never asks for the login name’s paths', async () => {
    const local = mkdtempSync(join(tmpdir(), 'werkplek-cli-userid-'));
    writeFileSync(join(local, 'notes.txt'), 'notes');
    const run = await werkplek(['--server', server.origin, '--user', 'jan.jansen', '--password-env', 'PW', '--state-dir', join(local, '.state'), local], { PW: server.password });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(readFileSync(join(server.dataDir, 'notes.txt'), 'utf8')).toBe('notes');
    expect(server.loginPathRequests()).toEqual([]);
    rmSync(local, { recursive: true, force: true });
  });

  it('a wrong app password: exit 4 (as documented) and the reason in the reader’s language', async () => {
    const local = mkdtempSync(join(tmpdir(), 'werkplek-cli-refused-'));
    const args = ['--server', server.origin, '--user', 'jan.jansen', '--password-env', 'PW', '--state-dir', join(local, '.state'), local];
    const english = await werkplek(args, { PW: 'wrong', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' });
    expect(english.code).toBe(4);
    expect(english.stderr).toContain('werkplek sync: the server refused this user name and app password');
    const dutch = await werkplek(args, { PW: 'wrong', LANG: 'nl_NL.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' });
    expect(dutch.code).toBe(4);
    expect(dutch.stderr).not.toContain('refused');
    expect(dutch.stderr).toMatch(/^werkplek sync: .+/);
    rmSync(local, { recursive: true, force: true });
  });
});
