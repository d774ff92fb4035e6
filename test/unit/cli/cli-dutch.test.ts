// Every text the `werkplek` command prints for a person is Dutch under LANG=nl_NL.UTF-8: help,
// argument problems and what each command reports (notify, sync, policy check), run as real
// processes. What may stay English is data (option names, variables, paths, addresses, values to
// type) and what is marked as the server's or engine's technical words ("technisch: …"). The same
// runs in English trip the word check, so the check can fail.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../../electron/cli/werkplek.ts');
const dir = mkdtempSync(join(tmpdir(), 'werkplek-cli-dutch-'));
const badPolicy = join(dir, 'draft.json');
writeFileSync(badPolicy, '{ "apps": [ { "id": "x", "name": "X", "url": "javascript:alert(1)" } ], "locked": { "nope": 1 } }\n');

const { WERKPLEK_PASSWORD: _p, WERKPLEK_MATRIX_PASSWORD: _m, ...inherited } = process.env;

async function run(lang: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { env: { ...inherited, LANG: lang, LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', ...env }, timeout: 30_000 });
    return stdout + stderr;
  } catch (error) {
    const failure = error as { stdout: string; stderr: string };
    return failure.stdout + failure.stderr;
  }
}

/** Words that are English and not also Dutch (so "is", "was", "status", "argument" are left out). */
const english = /\b(the|and|your|you|with|this|that|from|not|for|are|were|be|must|required|set|usage|options?|commands?|unknown|error|warning|skip|notify|file|files|folder|found|such|no|none|waiting|failed|stopped|cannot|reach|signs?|signed|syncing|default|seconds|only|when|until|takes?|value|missing|server's|name|every|line|each|message|device|password|environment|variable)\b/gi;

/** The English words in `output`, after data and marked technical words are taken out. */
function englishIn(output: string): string[] {
  const cleaned = output
    .replace(/\(technisch: [^\n]*\)/g, ' ')
    .replace(/full\|sender\|none/g, ' ')
    .replace(/^.*\btechnisch\b.*$/gm, ' ')
    .replace(/https?:\/\/\S+|\/[\w./-]+|--[\w-]+|\b[A-Z][A-Z0-9_]{2,}\b|@\S+|\b(full|sender|none)\b(?=[|,) ]| of| \()/g, ' ')
    .replace(/werkplek (policy check|policy schema|policy|sync|notify)|^ {2}notify \.\.\./gm, ' ');
  return [...cleaned.matchAll(english)].map((match) => `"${match[0]}" in "${cleaned.slice(Math.max(0, match.index - 40), match.index + 40).replace(/\s+/g, ' ')}"`);
}

const runs: Array<{ args: string[]; env?: NodeJS.ProcessEnv }> = [
  { args: ['--help'] },
  { args: ['synch'] },
  { args: ['notify', '--help'] },
  { args: ['notify'] },
  { args: ['notify', '--bogus'] },
  { args: ['notify', '--homeserver', 'http://127.0.0.1:9', '--user', 'a', '--content', 'all', '--for', '0', '--key-wait', '999'], env: { WERKPLEK_MATRIX_PASSWORD: 'x' } },
  // Nothing listens on port 9: sign-in fails as it would with the homeserver down.
  { args: ['notify', '--homeserver', 'http://127.0.0.1:9', '--user', 'a', '--for', '5'], env: { WERKPLEK_MATRIX_PASSWORD: 'x' } },
  { args: ['sync', '--help'] },
  { args: ['sync', '--server'] },
  { args: ['sync', 'a', 'b', 'c', '--confirm-deletes', '--restore-deletes', '--poll', '1'] },
  { args: ['sync', '--server', 'http://127.0.0.1:9', '--user', 'a', join(dir, 'local')], env: { WERKPLEK_PASSWORD: 'x' } },
  { args: ['policy', 'frob'] },
  { args: ['policy', 'check', badPolicy, join(dir, 'missing.json')] },
];

describe('werkplek under LANG=nl_NL.UTF-8', () => {
  it.each(runs)('$args.0 $args.1: no English for a person to read', async ({ args, env }) => {
    const dutch = await run('nl_NL.UTF-8', args, env);
    expect(dutch.trim()).not.toBe('');
    expect(englishIn(dutch)).toEqual([]);
  }, 40_000);

  it('the same runs in English are caught by the word check', async () => {
    for (const { args, env } of runs.slice(0, 6)) expect(englishIn(await run('C.UTF-8', args, env)), args.join(' ')).not.toEqual([]);
  }, 60_000);
});
