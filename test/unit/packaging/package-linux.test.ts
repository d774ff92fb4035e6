// Packs Werkplek with the real electron-builder config (build/electron-builder.config.ts) around a
// stand-in Electron (no Electron download here) and checks what IT staff would install: the app
// archive holds only the built app and production dependencies, the binary's fuses are flipped,
// the launcher runs the CLI (a single executable, with no Node on PATH), and the deb (built by the dpkg-deb stand-in for fpm) has the right
// dependencies, files, maintainer scripts and desktop entry, and passes lintian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import config from '../../../build/electron-builder.config.ts';
import { werkplekFuses } from '../../../build/fuses.ts';
import { seaFuse } from '../../../build/cli-executable.ts';
import { packageLinux } from '../../../scripts/package.ts';
import { createFpmStandIn, createStandInElectronDist } from '../../../scripts/package-stand-in.ts';
import { buildIsolatedDist } from './isolated-build.ts';
import { cspProblems } from '../security/csp.ts';
import { npmWebdavServer } from '../../fixtures/servers/npm-webdav-server.ts';

const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(file: string, options: { isPack: boolean }): string[]; extractFile(archive: string, file: string): Buffer };
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const skip = (reason: string) => console.info(`skipped: ${reason}`);

let root = '';
let release = '';
let unpacked = '';
let asarFiles: string[] = [];
let deb = '';
let debRoot = '';
const tarGzBuilt = existsSync('/usr/bin/7za');
/** A PATH holding only what the launcher itself calls: no node at all (the laptop of issue 20). */
let noNodePath = '';

function pathWithoutNode(dir: string): string {
  mkdirSync(dir);
  for (const tool of ['readlink', 'dirname']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(dir, tool));
  return dir;
}

beforeAll(async () => {
  const built = buildIsolatedDist();
  root = built.root;
  release = join(root, 'release');
  noNodePath = pathWithoutNode(join(root, 'no-node-bin'));
  const savedFpm = process.env.CUSTOM_FPM_PATH;
  process.env.CUSTOM_FPM_PATH = createFpmStandIn(join(root, 'fpm'));
  if (!tarGzBuilt) skip('tar.gz: 7za missing (apt-get install -y p7zip-full)');
  try {
    const artifacts = await packageLinux({
      targets: ['dir', 'deb', ...(tarGzBuilt ? ['tar.gz'] : [])],
      outputDir: release,
      distDir: built.distDir,
      electronDist: createStandInElectronDist(join(root, 'electron-dist')),
      // Fast compression: what is packed is under test, not how hard it is squeezed.
      overrides: { compression: 'store', deb: { ...config.deb, compression: 'gz' } },
    });
    deb = artifacts.find((file) => file.endsWith('.deb')) ?? '';
  } finally {
    if (savedFpm === undefined) delete process.env.CUSTOM_FPM_PATH;
    else process.env.CUSTOM_FPM_PATH = savedFpm;
  }
  unpacked = join(release, 'linux-unpacked');
  asarFiles = asar.listPackage(join(unpacked, 'resources/app.asar'), { isPack: false }).map((file) => file.replace(/^\//, ''));
  debRoot = join(root, 'deb-root');
  mkdirSync(debRoot);
  execFileSync('dpkg-deb', ['-x', deb, debRoot]);
}, 600_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the packed app (app.asar)', () => {
  it('holds the built app and package.json, with the entry point package.json names', () => {
    const top = new Set(asarFiles.map((file) => file.split('/')[0]));
    expect([...top].sort()).toEqual(['dist', 'node_modules', 'package.json']);
    const packed = JSON.parse(asar.extractFile(join(unpacked, 'resources/app.asar'), 'package.json').toString()) as Record<string, unknown>;
    expect(asarFiles).toContain(packed.main);
    expect(asarFiles).toContain('dist/preload/preload.cjs');
    expect(asarFiles).toContain('dist/renderer/index.html');
    expect(packed.devDependencies).toBeUndefined();
    expect(packed.build).toBeUndefined();
    expect(packed.desktopName).toBe('werkplek.desktop');
  });

  it('holds no tests, source maps, TypeScript sources or type declarations', () => {
    const offenders = asarFiles.filter((file) => /\.map$|\.(ts|tsx|mts|cts)$|(^|\/)(test|tests|__tests__|__mocks__)\/|\.(test|spec)\.[cm]?js$/.test(file));
    expect(offenders).toEqual([]);
  });

  it('holds no development-only dependency', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages).filter(([path, entry]) => path && entry.dev).map(([path]) => path);
    const packed = new Set(asarFiles.filter((file) => file.endsWith('/package.json')).map((file) => dirname(file)));
    expect(devOnly.length).toBeGreaterThan(100); // the lock file does mark them
    expect(devOnly.filter((path) => packed.has(path))).toEqual([]);
    for (const tool of ['electron', 'electron-builder', 'vite', 'vitest', 'esbuild', 'typescript', 'eslint', '@playwright/test']) expect(packed.has(`node_modules/${tool}`), tool).toBe(false);
  });

  it('serves the shell UI with the strict CSP and no inline script', () => {
    const html = asar.extractFile(join(unpacked, 'resources/app.asar'), 'dist/renderer/index.html').toString();
    expect(cspProblems(html)).toEqual([]);
  });
});

describe('the unpacked app (linux-unpacked)', () => {
  it('has every fuse flipped as build/fuses.ts says', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'werkplek'));
    for (const [index, wanted] of Object.entries(werkplekFuses).filter(([key]) => /^\d+$/.test(key))) {
      expect(wire[Number(index) as FuseV1Options], FuseV1Options[Number(index)]).toBe(wanted ? 49 : 48); // '1' / '0'
    }
  });

  it('has the launcher, which never disables the sandbox and runs the CLI executable without Node', () => {
    const launcher = join(unpacked, 'bin/werkplek');
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
    const code = readFileSync(launcher, 'utf8').split('\n').filter((line) => !line.trim().startsWith('#'));
    expect(code.filter((line) => line.includes('no-sandbox'))).toEqual([]);
    expect(code.filter((line) => /\bnode\b/.test(line))).toEqual([]);
    const env = { PATH: noNodePath, HOME: root };
    const ok = spawnSync(launcher, ['policy', 'check', 'build/policy.example.json'], { env, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('OK');
    const bad = spawnSync(launcher, ['policy', 'check', 'package.json'], { env, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/package\.json:\d+:\d+: .*unknown key/);
  });

  it('has the CLI as a single executable with its own Node 24, which ignores NODE_OPTIONS', () => {
    const executable = join(unpacked, 'resources/cli/werkplek-cli');
    expect(statSync(executable).mode & 0o111).not.toBe(0);
    expect(readFileSync(executable).includes(`${seaFuse}:1`)).toBe(true); // the blob is injected
    expect(existsSync(join(unpacked, 'resources/cli/werkplek.mjs'))).toBe(false);
    // The embedded runtime takes no flags from the environment: a planted --require never runs.
    const planted = join(root, 'planted.cjs');
    writeFileSync(planted, "console.log('PLANTED')\n");
    const run = spawnSync(executable, ['policy', 'schema'], { env: { PATH: noNodePath, NODE_OPTIONS: `--require ${planted}` }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('PLANTED');
    expect(JSON.parse(run.stdout)).toHaveProperty('$schema');
  });

  it('has a working CLI executable: the launcher syncs a folder with a real WebDAV server, no Node on PATH', async () => {
    const server = await npmWebdavServer.start();
    try {
      const local = join(root, 'cli-sync');
      mkdirSync(local);
      writeFileSync(join(local, 'notitie.txt'), 'hallo van de werkplek\n');
      const env = { PATH: noNodePath, HOME: root, WERKPLEK_PASSWORD: server.password };
      // Asynchronous: the server runs in this process and must keep answering.
      const run = await new Promise<{ code: number | null; output: string }>((done) => {
        const child = spawn(join(unpacked, 'bin/werkplek'), ['sync', '--server', server.url, '--user', server.user, '--state-dir', join(root, 'cli-state'), local], { env });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (code) => done({ code, output }));
      });
      expect(run.code, run.output).toBe(0);
      expect(readFileSync(join(server.dataDir, 'notitie.txt'), 'utf8')).toBe('hallo van de werkplek\n');
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('ships the tray icons where electron/main/tray.ts looks for them', () => {
    for (const name of ['tray.png', 'tray@2x.png', 'tray-unread.png', 'tray-unread@2x.png']) {
      expect(readFileSync(join(unpacked, 'resources/tray', name)).equals(readFileSync(join('assets/tray', name))), name).toBe(true);
    }
    expect(existsSync(join(unpacked, 'resources/tray/tray.svg'))).toBe(false);
  });

  it('ships the policy example and schema as resources too (for AppImage users)', () => {
    expect(readFileSync(join(unpacked, 'resources/policy.example.json'), 'utf8')).toBe(readFileSync('build/policy.example.json', 'utf8'));
    expect(readFileSync(join(unpacked, 'resources/policy.schema.json'), 'utf8')).toBe(readFileSync('build/policy.schema.json', 'utf8'));
    expect(readFileSync(join(unpacked, 'resources/policy.schema.nl.json'), 'utf8')).toBe(readFileSync('build/policy.schema.nl.json', 'utf8'));
  });
});

describe('the deb', () => {
  const field = (name: string) => execFileSync('dpkg-deb', ['-f', deb, name], { encoding: 'utf8' }).trim();
  const contents = () => execFileSync('dpkg-deb', ['--contents', deb], { encoding: 'utf8' }).split('\n').map((line) => line.split(/\s+/).slice(5).join(' ').replace(/^\./, ''));

  it('depends on the runtime libraries and recommends an AppIndicator library', () => {
    const depends = field('Depends');
    for (const library of ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0', 'libgbm1', 'libasound2', 'libc6 (>= 2.28)', 'libstdc++6']) expect(depends).toContain(library);
    expect(field('Recommends')).toContain('appindicator3-1');
    expect(field('Package')).toBe('werkplek');
  });

  it('installs the app, launcher, policy example, desktop entry, icons and AppArmor profile', () => {
    const files = contents();
    for (const path of [
      '/opt/Werkplek/werkplek',
      '/opt/Werkplek/bin/werkplek',
      '/opt/Werkplek/resources/app.asar',
      '/opt/Werkplek/resources/cli/werkplek-cli',
      '/opt/Werkplek/resources/apparmor-profile',
      '/etc/werkplek/policy.example.json',
      '/usr/share/applications/werkplek.desktop',
      '/usr/share/doc/werkplek/copyright',
      '/usr/share/metainfo/example.werkplek.Werkplek.metainfo.xml',
      ...[16, 24, 32, 48, 64, 128, 256, 512].map((size) => `/usr/share/icons/hicolor/${size}x${size}/apps/werkplek.png`),
    ]) {
      expect(files, path).toContain(path);
    }
    expect(readFileSync(join(debRoot, 'opt/Werkplek/resources/apparmor-profile'), 'utf8')).toBe(readFileSync('build/apparmor/werkplek', 'utf8'));
    expect(readFileSync(join(debRoot, 'etc/werkplek/policy.example.json'), 'utf8')).toBe(readFileSync('build/policy.example.json', 'utf8'));
  });

  it('runs `werkplek policy|sync|notify` from the installed files with no Node on PATH, and beside an old one', () => {
    expect(spawnSync('/bin/sh', ['-c', 'command -v node'], { env: { PATH: noNodePath } }).status).not.toBe(0);
    const launcher = join(debRoot, 'opt/Werkplek/bin/werkplek');
    const run = (args: string[], PATH = noNodePath) => spawnSync(launcher, args, { env: { PATH, HOME: root }, encoding: 'utf8' });
    const check = run(['policy', 'check', join(debRoot, 'etc/werkplek/policy.example.json')]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/policy\.example\.json: OK \(\d+ apps, \d+ locked settings\)/);
    const sync = run(['sync', '--help']);
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/^Usage: werkplek sync --server URL/);
    const notify = run(['notify', '--help']);
    expect(notify.status, notify.stderr).toBe(0);
    expect(notify.stdout).toMatch(/^Usage: werkplek notify --homeserver URL/);
    const usage = run(['sync', '--no-such-option']);
    expect(usage.status).toBe(2);
    // Debian 12's own nodejs is 18, this machine's /usr/bin/node may be 20: neither is used.
    const oldNode = spawnSync('/usr/bin/node', ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' });
    if (oldNode.status !== 0 || Number(oldNode.stdout) >= 22) return skip('no Node older than 22 at /usr/bin/node: the old-Node case is not exercised');
    const beside = run(['policy', 'check', join(debRoot, 'etc/werkplek/policy.example.json')], '/usr/bin:/bin');
    expect(beside.status, beside.stderr).toBe(0);
    expect(beside.stdout).toContain('OK');
  });

  it('marks the policy example as a conffile and runs our maintainer scripts', () => {
    const control = join(root, 'deb-control');
    execFileSync('dpkg-deb', ['-e', deb, control]);
    expect(readFileSync(join(control, 'conffiles'), 'utf8').trim().split('\n')).toEqual(['/etc/werkplek/policy.example.json']);
    expect(readFileSync(join(control, 'postinst'), 'utf8')).toBe(readFileSync('build/linux/after-install.sh', 'utf8'));
    expect(readFileSync(join(control, 'prerm'), 'utf8')).toBe(readFileSync('build/linux/before-remove.sh', 'utf8'));
    expect(readFileSync(join(control, 'postrm'), 'utf8')).toBe(readFileSync('build/linux/after-remove.sh', 'utf8'));
  });

  it('has a valid desktop entry for the werkplek: links, matched to its window', () => {
    const file = join(debRoot, 'usr/share/applications/werkplek.desktop');
    const entry = readFileSync(file, 'utf8');
    expect(entry).toMatch(/^StartupWMClass=werkplek$/m);
    expect(entry).toMatch(/^MimeType=.*x-scheme-handler\/werkplek;/m);
    expect(entry).toMatch(/^Exec=\/opt\/Werkplek\/werkplek %U$/m);
    expect(entry).toMatch(/^Icon=werkplek$/m);
    expect(entry).not.toContain('no-sandbox');
    if (!has('desktop-file-validate')) return skip('desktop-file-validate missing (apt-get install -y desktop-file-utils)');
    const result = spawnSync('desktop-file-validate', [file], { encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toBe('');
  });

  it('passes lintian (only the reviewed /opt layout and the CLI executable’s upstream Node build are overridden)', () => {
    if (!has('lintian')) return skip('lintian missing (apt-get install -y lintian)');
    const result = spawnSync('lintian', ['--fail-on', 'error,warning', '--tag-display-limit', '0', deb], { encoding: 'utf8', timeout: 300_000 });
    const findings = (result.stdout + result.stderr).split('\n').filter((line) => /^[EWI]: /.test(line));
    expect(findings).toEqual([]);
    expect(result.status).toBe(0);
  }, 300_000);
});

describe('the tar.gz', () => {
  it('holds the same unpacked app under werkplek-VERSION/', () => {
    if (!tarGzBuilt) return skip('tar.gz not built: 7za missing (apt-get install -y p7zip-full)');
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    const listing = execFileSync('tar', ['tzf', join(release, `werkplek-${version}.tar.gz`)], { encoding: 'utf8' }).split('\n');
    for (const path of ['werkplek', 'bin/werkplek', 'resources/app.asar', 'resources/cli/werkplek-cli', 'resources/policy.example.json']) expect(listing).toContain(`werkplek-${version}/${path}`);
  });
});
