// `werkplek policy check` as IT staff run it: a real process, real files, exit codes and messages.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../../electron/cli/werkplek.ts');
const dir = mkdtempSync(join(tmpdir(), 'werkplek-policy-'));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args]);
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

  it('prints the JSON Schema', async () => {
    const result = await run('policy', 'schema');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ type: 'object', additionalProperties: false });
  });
});
