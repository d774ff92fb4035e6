// Where the Electron binary is, or why there is none. npm's `electron` package fetches the binary
// lazily from the internet; on machines without it these specs skip and print the reason.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary(): { path: string } | { missing: string } {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron npm package is not installed (run npm ci)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron') : join(packageDir, 'dist', relative);
  if (!existsSync(binary)) return { missing: `Electron binary not installed at ${binary} (it is downloaded on first launch, which needs internet); the renderer suite covers the UI through the preview host` };
  return { path: binary };
}
