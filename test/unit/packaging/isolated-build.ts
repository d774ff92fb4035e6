// Builds the app into a private temporary folder, so packaging tests never race other work on the
// shared dist/ (scripts/build.ts empties it first). Sources and node_modules are linked; renderer/
// is copied because Vite resolves its root through symlinks and would write into the real dist/.
import { cpSync, mkdtempSync, symlinkSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function buildIsolatedDist(projectDir = process.cwd()): { root: string; distDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'werkplek-pack-'));
  const project = join(root, 'project');
  cpSync(join(projectDir, 'renderer'), join(project, 'renderer'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(projectDir, file), join(project, file));
  for (const name of ['electron', 'node_modules', 'scripts', 'assets', 'vite.config.ts', 'tsconfig.json']) {
    if (existsSync(join(projectDir, name))) symlinkSync(resolve(projectDir, name), join(project, name));
  }
  execFileSync(process.execPath, ['scripts/build.ts'], { cwd: project, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
  return { root, distDir: join(project, 'dist') };
}
