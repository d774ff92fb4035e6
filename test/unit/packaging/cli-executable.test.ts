// build/cli-executable.ts on its own (package-linux.test.ts runs it inside a package build): the
// `werkplek` single executable runs with no Node on PATH, is reused from its cache, carries the
// Matrix crypto wasm as an asset that really loads (also in `werkplek notify` against the test
// homeserver), and is refused from a Node older than 24.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCliExecutable } from '../../../build/cli-executable.ts';
import { bundleCli } from '../../../build/cli-bundle.ts';
import { Homeserver } from '../../fixtures/homeserver/homeserver.ts';
import { PlainClient } from '../../fixtures/homeserver/plain-client.ts';
import { waitFor } from '../../integration/matrix/harness.ts';

let dir = '';
/** The executable the first test builds; later tests run it. */
let cli = '';
/** An empty folder as PATH: no node, no anything. */
let emptyPath = '';
const run = (executable: string, args: string[]) => spawnSync(executable, args, { cwd: dir, env: { PATH: emptyPath }, encoding: 'utf8', timeout: 60_000 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'werkplek-cli-exe-'));
  emptyPath = join(dir, 'empty-bin');
  mkdirSync(emptyPath);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the werkplek CLI executable', () => {
  it('runs `policy check` with nothing on PATH, and is copied from the cache the second time', async () => {
    const cacheDir = join(dir, 'cache');
    const first = join(dir, 'first', 'werkplek-cli');
    await buildCliExecutable(first, { cacheDir });
    cli = first;
    expect(spawnSync('/bin/sh', ['-c', 'command -v node'], { env: { PATH: emptyPath } }).status).not.toBe(0);
    const check = run(first, ['policy', 'check', resolve('build/policy.example.json')]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/policy\.example\.json: OK/);

    // Mark the cached copy: a second build with the same sources must hand out exactly that file.
    const entries = readdirSync(cacheDir);
    expect(entries).toHaveLength(1);
    appendFileSync(join(cacheDir, entries[0] ?? ''), 'cached-copy-marker');
    const second = join(dir, 'second', 'werkplek-cli');
    await buildCliExecutable(second, { cacheDir });
    expect(readFileSync(second).subarray(-18).toString()).toBe('cached-copy-marker');
    expect(run(second, ['policy', 'schema']).status).toBe(0);
  }, 180_000);

  it('loads the Matrix crypto wasm from its own assets (synchronously and with initAsync), runs with gc exposed, and leaves the certificate store to Node', async () => {
    const probe = join(dir, 'probe', 'wasm-probe');
    await buildCliExecutable(probe, { entry: 'test/unit/packaging/fixtures/sea-crypto-wasm-probe.ts', cacheDir: false, smokeOutput: /^wasm ok: werkplek$/m });
    for (const args of [[], ['sync']]) {
      const result = run(probe, args);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.trim().split('\n').sort()).toEqual(['gc: function', 'system certificates: read by node', 'wasm ok: werkplek']);
    }
  }, 180_000);

  it('runs `werkplek notify` against a homeserver: signs in, uploads its Rust-crypto keys, prints a decision', async () => {
    expect(cli).not.toBe('');
    const hs = await Homeserver.start();
    try {
      const alice = hs.addUser('alice', 'alice-pw', 'Alice');
      hs.addUser('bob', 'bob-pw', 'Bob');
      const bob = await PlainClient.login(hs.url, 'bob', 'bob-pw');
      const roomId = await bob.createRoom({ name: 'Helpdesk', invite: [alice] });
      await (await PlainClient.login(hs.url, 'alice', 'alice-pw')).join(roomId);
      const child = spawn(cli, ['notify', '--homeserver', hs.url, '--user', 'alice', '--password-env', 'PW', '--json'], { cwd: dir, env: { PATH: emptyPath, HOME: dir, PW: 'alice-pw' } });
      const stdout: string[] = [];
      const stderr: string[] = [];
      createInterface({ input: child.stdout }).on('line', (line) => stdout.push(line));
      createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      try {
        // Device keys come from the Rust crypto, i.e. from the wasm embedded in the executable.
        await waitFor('syncing with device keys uploaded', () => stderr.some((l) => l.includes('status: syncing')) && [...hs.model.e2e.user(alice).devices.values()].some((d) => d.keys.keys), 60_000);
        const eventId = await bob.sendText(roomId, 'hallo van de helpdesk');
        await waitFor('the decision line', () => stdout.some((l) => l.includes(eventId)), 30_000);
        expect(JSON.parse(stdout.find((l) => l.includes(eventId))!)).toMatchObject({ eventId, notified: true, sender: '@bob:werkplek.test' });
      } finally {
        child.kill('SIGINT');
      }
      expect(await exited, stderr.join('\n')).toBe(0);
    } finally {
      await hs.close();
    }
  }, 120_000);

  it('refuses to bundle a module that would look for files beside itself (import.meta.url)', async () => {
    const entry = join(dir, 'reads-beside.ts');
    writeFileSync(entry, "console.log(new URL('./data.bin', import.meta.url).href);\n");
    await expect(bundleCli(join(dir, 'reads-beside.cjs'), process.cwd(), entry)).rejects.toThrow(/import\.meta\.url/);
  });

  it('bundles the tools as ASCII only: one other character makes V8 decode the whole script into two-byte text at every start', async () => {
    const bundle = await bundleCli(join(dir, 'ascii.cjs'), process.cwd());
    const bytes = readFileSync(bundle.file);
    const at = bytes.findIndex((b) => b > 0x7f);
    expect(at, at < 0 ? '' : `non-ASCII at byte ${at}: ${bytes.subarray(Math.max(0, at - 60), at + 20).toString('utf8')}`).toBe(-1);
  });

  it('is built from Node 24 or later only', async () => {
    const version = spawnSync('/usr/bin/node', ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' });
    if (version.status !== 0 || Number(version.stdout) >= 24) return console.info('skipped: no Node older than 24 at /usr/bin/node');
    await expect(buildCliExecutable(join(dir, 'old', 'werkplek-cli'), { node: '/usr/bin/node', cacheDir: false })).rejects.toThrow(/is Node \d+: .*Node 24/);
  }, 60_000);
});
