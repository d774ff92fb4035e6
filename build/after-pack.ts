// electron-builder afterPack hook: runs on the unpacked app (linux-unpacked/) before any target
// (deb, AppImage, tar.gz) is made from it, so every package carries the same hardened binary.
// 1. flips the fuses of build/fuses.ts; 2. marks the `werkplek` launcher executable;
// 3. builds the command-line tools as a single executable, resources/cli/werkplek-cli (run by the
//    launcher; needs no Node on the laptop: build/cli-executable.ts).
import { flipFuses } from '@electron/fuses';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { werkplekFuses } from './fuses.ts';
import { buildCliExecutable } from './cli-executable.ts';

/** The part of electron-builder's AfterPackContext this hook reads (its LinuxPackager has executableName). */
export interface PackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  packager: { projectDir: string };
}

export async function afterPack(context: PackContextLike, options: { bundleCli?: boolean } = {}): Promise<void> {
  if (context.electronPlatformName !== 'linux') throw new Error(`Werkplek is packaged for Linux only, not ${context.electronPlatformName}`);
  const executableName = (context.packager as { executableName?: string }).executableName ?? 'werkplek';
  const binary = join(context.appOutDir, executableName);
  // flipFuses throws "Could not find sentinel" on a binary without a fuse wire: the build fails loudly.
  await flipFuses(binary, werkplekFuses);
  const launcher = join(context.appOutDir, 'bin', 'werkplek');
  if (!existsSync(launcher)) throw new Error(`afterPack: the launcher ${launcher} is missing (extraFiles in build/electron-builder.config.ts)`);
  chmodSync(launcher, 0o755);
  if (options.bundleCli !== false) await buildCliExecutable(join(context.appOutDir, 'resources', 'cli', 'werkplek-cli'), { projectDir: context.packager.projectDir });
}

export default afterPack;
