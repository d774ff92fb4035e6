// Bundles the `werkplek` command-line tools into one self-contained CommonJS file: the main script
// of the single executable that the packages ship (build/cli-executable.ts). One file starts fast
// (no resolving and reading of hundreds of modules at every start) and carries its npm
// dependencies, which neither the laptop nor the asar can supply. Files the tools read at run time
// (the Matrix crypto wasm) are returned as assets, embedded in the executable beside the script.
import { build, type Plugin } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface CliBundle {
  /** The bundled script. */
  file: string;
  /** Run-time files by asset name (node:sea getAsset) → their path in node_modules. */
  assets: Record<string, string>;
}

// How @matrix-org/matrix-sdk-crypto-wasm's Node entry finds its wasm: next to itself, by import.meta.url.
const wasmBesideModule = /fileURLToPath\(new URL\("\.\/pkg\/([\w.-]+\.wasm)", import\.meta\.url\)\)/;
const wasmReads = /\b(?:readFileSync|await readFile)\(filename\)/g;

/** Reads the crypto wasm from the executable's assets (or, run by a plain Node, from beside the bundle). */
function wasmAsAsset(assets: Record<string, string>): Plugin {
  return {
    name: 'werkplek-wasm-asset',
    setup(esbuild) {
      esbuild.onLoad({ filter: /[\\/]@matrix-org[\\/]matrix-sdk-crypto-wasm[\\/]node\.mjs$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        const name = wasmBesideModule.exec(source)?.[1];
        const reads = source.match(wasmReads)?.length ?? 0;
        if (!name || reads === 0) throw new Error(`${path}: no longer loads its wasm as build/cli-bundle.ts expects; update the wasmAsAsset plugin`);
        assets[name] = join(dirname(path), 'pkg', name);
        const reader =
          'import * as __werkplekSea from "node:sea";\n' +
          'const __werkplekAsset = (name) => __werkplekSea.isSea() ? Buffer.from(__werkplekSea.getAsset(name)) : readFileSync(__dirname + "/" + name);\n';
        const contents = reader + source.replace(wasmBesideModule, JSON.stringify(name)).replace(wasmReads, '__werkplekAsset(filename)');
        return { contents, loader: 'js' };
      });
    },
  };
}

/** ENTRY is the `werkplek` command; tests bundle a probe of their own the same way. */
export async function bundleCli(outfile: string, projectDir = process.cwd(), entry = 'electron/cli/werkplek.ts'): Promise<CliBundle> {
  const assets: Record<string, string> = {};
  await build({
    absWorkingDir: projectDir,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    // A Node 24 single executable runs a CommonJS main script only ("mainFormat": "module" came in 25).
    format: 'cjs',
    target: 'node24',
    // jsonc-parser's "main" is a UMD build with dynamic requires; its ESM build bundles cleanly.
    mainFields: ['module', 'main'],
    external: ['electron'],
    plugins: [wasmAsAsset(assets)],
    sourcemap: false,
    // Whitespace and comments out (names and syntax stay as written): a smaller script to load, and
    // one without non-ASCII characters (a few dependencies' comments had ’ and —), which V8 would
    // otherwise decode whole into a two-byte string at every start. Strings are escaped to ASCII
    // by esbuild's default charset.
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'error',
  });
  let text = readFileSync(outfile, 'utf8');
  // esbuild turns import.meta into an empty object in CommonJS: a module that still uses it would
  // look for files in the wrong place at run time, so the build stops here instead.
  if (/\bimport_meta\d*\.url\b/.test(text)) throw new Error(`${outfile}: a bundled module still reads import.meta.url; give it a plugin in build/cli-bundle.ts`);
  // The executable's loader compiles the script as a function body, where a `#!` line is no syntax.
  if (text.startsWith('#!')) text = text.slice(text.indexOf('\n') + 1);
  writeFileSync(outfile, text, { mode: 0o644 });
  return { file: outfile, assets };
}
