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

/**
 * Why the Electron specs cannot run here, or null when they can: they need the binary, a display
 * (run them under Xvfb: `xvfb-run -a npx playwright test --project electron`) and a normal user
 * (Chromium's sandbox, which Werkplek keeps on, refuses to start as root).
 */
export function electronSkipReason(env: NodeJS.ProcessEnv = process.env, uid: number | undefined = process.getuid?.()): string | null {
  const binary = electronBinary();
  if ('missing' in binary) return binary.missing;
  if (uid === 0) return 'running as root: Chromium’s sandbox (kept on in Werkplek) does not start as root; run the Electron specs as a normal user';
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return 'no display: run the Electron specs under Xvfb (xvfb-run -a npx playwright test --project electron)';
  return null;
}
