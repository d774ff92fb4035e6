// A stand-in Electron dist for packaging checks on machines that cannot download Electron
// (PACKAGING-NOTES.md). Never shipped: the "binary" is a shell script that refuses to run, followed
// by an Electron-style fuse wire so afterPack can flip and read fuses.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults for the nine V1 fuses (RELIABILITY.md table), in wire order. */
export const defaultFuseWire = '101100011';

export function standInBinary(wire = defaultFuseWire): Buffer {
  const script = "#!/bin/sh\necho 'stand-in Electron for packaging checks: not runnable' >&2\nexit 1\n";
  return Buffer.concat([Buffer.from(script), Buffer.from(fuseSentinel), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('\n')]);
}

/** Writes DIR/electron (the stand-in) and DIR/chrome-sandbox (empty; the deb's post-install sets its
 * mode), and returns DIR, for electron-builder's `electronDist`. */
export function createStandInElectronDist(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, 'electron');
  writeFileSync(binary, standInBinary());
  chmodSync(binary, 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), '');
  return dir;
}

/** Writes an executable wrapper that runs scripts/package-fpm-dpkg.ts, for CUSTOM_FPM_PATH. */
export function createFpmStandIn(dir: string, projectDir = process.cwd()): string {
  mkdirSync(dir, { recursive: true });
  const wrapper = join(dir, 'fpm');
  writeFileSync(wrapper, `#!/bin/sh\nexec '${process.execPath}' '${join(projectDir, 'scripts/package-fpm-dpkg.ts')}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}
