// Issue 16 item 4: Werkplek's CLI (`node electron/cli/werkplek.ts sync`) against Nextcloud's own
// sync engine (`nextcloudcmd`), the same work on the same Nextcloud-shaped SabreDAV server
// (status.php, OCS capabilities and cloud/user, DAV at /remote.php/dav/files/USER, chunked upload
// v2, and bulk upload where announced), interleaved (the first client alternates per round), a
// fresh server and fresh folders for every measurement, the result checked byte for byte:
//   small up       first upload of 2,000 × 4 KiB in 100 folders, without and with bulk upload announced
//   no change      the next run of each, nothing changed
//   small down     that tree into an empty folder
//   big up/down    one 512 MiB file
//   raw PUT/GET    the same 512 MiB in one streaming request to the same server: the physical limit
//   raw small      the small-file work by a bare client that knows every name (peer-raw-limits.ts)
//   start-up       each client started to print its help or version, and nothing else
//   peak memory    of each client process (/usr/bin/time -f %M), the highest over its runs
// Each figure is the whole process, start-up included, wall clock. Target: Werkplek ≤ 0.5× the
// peer's time; 512 MiB up ≥ 0.8× the raw PUT's throughput; peak RSS ≤ 150 MiB. Each row also says
// whether half the peer's time is above the raw limit of that work, i.e. reachable at all.
// `npm run bench -- peer` (median of 3 rounds); `npm run bench -- peer --rounds=1` for one.
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join, resolve } from 'node:path';
import { startSabreDav, type SabreDavHandle } from '../fixtures/servers/sabredav.ts';
import { sabreDavServer } from '../fixtures/servers/sabredav.ts';
import type { BenchRow } from './bench-types.ts';
import { median, RawClient } from './sync.bench.ts';
import { rawNoChange, rawSmallDown, rawSmallUp } from './peer-raw-limits.ts';

const MiB = 1024 * 1024;
const FOLDERS = 100;
const PER_FOLDER = 20;
const SMALL = 4096;
const BIG = 512 * MiB;
/** Werkplek's minimum age of a file before it is uploaded (engine.ts minFileAgeMs), and a margin. */
const FILE_AGE_MS = 600;
const NEXTCLOUDCMD = '/usr/bin/nextcloudcmd';
const TIME = '/usr/bin/time';
// WERKPLEK_PEER_CLI=dist/cli/werkplek.js measures the bundled CLI instead of the sources; a path
// not ending in .ts/.js/.cjs/.mjs is run as it is (the single executable, `npm run cli-executable -- OUT`).
const cli = resolve(import.meta.dirname, '../..', process.env.WERKPLEK_PEER_CLI ?? 'electron/cli/werkplek.ts');
const cliCommand = /\.[cm]?[jt]s$/.test(cli) ? [process.execPath, cli] : [cli];
// WERKPLEK_PEER_ONLY=werkplek: Werkplek's rows (and the raw limits) alone, without nextcloudcmd.
const peerWanted = process.env.WERKPLEK_PEER_ONLY !== 'werkplek';
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 3);

type Client = 'werkplek' | 'nextcloudcmd';
interface Measure { seconds: number; peakMiB: number }

/** One client process, timed, with its peak RSS; a non-zero exit fails the bench (its output is shown). */
function timed(command: string, args: string[], env: Record<string, string>, scratch: string): Promise<Measure> {
  const rssFile = join(scratch, `rss-${randomBytes(4).toString('hex')}`);
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(TIME, ['-f', '%M', '-o', rssFile, command, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', fail);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return fail(new Error(`${command} exited ${code}:\n${stderr}`));
      const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
      done({ seconds, peakMiB: kib / 1024 });
    });
  });
}

/** One sync run of `client`; `scratch` holds its state (Werkplek's journal) and the RSS record. */
function sync(client: Client, server: SabreDavHandle, local: string, scratch: string): Promise<Measure> {
  mkdirSync(scratch, { recursive: true });
  if (client === 'werkplek') {
    return timed(cliCommand[0]!, [...cliCommand.slice(1), 'sync', '--server', server.origin, '--user', server.user, '--password-env', 'WERKPLEK_PEER_PW', '--state-dir', join(scratch, 'werkplek-state'), local],
      { WERKPLEK_PEER_PW: server.password }, scratch);
  }
  // nextcloudcmd keeps its journal (.sync_*.db) inside the local folder; -s: no debug log on stderr.
  return timed(NEXTCLOUDCMD, ['--non-interactive', '-s', '-u', server.user, '-p', server.password, local, server.origin], {}, scratch);
}

/** The small tree: each file its own random bytes (the same for both clients in a round). */
function smallTree(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (let d = 0; d < FOLDERS; d++) for (let f = 0; f < PER_FOLDER; f++) files.set(`folder-${String(d).padStart(3, '0')}/file-${f}.bin`, randomBytes(SMALL));
  return files;
}

function writeTree(root: string, files: Map<string, Buffer>): void {
  for (let d = 0; d < FOLDERS; d++) mkdirSync(join(root, `folder-${String(d).padStart(3, '0')}`), { recursive: true });
  for (const [name, data] of files) writeFileSync(join(root, name), data);
}

/** Byte for byte: every file there with its bytes, and nothing else but the clients' own journal files. */
function verifyTree(root: string, files: Map<string, Buffer>, what: string): void {
  for (const [name, data] of files) {
    if (!readFileSync(join(root, name)).equals(data)) throw new Error(`${what}: ${name} differs`);
  }
  const count = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.sync_') && !e.name.startsWith('.sync-') && e.name !== '.owncloudsync.log').length;
  if (count !== files.size) throw new Error(`${what}: ${count} files where ${files.size} were expected`);
}

const sha1 = async (path: string): Promise<string> => {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * MiB })) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

interface Samples { [figure: string]: Partial<Record<Client, number[]>> }

export async function run(): Promise<BenchRow[]> {
  if (!sabreDavServer.available) return [{ name: 'peer benchmark', value: NaN, unit: 's', note: `not run: ${sabreDavServer.reason}` }];
  const peer = peerWanted && existsSync(NEXTCLOUDCMD);
  const clients: Client[] = peer ? ['werkplek', 'nextcloudcmd'] : ['werkplek'];
  const work = mkdtempSync(join(tmpdir(), 'werkplek-peer-'));
  const samples: Samples = {};
  const peaks: Record<Client, number> = { werkplek: 0, nextcloudcmd: 0 };
  const rss: Samples = {};
  const note = (figure: string, client: Client, m: Measure): void => {
    ((samples[figure] ??= {})[client] ??= []).push(m.seconds);
    ((rss[figure] ??= {})[client] ??= []).push(m.peakMiB);
    peaks[client] = Math.max(peaks[client], m.peakMiB);
    console.error(`  [peer] ${client}, ${figure}: ${m.seconds.toFixed(2)} s, peak RSS ${m.peakMiB.toFixed(0)} MiB`);
  };
  const raw: Record<'put' | 'get' | 'smallUp' | 'bulkUp' | 'noChange' | 'smallDown', number[]> = { put: [], get: [], smallUp: [], bulkUp: [], noChange: [], smallDown: [] };
  const startup: Partial<Record<Client, number[]>> = {};
  const big = join(work, 'big.bin');
  try {
    const fd = openSync(big, 'w');
    const block = Buffer.allocUnsafe(8 * MiB);
    for (let at = 0; at < BIG; at += block.length) writeSync(fd, randomFillSync(block));
    closeSync(fd);
    const bigSum = await sha1(big);
    const fresh = async (bulk: boolean): Promise<SabreDavHandle> => startSabreDav({ announceBulkUpload: bulk });
    const small = async (client: Client, bulk: boolean, files: Map<string, Buffer>): Promise<void> => {
      const server = await fresh(bulk);
      const scratch = mkdtempSync(join(work, `${client}-`));
      try {
        const local = join(scratch, 'local');
        writeTree(local, files);
        // The data exists before the measurement starts: files written within the last 500 ms
        // would make Werkplek wait until they are that old (a copy may still be going on).
        await sleep(FILE_AGE_MS);
        note(`small up${bulk ? ' (bulk upload announced)' : ''}`, client, await sync(client, server, local, scratch));
        verifyTree(server.dataDir, files, `${client} small up`);
        note(`no change${bulk ? ' (after a bulk upload)' : ''}`, client, await sync(client, server, local, scratch));
        verifyTree(server.dataDir, files, `${client} no change`);
        if (!bulk) {
          const down = join(scratch, 'down');
          mkdirSync(down);
          note('small down', client, await sync(client, server, down, join(scratch, 'down-state')));
          verifyTree(down, files, `${client} small down`);
        }
      } finally {
        await server.stop();
        rmSync(scratch, { recursive: true, force: true });
      }
    };
    const large = async (client: Client): Promise<void> => {
      const server = await fresh(false);
      const scratch = mkdtempSync(join(work, `${client}-big-`));
      try {
        const local = join(scratch, 'local');
        mkdirSync(local);
        linkSync(big, join(local, 'big.bin')); // read only by the client: a link, not a copy
        note('512 MiB up', client, await sync(client, server, local, scratch));
        if ((await sha1(join(server.dataDir, 'big.bin'))) !== bigSum) throw new Error(`${client} 512 MiB up: the server's copy differs`);
        const down = join(scratch, 'down');
        mkdirSync(down);
        note('512 MiB down', client, await sync(client, server, down, join(scratch, 'down-state')));
        if ((await sha1(join(down, 'big.bin'))) !== bigSum) throw new Error(`${client} 512 MiB down: the local copy differs`);
      } finally {
        await server.stop();
        rmSync(scratch, { recursive: true, force: true });
      }
    };
    /** The physical limit: one streaming PUT and one GET of the same file to the same server. */
    const physical = async (): Promise<void> => {
      const server = await fresh(false);
      try {
        const client = new RawClient(server, 1);
        let t = performance.now();
        const status = await client.request('PUT', 'raw.bin', { stream: createReadStream(big, { highWaterMark: MiB }), length: BIG });
        raw.put.push((performance.now() - t) / 1000);
        if (status !== 201 && status !== 204) throw new Error(`raw PUT answered ${status}`);
        if ((await sha1(join(server.dataDir, 'raw.bin'))) !== bigSum) throw new Error('raw PUT: the server\'s copy differs');
        const sink = join(work, 'raw-down.bin');
        t = performance.now();
        await client.request('GET', 'raw.bin', undefined, createWriteStream(sink));
        raw.get.push((performance.now() - t) / 1000);
        if (statSync(sink).size !== BIG) throw new Error('raw GET: short');
        rmSync(sink);
        client.agent.destroy();
        console.error(`  [peer] raw PUT ${raw.put.at(-1)!.toFixed(2)} s, GET ${raw.get.at(-1)!.toFixed(2)} s`);
      } finally {
        await server.stop();
      }
    };
    /** The small-file work by the bare client (peer-raw-limits.ts), checked like the clients' work. */
    const physicalSmall = async (bulk: boolean, files: Map<string, Buffer>): Promise<void> => {
      const server = await fresh(bulk);
      const down = mkdtempSync(join(work, 'raw-down-'));
      try {
        raw[bulk ? 'bulkUp' : 'smallUp'].push(await rawSmallUp(server, files, bulk));
        verifyTree(server.dataDir, files, `raw small up${bulk ? ' (bulk)' : ''}`);
        raw.noChange.push(await rawNoChange(server));
        if (!bulk) {
          raw.smallDown.push(await rawSmallDown(server, files, down));
          verifyTree(down, files, 'raw small down');
        }
        console.error(`  [peer] raw small${bulk ? ' (bulk)' : ''}: up ${raw[bulk ? 'bulkUp' : 'smallUp'].at(-1)!.toFixed(2)} s, no change ${raw.noChange.at(-1)!.toFixed(3)} s${bulk ? '' : `, down ${raw.smallDown.at(-1)!.toFixed(2)} s`}`);
      } finally {
        await server.stop();
        rmSync(down, { recursive: true, force: true });
      }
    };
    /** A client started to print its help (Werkplek) or version (nextcloudcmd) and exit: the start-up in every figure. */
    const startUp = async (client: Client): Promise<void> => {
      const scratch = mkdtempSync(join(work, `${client}-start-`));
      try {
        const m = client === 'werkplek' ? await timed(cliCommand[0]!, [...cliCommand.slice(1), 'sync', '--help'], {}, scratch) : await timed(NEXTCLOUDCMD, ['--version'], {}, scratch);
        (startup[client] ??= []).push(m.seconds);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    };
    // Interleaved figure by figure (the machine's speed moves within minutes); who goes first flips each round.
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? clients : [...clients].reverse();
      const files = smallTree();
      for (const client of order) await startUp(client);
      for (const bulk of [false, true]) {
        for (const client of order) await small(client, bulk, files);
        await physicalSmall(bulk, files);
      }
      await physical();
      for (const client of order) await large(client);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const rows: BenchRow[] = [];
  const n = `median of ${rounds}`;
  // The raw limit of each figure's work (the same work by a bare client, no start-up).
  const rawOf = (figure: string): number[] => figure.startsWith('512 MiB up') ? raw.put : figure.startsWith('512 MiB down') ? raw.get
    : figure.startsWith('no change') ? raw.noChange : figure === 'small down' ? raw.smallDown : figure.includes('bulk') ? raw.bulkUp : raw.smallUp;
  const reach = (theirs: number | undefined, limit: number): string => theirs === undefined ? `raw limit ${limit.toFixed(3)} s`
    : `raw limit ${limit.toFixed(3)} s: half of nextcloudcmd's time (${(theirs / 2).toFixed(3)} s) is ${theirs / 2 > limit ? `above it, ${(theirs / 2 / limit).toFixed(2)}× the raw limit` : 'BELOW it: out of reach for any client on this server'}`;
  for (const [figure, by] of Object.entries(samples)) {
    const ours = median(by.werkplek!);
    const theirs = by.nextcloudcmd ? median(by.nextcloudcmd) : undefined;
    const mem = (c: Client): string => `${Math.max(...rss[figure]![c]!).toFixed(0)} MiB`;
    const all = `werkplek ${by.werkplek!.map((x) => x.toFixed(2)).join('/')} s, peak ${mem('werkplek')}${by.nextcloudcmd ? `; nextcloudcmd ${by.nextcloudcmd.map((x) => x.toFixed(2)).join('/')} s, peak ${mem('nextcloudcmd')}` : ''}`;
    rows.push({
      name: `peer: ${figure}, Werkplek CLI (limit column: nextcloudcmd ${peer ? '3.7, same server' : peerWanted ? 'not installed' : 'not run'})`,
      value: ours, unit: 's', ...(theirs !== undefined ? { limit: theirs, target: '≤ 0.5× nextcloudcmd', ok: ours <= 0.5 * theirs } : {}),
      note: `${peer ? `${n}; ${all}` : `${n}; nextcloudcmd ${peerWanted ? `is not installed (${NEXTCLOUDCMD})` : 'not run (WERKPLEK_PEER_ONLY)'}: no peer figure. ${all}`}; ${reach(theirs, median(rawOf(figure)))}`,
    });
  }
  const rawPut = median(raw.put);
  const up = median(samples['512 MiB up']!.werkplek!);
  rows.push({ name: 'raw: one streaming PUT of the 512 MiB file to the same server (physical limit)', value: rawPut, unit: 's', note: `${n}; ${raw.put.map((x) => x.toFixed(2)).join('/')} s` });
  rows.push({ name: 'raw: one GET of it', value: median(raw.get), unit: 's', note: `${n}; ${raw.get.map((x) => x.toFixed(2)).join('/')} s` });
  const rawRow = (name: string, values: number[]): BenchRow => ({ name, value: median(values), unit: 's', note: `${n}; ${values.map((x) => x.toFixed(3)).join('/')} s` });
  rows.push(rawRow('raw: the small tree up, MKCOL each folder and PUT each file (6 at once), bare client', raw.smallUp));
  rows.push(rawRow('raw: the small tree up by bulk upload, MKCOL each folder and POST 100 files at a time (3 at once), bare client', raw.bulkUp));
  rows.push(rawRow('raw: one PROPFIND Depth 1 of the root (the least a run with nothing changed asks)', raw.noChange));
  rows.push(rawRow('raw: the small tree down, GET each file (6 at once), bare client', raw.smallDown));
  for (const client of clients) if (startup[client]) rows.push(rawRow(`start-up: ${client} started to print its ${client === 'werkplek' ? 'help' : 'version'}, part of every figure`, startup[client]!));
  rows.push({ name: 'peer: 512 MiB up, Werkplek CLI throughput vs the raw PUT', value: rawPut / up, unit: '× raw throughput', target: '≥ 0.8', ok: rawPut / up >= 0.8, note: `CLI ${up.toFixed(2)} s (start-up included) vs raw ${rawPut.toFixed(2)} s` });
  rows.push({
    name: `peer: peak RSS of the client process, highest over its runs (limit column: nextcloudcmd${peer ? '' : peerWanted ? ' not installed' : ' not run'})`,
    value: peaks.werkplek, unit: 'MiB', ...(peer ? { limit: peaks.nextcloudcmd } : {}), target: '≤ 150 MiB', ok: peaks.werkplek <= 150,
  });
  return rows;
}
