// Issue 4 §1: SIGKILL the `werkplek sync` CLI at random moments while it syncs a mixed tree
// with changes in both directions, restart it, and check after every round that both sides are
// identical to the model (nothing lost, nothing duplicated, no conflict copies where nothing
// conflicted) and that no temporary file is left behind. Seeded: WERKPLEK_CRASH_SEED=n repeats a run.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type WebDAVClient } from 'webdav';
import { availableServers, type WebdavServerHandle } from '../../fixtures/servers/index.ts';
import { readTree } from '../sync/sync-fixture.ts';
import { leftovers } from './scenario.ts';

const cli = resolve(import.meta.dirname, '../../../electron/cli/werkplek.ts');
const seed = Number(process.env.WERKPLEK_CRASH_SEED ?? Date.now() % 1_000_000);

/** mulberry32: a small seeded PRNG, so a failing run can be repeated. */
function prng(s: number): () => number {
  return () => {
    s |= 0; s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CliRun { code: number | null; signal: NodeJS.Signals | null; lines: { event: string; actions?: Record<string, number>; outcome?: string }[]; stderr: string; ms: number }

const sha = (b: Buffer): string => createHash('sha1').update(b).digest('hex').slice(0, 12);

const cases = availableServers().filter((s) => s.name === 'webdav-server' || s.name === 'sabredav');

describe.each(cases)('crash safety: SIGKILL of werkplek sync at random moments ($name)', (starter) => {
  const rounds = starter.name === 'webdav-server' ? 20 : 6;
  const random = prng(seed + (starter.name === 'sabredav' ? 1 : 0));
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  let server: WebdavServerHandle;
  let base: string;
  let local: string;
  let remote: WebDAVClient;
  /** The tree both sides must end with: path → content ('dir' for folders). */
  const model = new Map<string, Buffer | 'dir'>();
  let lastRunMs = 1500;

  beforeAll(async () => {
    if (!starter.available) return;
    server = await starter.start();
    base = mkdtempSync(join(tmpdir(), 'werkplek-crash-'));
    local = join(base, 'local');
    mkdirSync(local);
    mkdirSync(join(base, 'xdg-data'));
    remote = createClient(server.url, { username: server.user, password: server.password });
    console.log(`[crash safety] ${starter.name}: seed ${seed} (WERKPLEK_CRASH_SEED=${seed} repeats it)`);
  });
  afterAll(async () => {
    await server?.stop();
    if (base) rmSync(base, { recursive: true, force: true });
  });

  const content = (): Buffer => {
    const r = random();
    const size = r < 0.7 ? Math.floor(random() * 8192) : r < 0.95 ? 65_536 + Math.floor(random() * 450_000) : 2_000_000 + Math.floor(random() * 4_000_000);
    return randomBytes(size);
  };
  const files = (prefix: string): string[] => [...model].filter(([p, v]) => v !== 'dir' && p.startsWith(prefix)).map(([p]) => p);
  const addDirs = (path: string): void => {
    const parts = path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) model.set(parts.slice(0, i).join('/'), 'dir');
  };

  // Local changes touch only L*/ folders, server changes only R*/ folders: no real conflicts, so
  // any conflict copy or duplicate after a crash is the engine's fault.
  const localOps = {
    create: () => {
      const path = `${pick(['L1', 'L1/sub', 'L2', 'L2/deep/er'])}/n${Math.floor(random() * 1e9)}.bin`;
      const data = content();
      mkdirSync(dirname(join(local, path)), { recursive: true });
      writeFileSync(join(local, path), data);
      addDirs(path);
      model.set(path, data);
    },
    edit: () => {
      const path = pick(files('L'));
      if (!path) return;
      const data = content();
      writeFileSync(join(local, path), data);
      model.set(path, data);
    },
    remove: () => {
      const path = pick(files('L'));
      if (!path) return;
      rmSync(join(local, path));
      model.delete(path);
    },
    move: () => {
      const path = pick(files('L'));
      if (!path) return;
      const to = `${pick(['L1', 'L2'])}/m${Math.floor(random() * 1e9)}.bin`;
      renameSync(join(local, path), join(local, to));
      model.set(to, model.get(path)!);
      model.delete(path);
    },
  };
  const ensureRemoteDirs = async (path: string): Promise<void> => {
    const parts = path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`;
      if (!(await remote.exists(dir))) await remote.createDirectory(dir);
    }
  };
  const remoteOps = {
    create: async () => {
      const path = `${pick(['R1', 'R1/sub', 'R2', 'R2/deep/er'])}/n${Math.floor(random() * 1e9)}.bin`;
      const data = content();
      await ensureRemoteDirs(path);
      await remote.putFileContents(`/${path}`, data);
      addDirs(path);
      model.set(path, data);
    },
    edit: async () => {
      const path = pick(files('R'));
      if (!path) return;
      const data = content();
      await remote.putFileContents(`/${path}`, data, { overwrite: true });
      model.set(path, data);
    },
    remove: async () => {
      const path = pick(files('R'));
      if (!path) return;
      await remote.deleteFile(`/${path}`);
      model.delete(path);
    },
    move: async () => {
      const path = pick(files('R'));
      if (!path) return;
      const to = `${pick(['R1', 'R2'])}/m${Math.floor(random() * 1e9)}.bin`;
      await ensureRemoteDirs(to);
      await remote.moveFile(`/${path}`, `/${to}`);
      model.set(to, model.get(path)!);
      model.delete(path);
    },
  };

  /** Runs the CLI; kills it with SIGKILL after `killAfterMs`, or at the `killAtEvent`-th event. */
  const run = (kill: { afterMs?: number; atEvent?: number } = {}): Promise<CliRun> => new Promise((done, fail) => {
    const started = Date.now();
    const child = spawn(process.execPath, [cli, 'sync', '--server', server.url, '--user', server.user, '--password-env', 'PW',
      '--state-dir', join(base, 'state'), '--json', '--confirm-deletes', local], {
      env: { ...process.env, PW: server.password, XDG_DATA_HOME: join(base, 'xdg-data') }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: CliRun['lines'] = [];
    let buffer = '';
    let stderr = '';
    const timer = kill.afterMs !== undefined ? setTimeout(() => child.kill('SIGKILL'), kill.afterMs) : null;
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.trim()) lines.push(JSON.parse(line));
        if (kill.atEvent !== undefined && lines.length >= kill.atEvent) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      done({ code, signal, lines, stderr, ms: Date.now() - started });
    });
  });

  /** Restart until a run exits 0 with nothing left to do. */
  const recover = async (): Promise<void> => {
    for (let i = 0; i < 6; i++) {
      const r = await run();
      const end = r.lines.filter((l) => l.event === 'runEnd').at(-1);
      expect(r.code, `exit ${r.code}: ${r.stderr}\n${JSON.stringify(end)}`).toBe(0);
      lastRunMs = Math.max(300, r.ms);
      if (end && Object.keys(end.actions ?? {}).length === 0) return;
    }
    throw new Error('the sync did not settle in 6 runs after a crash');
  };

  /** Chunked-upload folders still on the server (SabreDAV). */
  const uploadFolders = async (): Promise<number> => {
    const res = await fetch(server.url.replace('/remote.php/dav/files/', '/remote.php/dav/uploads/'), {
      method: 'PROPFIND', headers: { depth: '1', authorization: 'Basic ' + Buffer.from(`${server.user}:${server.password}`).toString('base64') },
    });
    return ((await res.text()).match(/<d:response>/g)?.length ?? 1) - 1;
  };

  const check = (round: number): void => {
    const want: Record<string, string> = {};
    for (const [p, v] of model) want[p] = v === 'dir' ? 'dir' : sha(v);
    const localTree = readTree(local);
    expect(localTree, `round ${round}: local side`).toEqual(want);
    expect(readTree(server.dataDir), `round ${round}: server side`).toEqual(want);
    expect(leftovers(local), `round ${round}: temp files or conflict copies left locally`).toEqual([]);
    expect(leftovers(server.dataDir), `round ${round}: part files or conflict copies left on the server`).toEqual([]);
  };

  it.skipIf(!starter.available)(`${rounds} rounds: kill mid-sync, restart, both sides identical`, async () => {
    // Round 0: a mixed tree, half made locally, half on the server (first upload and first download).
    for (let i = 0; i < 10; i++) localOps.create();
    for (let i = 0; i < 10; i++) await remoteOps.create();
    const shared = randomBytes(3_000_000);
    mkdirSync(join(local, 'L1'), { recursive: true });
    writeFileSync(join(local, 'L1/big.bin'), shared);
    model.set('L1/big.bin', shared);
    if (server.capabilities.chunkingV2) {
      // Above the chunking threshold: a kill lands in the middle of a chunked upload, which resumes.
      const huge = randomBytes(26 * 1024 * 1024);
      writeFileSync(join(local, 'L1/huge.bin'), huge);
      model.set('L1/huge.bin', huge);
    }
    let kills = 0;
    for (let round = 0; round <= rounds; round++) {
      if (round > 0) {
        const ops = ['create', 'create', 'edit', 'edit', 'remove', 'move'] as const;
        for (let i = 0, n = 1 + Math.floor(random() * 4); i < n; i++) localOps[pick([...ops])]();
        for (let i = 0, n = 1 + Math.floor(random() * 4); i < n; i++) await remoteOps[pick([...ops])]();
      }
      // One or two kills at random moments: by time within a typical run, or at a random event.
      for (let k = 0, n = random() < 0.3 ? 2 : 1; k < n; k++) {
        const r = random() < 0.5 ? await run({ afterMs: Math.floor(random() * lastRunMs) }) : await run({ atEvent: 1 + Math.floor(random() * 12) });
        if (r.signal === 'SIGKILL') kills++;
      }
      await recover();
      check(round);
      if (server.capabilities.chunkingV2) expect(await uploadFolders(), `round ${round}: chunked upload folders left on the server`).toBe(0);
    }
    console.log(`[crash safety] ${starter.name}: ${rounds + 1} rounds, ${kills} kills landed mid-sync, final tree ${model.size} entries`);
    expect(kills).toBeGreaterThanOrEqual(Math.floor(rounds / 2));
  }, 900_000);
});
