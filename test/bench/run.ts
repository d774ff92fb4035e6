// `npm run bench [-- FILTER…]`: finds every test/bench/*.bench.ts, runs its exported `run()`
// (see bench-types.ts) one file after the other, and prints each figure with the physical limit
// measured in the same run and the ratio to it. Benchmarks are not part of the test command.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow, BenchRun } from './bench-types.ts';

const here = import.meta.dirname;
const filters = process.argv.slice(2);
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));

const fmt = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));

function print(file: string, rows: BenchRow[]): void {
  console.log(`\n${file}`);
  for (const r of rows) {
    const ratio = r.limit ? `${(r.value / r.limit).toFixed(2)}× limit` : '';
    const verdict = r.ok === undefined ? '' : r.ok ? 'meets target' : 'MISSES target';
    console.log(`  ${r.name}`);
    console.log(`      ${fmt(r.value)} ${r.unit}${r.limit !== undefined ? `   limit ${fmt(r.limit)} ${r.unit}   ${ratio}` : ''}${r.target ? `   target ${r.target}` : ''}${verdict ? `   ${verdict}` : ''}`);
    if (r.note) console.log(`      ${r.note}`);
  }
}

let failed = 0;
console.log(`werkplek benchmarks on ${process.platform} ${process.arch}, node ${process.version}, ${new Date().toISOString()}`);
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: BenchRun };
  if (typeof mod.run !== 'function') {
    console.error(`${file}: exports no run() (see test/bench/README.md)`);
    failed++;
    continue;
  }
  const started = performance.now();
  try {
    const rows = await mod.run();
    print(file, rows);
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    console.error(`${file}: failed: ${(error as Error).stack ?? error}`);
    failed++;
  }
}
if (files.length === 0) console.error(`no bench file matches ${filters.join(' ')}`);
process.exitCode = failed || files.length === 0 ? 1 : 0;
