// Builds what Electron loads: the renderer with Vite (React, CSS, i18n JSON) and the Node-side
// entries with esbuild. Node-side bundles keep npm packages external (electron-builder ships them
// in the asar); the sandboxed preload cannot load packages, so it is bundled whole.
import { build as viteBuild } from 'vite';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

const onlyRenderer = process.argv.includes('--renderer');
const common: BuildOptions = { bundle: true, platform: 'node', target: 'node22', sourcemap: false, legalComments: 'none', logLevel: 'warning' };

rmSync('dist', { recursive: true, force: true });
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

if (!onlyRenderer) {
  const nodeEntries: Array<[string, string]> = [
    ['electron/main/main.ts', 'dist/main/main.js'],
    ['electron/cli/werkplek.ts', 'dist/cli/werkplek.js'],
    ['electron/core/sync/worker-entry.ts', 'dist/worker/sync-worker.js'],
    ['electron/core/matrix/worker-entry.ts', 'dist/worker/matrix-worker.js'],
  ];
  for (const [entry, outfile] of nodeEntries) {
    if (!existsSync(entry)) continue; // workers are optional until their capability ships one
    await esbuild({ ...common, entryPoints: [entry], outfile, format: 'esm', packages: 'external', external: ['electron'] });
  }
  await esbuild({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', format: 'cjs', external: ['electron'] });
}
console.log(onlyRenderer ? 'built dist/renderer' : 'built dist/ (renderer, main, preload, cli, workers)');
