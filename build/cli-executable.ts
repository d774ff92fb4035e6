// Builds the `werkplek` command-line tools as a Node.js single executable application (SEA): the
// bundle of build/cli-bundle.ts and its assets, injected into a copy of the Node 24 that builds the
// packages (the node@24 dev dependency). So `werkplek policy|sync|notify` need no Node on the
// laptop, and the app's own binary keeps its RunAsNode fuse off (build/fuses.ts).
// The result is cached by content (node_modules/.cache/werkplek-cli): packaging again with the same
// sources and Node copies it instead of injecting ~100 MB again.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bundleCli, type CliBundle } from './cli-bundle.ts';

/** Where Node looks for the injected blob: this fuse flips from :0 to :1 on injection. */
export const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export interface CliExecutableOptions {
  projectDir?: string;
  /** The Node binary to embed the tools in (and to prepare the blob with: they must be the same). */
  node?: string;
  /** Folder for the content-addressed copy; false to always build. */
  cacheDir?: string | false;
  /** Another script to embed (tests), and what it prints when started without arguments. */
  entry?: string;
  smokeOutput?: RegExp;
}

interface Postject {
  inject(file: string, resource: string, data: Buffer, options: { sentinelFuse: string }): Promise<void>;
}

/** Code cache for a faster start; Node flags neither from NODE_OPTIONS nor from the command line
 * (execArgvExtension none): the tools run as built, like the app with its NODE_OPTIONS fuse off.
 * A 2 MB young generation (as the Matrix notifier's process has): a transfer allocates a buffer per
 * socket read, and V8's default semi-spaces let that garbage grow the process by ~15-40 MB first.
 * gc exposed: a download asks for a young-generation collection every 8 MiB (sync/reclaim.ts).
 * --use-system-ca: the laptop's certificate store is trusted by Node itself, read at the first TLS
 * connection only, instead of by trustSystemCertificates at every start (core/shell/system-certificates.ts). */
const SEA_FLAGS = ['--max-semi-space-size=2', '--expose-gc', '--use-system-ca'] as const;

function seaConfig(bundle: CliBundle, blob: string): object {
  return { main: bundle.file, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true, useSnapshot: false, execArgv: [...SEA_FLAGS], execArgvExtension: 'none', assets: bundle.assets };
}

function checkNode(node: string): void {
  const major = Number(execFileSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim());
  if (!(major >= 24)) throw new Error(`${node} is Node ${major}: the werkplek executable is built from Node 24 or later (the node@24 dev dependency)`);
  if (!readFileSync(node).includes(`${seaFuse}:0`)) throw new Error(`${node} has no unused single-executable fuse (${seaFuse}): use an official Node 24 build`);
}

function cacheKey(node: string, bundle: CliBundle, config: object): string {
  const hash = createHash('sha256');
  const real = realpathSync(node);
  const { size, mtimeMs } = statSync(real);
  hash.update(JSON.stringify({ real, size, mtimeMs, config: { ...config, main: '', output: '', assets: Object.keys(bundle.assets) } }));
  hash.update(readFileSync(bundle.file));
  for (const file of Object.values(bundle.assets).sort()) hash.update(readFileSync(file));
  hash.update(readFileSync(new URL(import.meta.url)));
  return hash.digest('hex').slice(0, 32);
}

/** The executable must start and answer like the CLI; a broken injection fails the build, not the laptop. */
function smokeTest(executable: string, expected: RegExp): void {
  const run = spawnSync(executable, [], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, timeout: 60_000 });
  if (run.status !== 0 || !expected.test(run.stdout + run.stderr)) {
    throw new Error(`the built ${executable} does not run as the werkplek CLI (exit ${run.status}): ${run.stderr || run.stdout || run.error?.message}`);
  }
}

async function inject(node: string, blob: string, executable: string): Promise<void> {
  copyFileSync(node, executable);
  chmodSync(executable, 0o755);
  // Node's official binary carries debug symbols (~18 MB) nobody needs on a laptop; binutils' strip
  // keeps the fuse. Without strip (a bare build machine) the executable is only larger.
  if (spawnSync('strip', ['--strip-all', executable]).status !== 0) console.warn('cli-executable: strip unavailable, the werkplek executable keeps Node’s debug symbols');
  const postject = createRequire(import.meta.url)('postject') as Postject;
  await postject.inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: seaFuse });
}

export async function buildCliExecutable(outfile: string, options: CliExecutableOptions = {}): Promise<void> {
  const projectDir = options.projectDir ?? process.cwd();
  const node = options.node ?? process.execPath;
  const cacheDir = options.cacheDir ?? join(projectDir, 'node_modules', '.cache', 'werkplek-cli');
  const work = mkdtempSync(join(tmpdir(), 'werkplek-cli-'));
  try {
    const bundle = await bundleCli(join(work, 'werkplek.cjs'), projectDir, options.entry);
    const blob = join(work, 'sea.blob');
    const config = seaConfig(bundle, blob);
    const cached = cacheDir ? join(cacheDir, cacheKey(node, bundle, config)) : undefined;
    mkdirSync(dirname(outfile), { recursive: true });
    if (cached && existsSync(cached)) {
      copyFileSync(cached, outfile);
      chmodSync(outfile, 0o755);
      return;
    }
    checkNode(node);
    writeFileSync(join(work, 'sea-config.json'), JSON.stringify(config));
    // The code cache is made under the flags the executable runs with: V8 rejects a cache made under
    // other flags (--expose-gc among them), and the tools then compile everything at each start.
    execFileSync(node, [...SEA_FLAGS, '--experimental-sea-config', join(work, 'sea-config.json')], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    const executable = join(work, 'werkplek-cli');
    await inject(node, blob, executable);
    smokeTest(executable, options.smokeOutput ?? /^Usage: werkplek /m);
    copyFileSync(executable, outfile);
    chmodSync(outfile, 0o755);
    if (cached && cacheDir) {
      // One entry only (each is ~110 MB); written under a private name and renamed, for parallel builds.
      mkdirSync(cacheDir, { recursive: true });
      for (const old of readdirSync(cacheDir).filter((name) => !name.endsWith(".partial"))) rmSync(join(cacheDir, old), { force: true });
      const partial = `${cached}.${process.pid}.partial`;
      copyFileSync(executable, partial);
      renameSync(partial, cached);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// `node build/cli-executable.ts [OUT]`: the executable the packages ship, alone (for benchmarks, or
// to copy to a machine without the package). Default OUT: release/werkplek-cli.
if (import.meta.main) {
  const outfile = process.argv[2] ?? join('release', 'werkplek-cli');
  await buildCliExecutable(outfile);
  console.log(outfile);
}
