// `werkplek policy check` as IT staff run it: a real process, real files, exit codes and messages.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema } from '../../../electron/core/config/policy-schema.ts';
import { policyFieldDocs } from '../../../electron/core/config/policy-field-docs.ts';

const cli = resolve(import.meta.dirname, '../../../electron/cli/werkplek.ts');
const dir = mkdtempSync(join(tmpdir(), 'werkplek-policy-'));

const english = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', WERKPLEK_POLICY: '' };

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWith({}, ...args);
}

/** `as`: run as that user (setpriv, util-linux), as IT staff without root would. */
async function runWith(options: { env?: NodeJS.ProcessEnv; as?: string }, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const command = options.as ? ['setpriv', `--reuid=${options.as}`, '--regid=nogroup', '--clear-groups', process.execPath] : [process.execPath];
  try {
    const { stdout, stderr } = await promisify(execFile)(command[0]!, [...command.slice(1), cli, ...args], { env: { ...english, ...options.env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('werkplek policy', () => {
  it('accepts a valid file', async () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify({ apps: [{ id: 'mail', name: 'Mail', url: 'https://mail.example.org' }], locked: { 'updates.enabled': false } }));
    const result = await run('policy', 'check', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('OK (1 apps, 1 locked settings)');
  });

  it('names file, line and column of each problem and exits 1', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{\n  "locked": { "updates.enabled": "no" },\n  "colour": "blue"\n}\n');
    const result = await run('policy', 'check', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:2:34: "locked.updates.enabled": Invalid input: expected boolean`);
    expect(result.stderr).toContain(`${file}:3:3: unknown key "colour"`);
  });

  it('quotes what the file holds with its controls as escapes', async () => {
    const file = join(dir, 'hostile.json');
    // A key that would set the window title and clear the screen, then forge an OK line.
    writeFileSync(file, JSON.stringify({ 'x\x1b]0;pwned\x07\x1b[2J\r\nforged.json: OK (9 apps, 0 locked settings)': 1 }));
    const result = await run('policy', 'check', file);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/[\x1b\x07\r]/);
    expect(result.stderr).toContain('unknown key "x\\x1b]0;pwned\\x07\\x1b[2J\\r\\nforged.json: OK (9 apps, 0 locked settings)"');
  });

  it('exits 1 for a missing file and 2 for bad usage', async () => {
    expect((await run('policy', 'check', join(dir, 'missing.json'))).code).toBe(1);
    expect((await run('policy')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('rejects what the app would leave out: javascript:, file: and plain http: app URLs, duplicate ids', async () => {
    const file = join(dir, 'urls.json');
    const apps = [
      { id: 'a', name: 'A', url: 'javascript:alert(1)' },
      { id: 'b', name: 'B', url: 'file:///etc/passwd' },
      { id: 'c', name: 'C', url: 'http://intranet.example.org/' },
      { id: 'd', name: 'D', url: 'http://127.0.0.1:8080/' },
      { id: 'd', name: 'D again', url: 'https://d.example.org/' },
    ];
    writeFileSync(file, `{ "apps": [\n${apps.map((a) => `  ${JSON.stringify(a)}`).join(',\n')}\n] }\n`);
    const result = await run('policy', 'check', '--effective', file);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:2:30: "apps.0.url": apps must use https (got javascript); the app is left out`,
      `${file}:3:30: "apps.1.url": apps must use https (got file); the app is left out`,
      `${file}:4:30: "apps.2.url": apps must use https (got http); the app is left out`,
      `${file}:6:9: "apps.4.id": a second app with id "d"; only the first one counts`,
    ]);
    // --effective: what the app would run with.
    expect((JSON.parse(result.stdout) as { apps: Array<{ id: string; name: string }> }).apps.map((a) => a.name)).toEqual(['D']);
  });

  it('a deeply nested file is a clear error, not a crash', async () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, `{"apps":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const result = await run('policy', 'check', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${file}:1:40: nested more than 32 levels deep: not a policy; the app keeps the last good version it saw of this file, if any\n`);
  });

  it('merges several files in the order given and prints the effective policy with --effective', async () => {
    const first = join(dir, 'policy.json');
    const second = join(dir, '50-lock.json');
    writeFileSync(first, JSON.stringify({ organisation: 'Gemeente', locked: { 'sync.parallelTransfers': 2 } }));
    writeFileSync(second, JSON.stringify({ locked: { 'sync.parallelTransfers': 4, 'updates.enabled': false } }));
    const result = await run('policy', 'check', '--effective', first, second);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ organisation: 'Gemeente', locked: { 'sync.parallelTransfers': 4, 'updates.enabled': false } });
    const plain = await run('policy', 'check', first, second);
    expect(plain.stdout).toBe(`${first}, ${second}: OK (0 apps, 2 locked settings)\n`);
  });

  it('without FILE checks what the app reads: WERKPLEK_POLICY when set', async () => {
    const file = join(dir, 'env.json');
    writeFileSync(file, JSON.stringify({ locked: { 'updates.enabled': 'no' } }));
    const result = await runWith({ env: { WERKPLEK_POLICY: file, LANG: 'nl_NL.UTF-8' } }, 'policy', 'check', '--effective');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:1:30: "locked.updates.enabled": Ongeldige invoer: verwacht boolean, ontving string; de instelling blijft vergrendeld`);
    expect(JSON.parse(result.stdout)).toEqual({ locked: { 'updates.enabled': true } });
  });

  describe.skipIf(process.getuid?.() !== 0)('run as another user (nobody)', () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const rootFile = join(shared, 'root.json');
    const userFile = join(shared, 'user.json');
    const writable = join(shared, 'writable.json');
    for (const file of [rootFile, userFile, writable]) writeFileSync(file, JSON.stringify({ locked: { 'shell.allowDevTools': false } }), { mode: 0o644 });
    chownSync(userFile, 65534, 65534);
    chmodSync(writable, 0o666);

    it('accepts a root-owned file', async () => {
      const result = await runWith({ as: 'nobody' }, 'policy', 'check', rootFile);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`${rootFile}: OK (0 apps, 1 locked settings)\n`);
    });

    it('refuses a file another user owns, or anyone may write, with a message', async () => {
      const owned = await run('policy', 'check', userFile);
      expect(owned.code).toBe(1);
      expect(owned.stderr).toMatch(new RegExp(`^${userFile}:0:0: refused: the file can be changed by users other than root \\(owner uid 65534, mode 0644\\); make it root's and writable by root only`));
      const open = await runWith({ as: 'nobody' }, 'policy', 'check', writable);
      expect(open.code).toBe(1);
      expect(open.stderr).toContain('(owner uid 0, mode 0666)');
    });

    it('takes a draft outside /etc/werkplek that the checking user owns, with a note that installed it must be root\'s', async () => {
      const draft = await runWith({ as: 'nobody' }, 'policy', 'check', userFile);
      expect(draft.code).toBe(0);
      expect(draft.stderr).toBe(`${userFile}: note: installed, this file must be root's and writable by root only (chown root:root, chmod 644)\n`);
      expect(draft.stdout).toBe(`${userFile}: OK (0 apps, 1 locked settings)\n`);
    });
  });

  it('prints the JSON Schema, its fields described in the terminal\'s language', async () => {
    const result = await run('policy', 'schema');
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { properties: Record<string, { description?: string }> };
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema).toEqual(policyJsonSchema('en'));
    expect(schema.properties.locked!.description).toBe(policyFieldDocs.locked!.en);
    const dutch = await runWith({ env: { LANG: 'nl_NL.UTF-8' } }, 'policy', 'schema');
    expect(dutch.code).toBe(0);
    expect(JSON.parse(dutch.stdout)).toEqual(policyJsonSchema('nl'));
    expect((JSON.parse(dutch.stdout) as typeof schema).properties.locked!.description).toBe(policyFieldDocs.locked!.nl);
  });
});
