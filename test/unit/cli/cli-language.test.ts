// The `werkplek` command follows the environment's language like other command-line tools:
// nl_NL (LANG, LC_MESSAGES or LC_ALL) → Dutch, anything else → English. A real process each time.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../../electron/cli/werkplek.ts');
// No password from the environment: each case says exactly what it needs.
const { WERKPLEK_PASSWORD: _unused, ...inherited } = process.env;
const base: NodeJS.ProcessEnv = { ...inherited, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' };

async function run(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { env: { ...base, ...env } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, out: failure.stdout + failure.stderr };
  }
}

describe('werkplek in the environment language', () => {
  it('prints its usage in Dutch for nl_NL and in English otherwise', async () => {
    const dutch = await run({ LANG: 'nl_NL.UTF-8' }, '--help');
    expect(dutch.out).toContain('Gebruik: werkplek <opdracht> [opties]');
    expect(dutch.out).not.toContain('Usage');
    const english = await run({}, '--help');
    expect(english.out).toContain('Usage: werkplek <command> [options]');
    // LC_MESSAGES wins over LANG, as POSIX says.
    expect((await run({ LANG: 'en_GB.UTF-8', LC_MESSAGES: 'nl_NL.UTF-8' }, '--help')).out).toContain('Gebruik');
  });

  it('an unknown command and a sync without arguments say what is wrong in Dutch', async () => {
    const unknown = await run({ LANG: 'nl_NL.UTF-8' }, 'synch');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('werkplek: onbekende opdracht "synch"');
    const sync = await run({ LANG: 'nl_NL.UTF-8' }, 'sync', '--poll', '1');
    expect(sync.code).toBe(2);
    expect(sync.out).toContain('--server URL is verplicht; --user NAAM is verplicht; LOKALE_MAP is verplicht');
    expect(sync.out).toContain('--poll moet een geheel getal van minstens 5 zijn');
    expect(sync.out).toContain('Gebruik: werkplek sync');
    expect(sync.out).not.toMatch(/\b(is required|Usage)\b/);
  });

  it('stays English for English speakers', async () => {
    const sync = await run({}, 'sync');
    expect(sync.out).toContain('--server URL is required');
    expect(sync.out).toContain('Usage: werkplek sync');
  });
});
