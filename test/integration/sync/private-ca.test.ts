// A server whose certificate comes from a private root the laptop trusts (installed the Debian way,
// here named by SSL_CERT_FILE, which OpenSSL and Node read as the system store): `werkplek sync`
// reaches it. A root the laptop does not trust still fails, with a certificate error.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { makePrivateCa, startHttpsFront, type PrivateCa } from '../../fixtures/private-ca.ts';
import { forkNodeWorker, WorkerHost } from '../../../electron/core/sync/engine-host.ts';
import type { EngineStatus } from '../../../electron/core/sync/status.ts';

const cli = resolve(import.meta.dirname, '../../../electron/cli/werkplek.ts');
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.log('[private-ca] skipped: openssl is not on PATH');

describe.skipIf(!hasOpenssl)('a server certified by a private root the system trusts', () => {
  let server: WebdavServerHandle;
  let front: { url: string; stop(): Promise<void> };
  let ministry: PrivateCa;
  let stranger: PrivateCa;
  let base: string;
  beforeAll(async () => {
    server = await npmWebdavServer.start();
    ministry = makePrivateCa('Ministerie Test Private Root');
    stranger = makePrivateCa('Somebody Else Root');
    front = await startHttpsFront(ministry, server.url);
    base = mkdtempSync(join(tmpdir(), 'werkplek-private-ca-'));
    mkdirSync(join(base, 'no-dir'));
  });
  afterAll(async () => {
    await front?.stop();
    await server?.stop();
    ministry?.remove();
    stranger?.remove();
    rmSync(base, { recursive: true, force: true });
  });

  // Asynchronous: the servers run in this process and must answer while the CLI runs.
  // nodeFlags ['--use-system-ca']: as the CLI executable runs (build/cli-executable.ts), Node itself trusting the store.
  const sync = async (name: string, systemStore: string, nodeFlags: string[] = []) => {
    const local = join(base, name);
    mkdirSync(local);
    writeFileSync(join(local, `${name}.txt`), name);
    const child = spawn(process.execPath, [...nodeFlags, cli, 'sync', '--server', front.url, '--user', server.user, '--state-dir', join(base, 'state'), local], {
      // The system store is this one file (and an empty folder), so the test cannot pass by accident.
      env: { ...process.env, WERKPLEK_PASSWORD: server.password, SSL_CERT_FILE: systemStore, SSL_CERT_DIR: join(base, 'no-dir'), LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const status = await new Promise<number | null>((done) => child.on('close', done));
    return { status, stdout, stderr, uploaded: join(server.dataDir, `${name}.txt`) };
  };

  it('syncs when the system store holds the root', async () => {
    const run = await sync('trusted', ministry.rootFile);
    expect(run.stderr).toContain('in sync: 1 uploaded');
    expect(run.status).toBe(0);
    expect(readFileSync(run.uploaded, 'utf8')).toBe('trusted');
  });

  it('refuses, with a certificate error, when the system store does not hold it', async () => {
    const run = await sync('untrusted', stranger.rootFile);
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/certificate/i);
    expect(existsSync(run.uploaded)).toBe(false);
  });

  it('syncs, and refuses a root the store does not hold, when Node itself reads the store (--use-system-ca, as the CLI executable runs)', async () => {
    const trusted = await sync('runtime-trusted', ministry.rootFile, ['--use-system-ca']);
    expect(trusted.stderr).toContain('in sync: 1 uploaded');
    expect(trusted.status).toBe(0);
    expect(readFileSync(trusted.uploaded, 'utf8')).toBe('runtime-trusted');
    const untrusted = await sync('runtime-untrusted', stranger.rootFile, ['--use-system-ca']);
    expect(untrusted.status).not.toBe(0);
    expect(untrusted.stdout + untrusted.stderr).toMatch(/certificate/i);
    expect(existsSync(untrusted.uploaded)).toBe(false);
  });

  it("the app's sync process (the engine's own worker) trusts the system store too", async () => {
    const localDir = join(base, 'worker');
    writeFileSync(join(server.dataDir, 'from-the-ministry.txt'), 'hello');
    // The worker inherits the environment it starts with: there, the laptop's store is the root.
    const saved = { file: process.env.SSL_CERT_FILE, dir: process.env.SSL_CERT_DIR };
    process.env.SSL_CERT_FILE = ministry.rootFile;
    process.env.SSL_CERT_DIR = join(base, 'no-dir');
    const host = new WorkerHost(forkNodeWorker, () => undefined);
    try {
      const ran = new Promise<EngineStatus>((done) => host.onStatus((s) => {
        // The first run's end, or its failure (an unverified certificate: offline or error).
        if ((s.lastSyncAt && s.state === 'idle') || s.state === 'error' || s.state === 'offline') done(s);
      }));
      host.send({ type: 'start', config: {
        localDir, server: { url: front.url, user: server.user, password: server.password }, journalFile: join(base, 'worker.sqlite'),
        parallel: 2, deleteThreshold: 100, excluded: [], excludeFile: null, pollIntervalSeconds: 30, uploadLimitKiBps: 0, downloadLimitKiBps: 0,
      } });
      // The worker is started by that first message; this process's own store is left as it was.
      for (const [name, value] of Object.entries({ SSL_CERT_FILE: saved.file, SSL_CERT_DIR: saved.dir })) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      const status = await ran;
      expect(status.message ?? '').not.toMatch(/certificate/i);
      expect(status.state).toBe('idle');
      expect(readFileSync(join(localDir, 'from-the-ministry.txt'), 'utf8')).toBe('hello');
    } finally {
      await host.stop();
    }
  }, 60_000);
});
