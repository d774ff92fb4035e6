// g. Download of a tree of small files into an empty folder (2,000 × 4 KiB in 100 folders), the
// engine against the physical limit measured in the same run on the same loopback server: a
// minimal keep-alive client that knows the names already (no listing), makes the folders and GETs
// each file into place with the same concurrency (no temp file, no fsync). Target ≤ 1.3× its time,
// as uploads (figure a). The same raw client fsyncing each file before closing it is measured too,
// in the same rounds, so the note shows what durability costs on this disk.
// `npm run bench -- download`; WERKPLEK_BENCH_WHERE=disk|ram picks one place.
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomFillSync } from 'node:crypto';
import type { BenchRow } from './bench-types.ts';
import { engineFor, mapLimit, median, PARALLEL, RawClient, transferServer } from './sync.bench.ts';
import type { WebdavServerHandle } from '../fixtures/servers/index.ts';

const REPS = 5;
const FOLDERS = 100;
const PER_FOLDER = 20;

/** The tree on the server, written straight into its data folder (the server serves it as is). */
function plantTree(server: WebdavServerHandle, under: string): string[] {
  const files: string[] = [];
  const data = Buffer.alloc(4096);
  for (let d = 0; d < FOLDERS; d++) {
    mkdirSync(join(server.dataDir, under, `folder-${d}`), { recursive: true });
    for (let f = 0; f < PER_FOLDER; f++) {
      randomFillSync(data);
      const rel = `folder-${d}/file-${f}.txt`;
      writeFileSync(join(server.dataDir, under, rel), data);
      files.push(rel);
    }
  }
  return files;
}

async function figureG(server: WebdavServerHandle, work: string, where: string): Promise<BenchRow> {
  const files = plantTree(server, 'g-tree');
  const folders = [...new Set(files.map((f) => f.split('/')[0]!))];
  const raw = new RawClient(server, PARALLEL);
  const engineMs: number[] = [];
  const rawMs: number[] = [];
  const syncedMs: number[] = [];
  let requests = 0;
  const runEngine = async (rep: number): Promise<void> => {
    const local = join(work, `g-engine-${rep}`);
    mkdirSync(local);
    const engine = engineFor(server, local, '/g-tree', join(work, `g-journal-${rep}.sqlite`));
    const t = performance.now();
    const summary = await engine.syncNow();
    engineMs.push(performance.now() - t);
    requests = summary.requests;
    await engine.close();
    if (summary.outcome !== 'ok' || summary.actions.download !== files.length) throw new Error(`figure g: engine run ${JSON.stringify(summary).slice(0, 300)}`);
    rmSync(local, { recursive: true, force: true });
  };
  // `flush`: the write stream fsyncs the file before closing it.
  const runRaw = async (rep: number, flush = false): Promise<void> => {
    const local = join(work, `g-raw-${rep}`);
    const t = performance.now();
    for (const d of folders) mkdirSync(join(local, d), { recursive: true });
    await mapLimit(files, PARALLEL, async (f) => {
      const status = await raw.request('GET', `g-tree/${f}`, undefined, createWriteStream(join(local, f), { flush }));
      if (status !== 200) throw new Error(`raw GET ${f}: ${status}`);
    });
    (flush ? syncedMs : rawMs).push(performance.now() - t);
    rmSync(local, { recursive: true, force: true });
  };
  // Interleaved, order flipped each round (see figure a).
  for (let rep = 0; rep < REPS; rep++) {
    const round = [() => runEngine(rep), () => runRaw(rep), () => runRaw(rep, true)];
    for (const step of rep % 2 === 0 ? round : round.reverse()) await step();
  }
  raw.close();
  const value = median(engineMs) / 1000;
  const limit = median(rawMs) / 1000;
  return {
    name: `g. download of 2,000 × 4 KiB files in 100 folders into an empty folder (${where})`, value, unit: 's', limit, target: '≤ 1.3× limit', ok: value <= 1.3 * limit,
    note: `${server.name}, ${PARALLEL} parallel, median of ${REPS}, order flipped each round; pairs' own ratios median ${median(engineMs.map((e, i) => e / rawMs[i]!)).toFixed(2)}× (engine ${engineMs.map((x) => (x / 1000).toFixed(2)).join(' ')} s; raw ${rawMs.map((x) => (x / 1000).toFixed(2)).join(' ')} s); `
      + `against the raw client fsyncing each file ${(value / (median(syncedMs) / 1000)).toFixed(2)}× (pairs ${median(engineMs.map((e, i) => e / syncedMs[i]!)).toFixed(2)}×; ${syncedMs.map((x) => (x / 1000).toFixed(2)).join(' ')} s); engine sent ${requests} requests (raw: ${files.length}, it lists nothing)`,
  };
}

const TMPFS_MAGIC = 0x01021994;
const inRam = (): boolean => {
  try {
    return statfsSync('/dev/shm').type === TMPFS_MAGIC;
  } catch {
    return false;
  }
};

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const where = process.env.WERKPLEK_BENCH_WHERE;
  const places: { label: string; dir: string }[] = [];
  if (where !== 'ram') places.push({ label: 'on disk', dir: tmpdir() });
  if (where !== 'disk') {
    if (inRam()) places.push({ label: 'all in RAM', dir: '/dev/shm' });
    else rows.push({ name: 'g. download, all in RAM', value: NaN, unit: 's', note: 'not measured: /dev/shm is not a tmpfs here' });
  }
  for (const place of places) {
    const work = mkdtempSync(join(place.dir, 'werkplek-bench-g-'));
    const server = await transferServer(place.dir === tmpdir() ? undefined : place.dir);
    try {
      rows.push(await figureG(server, work, place.label));
    } finally {
      await server.stop();
      rmSync(work, { recursive: true, force: true });
    }
  }
  return rows;
}
