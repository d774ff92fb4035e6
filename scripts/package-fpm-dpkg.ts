// A stand-in for fpm's `-s dir -t deb` on machines where fpm cannot be installed (it is a Ruby gem,
// not in Debian 12, and RubyGems is unreachable here; PACKAGING-NOTES.md). It takes the arguments
// electron-builder hands to fpm and builds the same file layout with Debian's dpkg-deb, so the deb
// can be inspected and linted here. Releases are built with the real fpm (build/README.md).
//   CUSTOM_FPM_PATH=<wrapper that runs this file> npm run package -- deb
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export interface FpmRequest {
  values: Map<string, string[]>;
  mappings: Array<{ source: string; target: string }>;
}

const flagsWithoutValue = new Set(['--force', '--debug']);

export function parseFpmArgs(argv: string[]): FpmRequest {
  const values = new Map<string, string[]>();
  const mappings: FpmRequest['mappings'] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('-')) {
      if (flagsWithoutValue.has(arg)) continue;
      const value = argv[++i];
      if (value === undefined) throw new Error(`fpm stand-in: ${arg} needs a value`);
      values.set(arg, [...(values.get(arg) ?? []), value]);
    } else {
      const at = arg.lastIndexOf('=');
      if (at <= 0) throw new Error(`fpm stand-in: expected SOURCE=TARGET, got "${arg}"`);
      mappings.push({ source: arg.slice(0, at), target: arg.slice(at + 1) });
    }
  }
  return { values, mappings };
}

function one(request: FpmRequest, flag: string): string {
  const value = request.values.get(flag)?.[0];
  if (value === undefined) throw new Error(`fpm stand-in: ${flag} missing`);
  return value;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Debian's description format: a synopsis line, then the long text with each line indented. */
function description(text: string): string {
  const [synopsis = '', ...rest] = text.split('\n');
  const body = rest.join(' ').replace(/\s+/g, ' ').trim();
  const lines = body.match(/.{1,78}(\s|$)/g)?.map((line) => ` ${line.trim()}`) ?? [];
  return [synopsis.trim(), ...lines].join('\n');
}

export function buildDeb(request: FpmRequest): string {
  if (one(request, '-s') !== 'dir' || one(request, '-t') !== 'deb') throw new Error('fpm stand-in: only -s dir -t deb');
  const root = mkdtempSync(join(tmpdir(), 'werkplek-fpm-dpkg-'));
  try {
    for (const { source, target } of request.mappings) {
      const destination = join(root, target);
      if (statSync(source).isDirectory()) cpSync(source, destination, { recursive: true, verbatimSymlinks: true });
      else {
        mkdirSync(dirname(destination), { recursive: true });
        cpSync(source, destination);
      }
    }
    chmodSync(root, 0o755);
    const payload = filesUnder(root);
    const installedKiB = Math.ceil(payload.reduce((sum, file) => sum + statSync(file).size, 0) / 1024);
    mkdirSync(join(root, 'DEBIAN'));
    const control = [
      `Package: ${one(request, '--name')}`,
      `Version: ${one(request, '--version')}`,
      `Architecture: ${one(request, '--architecture')}`,
      `Maintainer: ${one(request, '--maintainer')}`,
      `Installed-Size: ${installedKiB}`,
      `Depends: ${(request.values.get('-d') ?? []).join(', ')}`,
      ...(request.values.has('--deb-recommends') ? [`Recommends: ${request.values.get('--deb-recommends')!.join(', ')}`] : []),
      `Section: ${request.values.get('--category')?.[0] ?? 'default'}`,
      `Priority: ${request.values.get('--deb-priority')?.[0] ?? 'optional'}`,
      `Homepage: ${one(request, '--url')}`,
      `Description: ${description(one(request, '--description'))}`,
    ];
    writeFileSync(join(root, 'DEBIAN/control'), `${control.join('\n')}\n`);
    // Like fpm: everything under /etc is a conffile (dpkg keeps the administrator's edits).
    const conffiles = payload.map((file) => `/${relative(root, file)}`).filter((file) => file.startsWith('/etc/'));
    if (conffiles.length > 0) writeFileSync(join(root, 'DEBIAN/conffiles'), `${conffiles.join('\n')}\n`);
    const md5sums = payload.map((file) => `${createHash('md5').update(readFileSync(file)).digest('hex')}  ${relative(root, file)}`);
    writeFileSync(join(root, 'DEBIAN/md5sums'), `${md5sums.join('\n')}\n`);
    for (const [flag, name] of [['--after-install', 'postinst'], ['--before-remove', 'prerm'], ['--after-remove', 'postrm']] as const) {
      const script = request.values.get(flag)?.[0];
      if (!script) continue;
      cpSync(script, join(root, 'DEBIAN', name));
      chmodSync(join(root, 'DEBIAN', name), 0o755);
    }
    const output = one(request, '--package');
    const compression = request.values.get('--deb-compression')?.[0] === 'gz' ? 'gzip' : 'xz';
    execFileSync('dpkg-deb', ['--root-owner-group', `-Z${compression}`, '--build', root, output], { stdio: ['ignore', 'ignore', 'inherit'] });
    return output;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  try {
    console.log(buildDeb(parseFpmArgs(process.argv.slice(2))));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
