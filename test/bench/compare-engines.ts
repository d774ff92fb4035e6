// `node test/bench/compare-engines.ts GIT-REF [TRIPLES]`: figure a's first upload (2,000 × 4 KiB
// files in 100 folders) by this checkout's engine, by the engine of GIT-REF (checked out in a
// temporary worktree) and by the raw client, interleaved in one process against one server, so a
// busy moment of a noisy machine hits all three alike. The first WARM_UP triples are printed but
// not counted (each engine's code is still being compiled then). Prints every triple and the
// medians: the way to tell whether a change to the engine helped when single runs move by ±30 %.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SyncEngine } from '../../electron/core/sync/engine.ts';
import type { WebdavServerHandle } from '../fixtures/servers/index.ts';
import { engineFor, makeTree, mapLimit, median, PARALLEL, RawClient, transferServer } from './sync.bench.ts';

type Engine = typeof SyncEngine;
const WARM_UP = 2;

const [ref, triples = '14'] = process.argv.slice(2);
if (!ref) {
  console.error('usage: node test/bench/compare-engines.ts GIT-REF [TRIPLES]');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'werkplek-compare-'));
const checkout = join(work, 'ref');
execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', '--quiet', checkout, ref], { stdio: 'inherit' });
symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'));
let server: WebdavServerHandle | null = null;
try {
  const refEngine = ((await import(pathToFileURL(join(checkout, 'electron/core/sync/engine.ts')).href)) as { SyncEngine: Engine }).SyncEngine;
  server = await transferServer();
  const local = join(work, 'local');
  const files = makeTree(local, 100, 20, 4096);
  const folders = [...new Set(files.map((f) => f.split('/')[0]!))];
  const raw = new RawClient(server, PARALLEL);
  let n = 0;
  const runEngine = async (Engine: Engine, dir: string): Promise<void> => {
    const engine = engineFor(server!, local, `/${dir}`, join(work, `${dir}.sqlite`), Engine);
    try {
      const summary = await engine.syncNow();
      if (summary.outcome !== 'ok' || summary.actions.upload !== files.length) throw new Error(`engine run: ${JSON.stringify(summary).slice(0, 300)}`);
    } finally {
      await engine.close();
    }
  };
  const contenders: Record<string, (dir: string) => Promise<void>> = {
    'this checkout': (dir) => runEngine(SyncEngine, dir),
    [ref]: (dir) => runEngine(refEngine, dir),
    'raw client': async (dir) => {
      await mapLimit(folders, PARALLEL, (d) => raw.request('MKCOL', `${dir}/${d}`));
      await mapLimit(files, PARALLEL, (f) => raw.request('PUT', `${dir}/${f}`, readFileSync(join(local, f))));
    },
  };
  const names = Object.keys(contenders);
  const times: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let t = 0; t < Number(triples); t++) {
    // Each contender goes first, second and third in turn.
    const order = names.map((_, i) => names[(i + t) % names.length]!);
    const line: string[] = [];
    for (const name of order) {
      const dir = `compare-${n++}`;
      await raw.request('MKCOL', dir);
      const started = performance.now();
      await contenders[name]!(dir);
      const ms = performance.now() - started;
      if (t >= WARM_UP) times[name]!.push(ms);
      line.push(`${name} ${ms.toFixed(0)} ms`);
    }
    console.log(`triple ${t + 1}${t < WARM_UP ? ' (warm-up, not counted)' : ''}: ${line.join(', ')}`);
  }
  raw.close();
  const limit = median(times['raw client']!);
  // Also the median of the ratios within each triple: steadier than a ratio of medians when the
  // machine's speed drifts over the run.
  const perTriple = (k: string, to: string): number => median(times[k]!.map((ms, i) => ms / times[to]![i]!));
  console.log(`\n${server.name}, ${PARALLEL} parallel, ${Number(triples) - WARM_UP} triples counted; medians:`);
  for (const k of names) console.log(`  ${k.padEnd(16)} ${median(times[k]!).toFixed(0)} ms   ${(median(times[k]!) / limit).toFixed(2)}× the raw client (within a triple: ${perTriple(k, 'raw client').toFixed(2)}×)`);
  console.log(`  this checkout against ${ref} within a triple: ${perTriple('this checkout', ref).toFixed(2)}×`);
} finally {
  await server?.stop();
  execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', checkout]);
  rmSync(work, { recursive: true, force: true });
}
