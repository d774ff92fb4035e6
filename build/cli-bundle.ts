// Bundles the `werkplek` command-line tools into one self-contained ESM file for the packages
// (resources/cli/werkplek.mjs). The packaged app cannot run them (RunAsNode fuse off) and the asar
// is not readable by a plain Node, so the bundle carries its npm dependencies inside.
import { build } from 'esbuild';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

export async function bundleCli(outfile: string, projectDir = process.cwd()): Promise<void> {
  await build({
    absWorkingDir: projectDir,
    entryPoints: ['electron/cli/werkplek.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // jsonc-parser's "main" is a UMD build with dynamic requires; its ESM build bundles cleanly.
    mainFields: ['module', 'main'],
    // Some CommonJS dependencies call require() for Node built-ins.
    banner: { js: "import { createRequire as __werkplekRequire } from 'node:module'; const require = __werkplekRequire(import.meta.url);" },
    external: ['electron'],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // The launcher runs it with an explicit `node`: drop the source's `#!/usr/bin/env node` line so the
  // file does not claim an interpreter the package does not depend on (lintian).
  const text = readFileSync(outfile, 'utf8');
  if (text.startsWith('#!')) writeFileSync(outfile, text.slice(text.indexOf('\n') + 1));
  chmodSync(outfile, 0o644);
}
