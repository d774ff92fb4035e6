// `node scripts/package.ts [TARGET...] [--stand-in] [--fpm-stand-in] [--skip-build] [--out DIR]`: builds the Linux packages
// with build/electron-builder.config.ts. TARGET: dir, AppImage, deb, rpm, tar.gz (default: all four
// packages). Points electron-builder at local tools where they exist (7za), so that nothing it can
// avoid is downloaded. --stand-in packs a stand-in Electron (packaging checks only; never ship it).
import { build, Platform, Arch, type Configuration } from 'electron-builder';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import config from '../build/electron-builder.config.ts';
import { createFpmStandIn, createStandInElectronDist } from './package-stand-in.ts';

export interface PackageOptions {
  targets: string[];
  projectDir?: string;
  outputDir?: string;
  /** Folder with an Electron dist to pack instead of downloading one. */
  electronDist?: string;
  /** Pack the built app from this folder instead of PROJECT/dist (tests build into a private folder). */
  distDir?: string;
  /** Extra Configuration fields, merged last (tests: e.g. a different publish URL). */
  overrides?: Configuration;
}

/** The configured `files`, with the dist/ pattern taken from another folder when asked. */
function appFiles(distDir: string | undefined): Configuration['files'] {
  const files = (config.files as string[]).slice();
  if (!distDir) return files;
  const filters = files.filter((pattern) => pattern.startsWith('!'));
  return [...files.filter((pattern) => pattern !== 'dist/**/*'), { from: resolve(distDir), to: 'dist', filter: ['**/*', ...filters] }];
}

export function localToolEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const result = { ...env };
  // electron-builder 26 downloads 7-Zip unless told where one is (Debian: p7zip-full).
  if (!result.ELECTRON_BUILDER_7ZIP_PATH && existsSync('/usr/bin/7za')) result.ELECTRON_BUILDER_7ZIP_PATH = '/usr/bin/7za';
  return result;
}

export async function packageLinux(options: PackageOptions): Promise<string[]> {
  Object.assign(process.env, localToolEnv());
  const projectDir = resolve(options.projectDir ?? '.');
  const effective: Configuration = {
    ...config,
    directories: { ...config.directories, output: options.outputDir ?? config.directories?.output },
    files: appFiles(options.distDir),
    ...(options.electronDist ? { electronDist: options.electronDist } : {}),
    ...options.overrides,
  };
  return build({ projectDir, targets: Platform.LINUX.createTarget(options.targets, Arch.x64), config: effective, publish: 'never' });
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.includes(name);
  const outIndex = args.indexOf('--out');
  const outputDir = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const targets = args.filter((arg, i) => !arg.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));
  if (!flag('--skip-build')) execFileSync(process.execPath, ['scripts/build.ts'], { stdio: 'inherit' });
  const main = (JSON.parse(readFileSync('package.json', 'utf8')) as { main: string }).main;
  if (!existsSync(main)) {
    console.error(`${main} (package.json "main") does not exist: build the app first (npm run build), or drop --skip-build.`);
    process.exit(1);
  }
  const electronDist = flag('--stand-in') ? createStandInElectronDist(mkdtempSync(join(tmpdir(), 'werkplek-stand-in-electron-'))) : undefined;
  if (electronDist) console.warn(`Packing a STAND-IN Electron from ${electronDist}: the result cannot run; for packaging checks only.`);
  if (flag('--fpm-stand-in')) {
    process.env.CUSTOM_FPM_PATH = createFpmStandIn(mkdtempSync(join(tmpdir(), 'werkplek-fpm-')));
    console.warn('Building the deb with the dpkg-deb stand-in for fpm (scripts/package-fpm-dpkg.ts): for checks here only.');
  }
  try {
    const artifacts = await packageLinux({ targets: targets.length > 0 ? targets : ['AppImage', 'deb', 'rpm', 'tar.gz'], outputDir, electronDist });
    for (const artifact of artifacts) console.log(artifact);
  } catch (error) {
    console.error(`Packaging failed: ${(error as Error).message}\nSee build/README.md ("What cannot be built on the development machine") for the tools each target downloads.`);
    process.exitCode = 1;
  } finally {
    if (electronDist) rmSync(electronDist, { recursive: true, force: true });
    if (flag('--fpm-stand-in') && process.env.CUSTOM_FPM_PATH) rmSync(dirname(process.env.CUSTOM_FPM_PATH), { recursive: true, force: true });
  }
}
