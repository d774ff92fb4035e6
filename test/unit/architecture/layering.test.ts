// The layering rule of DESIGN.md, checked on every source file so it cannot erode:
// only electron/main and electron/preload import `electron`; core imports none of main, preload,
// preview, cli or renderer; the renderer takes nothing but types from electron/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const sourceDirs = ['electron', 'renderer', 'scripts', 'build', 'test'];

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name)) yield full;
  }
}

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

/** Static imports, re-exports, dynamic imports and require() calls. */
export function importsOf(source: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const patterns: Array<[RegExp, (m: RegExpExecArray) => ImportRef]> = [
    [/^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm, (m) => ({ specifier: m[3]!, typeOnly: Boolean(m[2]) })],
    [/^\s*import\s+['"]([^'"]+)['"]/gm, (m) => ({ specifier: m[1]!, typeOnly: false })],
    [/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, (m) => ({ specifier: m[1]!, typeOnly: false })],
    [/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g, (m) => ({ specifier: m[1]!, typeOnly: false })],
  ];
  for (const [pattern, toRef] of patterns) for (let m = pattern.exec(source); m; m = pattern.exec(source)) refs.push(toRef(m));
  return refs;
}

// This file quotes import statements in its self-check, so it is the one file not scanned.
const files = sourceDirs
  .flatMap((dir) => [...sourceFiles(join(root, dir))])
  .filter((file) => file !== import.meta.filename)
  .map((file) => ({ file, rel: relative(root, file), refs: importsOf(readFileSync(file, 'utf8')) }));
const resolveRel = (fromRel: string, specifier: string) => (specifier.startsWith('.') ? relative(root, resolve(root, dirname(fromRel), specifier)) : null);

describe('layering rule', () => {
  it('finds the source files it guards', () => {
    expect(files.some((f) => f.rel.startsWith('electron/core/'))).toBe(true);
    expect(files.some((f) => f.rel.startsWith('renderer/'))).toBe(true);
  });

  it('detects every import form (self-check)', () => {
    const refs = importsOf(`import { app } from 'electron';\nimport type { X } from "y";\nconst e = require('electron');\nawait import('electron/main');\nexport * from './z.ts';`);
    expect(refs.map((r) => r.specifier).sort()).toEqual(['./z.ts', 'electron', 'electron', 'electron/main', 'y']);
    expect(refs.find((r) => r.specifier === 'y')?.typeOnly).toBe(true);
  });

  it('only electron/main and electron/preload import electron', () => {
    const offenders = files
      .filter((f) => !/^electron\/(main|preload)\//.test(f.rel))
      .filter((f) => f.refs.some((r) => !r.typeOnly && (r.specifier === 'electron' || r.specifier.startsWith('electron/'))))
      .map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('electron/core imports none of main, preload, preview, cli, renderer', () => {
    const offenders = files
      .filter((f) => f.rel.startsWith('electron/core/'))
      .flatMap((f) => f.refs.map((r) => ({ rel: f.rel, target: resolveRel(f.rel, r.specifier) })))
      .filter(({ target }) => target !== null && /^(electron\/(main|preload|preview|cli)|renderer)(\/|$)/.test(target))
      .map(({ rel, target }) => `${rel} → ${target}`);
    expect(offenders).toEqual([]);
  });

  it('the renderer takes only types from electron/', () => {
    const offenders = files
      .filter((f) => f.rel.startsWith('renderer/'))
      .flatMap((f) => f.refs.filter((r) => !r.typeOnly).map((r) => ({ rel: f.rel, target: resolveRel(f.rel, r.specifier) })))
      .filter(({ target }) => target !== null && target.startsWith('electron/'))
      .map(({ rel, target }) => `${rel} → ${target}`);
    expect(offenders).toEqual([]);
  });

  it('every top-level folder under electron/ has a README', () => {
    const missing = readdirSync(join(root, 'electron'))
      .filter((name) => statSync(join(root, 'electron', name)).isDirectory())
      .filter((name) => {
        try {
          return !statSync(join(root, 'electron', name, 'README.md')).isFile();
        } catch {
          return true;
        }
      });
    expect(missing).toEqual([]);
  });
});
