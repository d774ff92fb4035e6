// `npm start`: build, then launch Werkplek in Electron. The electron npm package downloads its
// binary on first launch; where that cannot happen (no internet), say so and point at the preview.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const build = spawnSync(process.execPath, ['scripts/build.ts'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let binary: string;
try {
  binary = createRequire(import.meta.url)('electron') as string;
} catch (error) {
  console.error(`\nWerkplek cannot start: the Electron binary is not installed and could not be downloaded.
  (${error instanceof Error ? error.message.split('\n')[0] : String(error)})
Use the same app in your browser instead:  npm run preview   → http://127.0.0.1:5190/`);
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
