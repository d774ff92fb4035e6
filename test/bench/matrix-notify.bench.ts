// Matrix notifier benchmarks on loopback against the test homeserver:
// 1. message → notification decision latency (p50, p95 over 200 messages sent by a second client),
//    with the physical limit measured in the same run: a raw fetch long-poll seeing the same message.
// 2. catch-up of 200 rooms × 20 events after being offline: one summary; time and peak RSS of the
//    notifier's own process, against the raw fetch + JSON parse of that same catch-up /sync.
// 3. encrypted: a real matrix-js-sdk client with Rust crypto sends Megolm messages in a DM; the time
//    from the homeserver accepting each one to the notifier's decision on its decrypted text, and the
//    notifier process's peak RSS with crypto loaded.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Homeserver } from '../fixtures/homeserver/homeserver.ts';
import { PlainClient } from '../fixtures/homeserver/plain-client.ts';
import { waitFor } from '../integration/matrix/harness.ts';
import { build } from 'esbuild';
import { notifierExecArgv } from '../../electron/core/matrix/process-flags.ts';

import type { BenchRow } from './bench-types.ts';

type BenchResult = BenchRow;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;

const clock = () => performance.timeOrigin + performance.now();

async function latency(bundle: string, messages: number): Promise<BenchResult[]> {
  const hs = await Homeserver.start();
  const alice = hs.addUser('alice', 'alice-pw', 'Alice');
  hs.addUser('bob', 'bob-pw', 'Bob');
  const bob = await PlainClient.login(hs.url, 'bob', 'bob-pw');
  const roomId = await bob.createRoom({ invite: [alice], isDirect: true });
  await (await PlainClient.login(hs.url, 'alice', 'alice-pw')).join(roomId);
  const dataDir = mkdtempSync(join(tmpdir(), 'werkplek-bench-'));

  // The notifier in its own process; decisions come back as timestamped lines. The physical limit
  // the same way: a bare fetch /sync long-poll in its own process, seeing the same sends.
  const notifier = await timeSends(bundle, 'latency', hs.url, dataDir, messages, (i) => bob.sendText(roomId, `message ${i}`));
  const rawTimes = await timeSends(bundle, 'raw', hs.url, dataDir, messages, (i) => bob.sendText(roomId, `raw ${i}`));
  await hs.close();
  rmSync(dataDir, { recursive: true, force: true });
  const p50 = round(quantile(notifier, 0.5));
  const note = `${messages} messages one after another from a second client; limit = a bare fetch /sync long-poll (own process, no SDK) seeing the same sends`;
  return [
    { name: `matrix: message → notification decision, p50 of ${messages}`, value: p50, unit: 'ms', limit: round(quantile(rawTimes, 0.5)), target: '≤ 200 ms', ok: p50 <= 200, note },
    { name: `matrix: message → notification decision, p95 of ${messages}`, value: round(quantile(notifier, 0.95)), unit: 'ms', limit: round(quantile(rawTimes, 0.95)) },
  ];
}

/** Sends `count` messages one after another; for each, the time until the child process reports it (from `startOf`, default the send). */
async function timeSends(bundle: string, mode: 'latency' | 'raw', url: string, dataDir: string, count: number, send: (i: number) => Promise<string>, startOf: (eventId: string, sentAt: number) => number = (_id, sentAt) => sentAt, last: { maxRssKb: number; e2e: string[] } = { maxRssKb: 0, e2e: [] }): Promise<number[]> {
  const proc = spawn(process.execPath, [...notifierExecArgv, bundle, mode, url, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const seen = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  createInterface({ input: proc.stdout }).on('line', (line) => {
    const msg = JSON.parse(line) as { kind: string; eventId?: string; at?: number; maxRssKb?: number; e2e?: string };
    if (msg.kind === 'ready') onReady();
    if (msg.kind === 'decision' && msg.eventId) {
      seen.set(msg.eventId, msg.at!);
      last.maxRssKb = Math.max(last.maxRssKb, msg.maxRssKb ?? 0);
      if (msg.e2e) last.e2e.push(msg.e2e);
      waiters.get(msg.eventId)?.();
    }
  });
  await ready;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const sentAt = clock();
    const eventId = await send(i);
    if (!seen.has(eventId)) await new Promise<void>((r) => waiters.set(eventId, r));
    times.push(seen.get(eventId)! - startOf(eventId, sentAt));
  }
  proc.kill('SIGTERM');
  return times;
}

/** The child bundled as the product bundles its Node side (esbuild, npm packages external). */
async function bundleChild(dir: string): Promise<string> {
  const outfile = join(dir, 'matrix-bench-child.mjs');
  await build({ entryPoints: [resolve(import.meta.dirname, 'matrix-catchup-child.ts')], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node24', logLevel: 'error' });
  return outfile;
}

function runChild(child: string, args: string[], env: Record<string, string> = {}, execArgv: readonly string[] = notifierExecArgv): Promise<Record<string, unknown>> {
  return new Promise((resolveRun, reject) => {
    const proc = spawn(process.execPath, [...execArgv, child, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let last: Record<string, unknown> | null = null;
    createInterface({ input: proc.stdout }).on('line', (line) => (last = JSON.parse(line) as Record<string, unknown>));
    proc.on('exit', (code) => (last && code === 0 ? resolveRun(last) : reject(new Error(`bench child ${args[0]} exited ${code}: ${JSON.stringify(last)}`))));
  });
}

async function catchUp(bundle: string, rooms: number, perRoom: number): Promise<BenchResult[]> {
  const hs = await Homeserver.start();
  const alice = hs.addUser('alice', 'alice-pw', 'Alice');
  const bobId = hs.addUser('bob', 'bob-pw', 'Bob');
  const model = hs.model;
  // The rooms exist before the notifier first syncs; the server's own storage is seeded directly.
  const roomList = Array.from({ length: rooms }, (_, i) => {
    const room = model.newRoom();
    model.append(room, { type: 'm.room.create', sender: bobId, state_key: '', content: { creator: bobId, room_version: '10' } });
    model.append(room, { type: 'm.room.member', sender: bobId, state_key: bobId, content: { membership: 'join', displayname: 'Bob' } });
    model.append(room, { type: 'm.room.name', sender: bobId, state_key: '', content: { name: `Room ${i}` } });
    model.append(room, { type: 'm.room.member', sender: alice, state_key: alice, content: { membership: 'join', displayname: 'Alice' } });
    return room;
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'werkplek-bench-'));
  const primed = await runChild(bundle, ['prime', hs.url, dataDir]);
  for (let e = 0; e < perRoom; e++) for (const room of roomList) model.append(room, { type: 'm.room.message', sender: bobId, content: { msgtype: 'm.text', body: `while away ${e}` } });

  // The same catch-up twice from the same saved position: with V8's default flags, then with the
  // notifier process's own flags (process-flags.ts), which is how the app runs it.
  const saved = join(dataDir, 'matrix', 'sync-state.json');
  const pristine = readFileSync(saved);
  const env = { WERKPLEK_BENCH_CREDENTIALS: String(primed.credentials), WERKPLEK_BENCH_CRYPTO_KEY: String(primed.cryptoKey) };
  const defaults = await runChild(bundle, ['catchup', hs.url, dataDir], env, []);
  writeFileSync(saved, pristine);
  const result = await runChild(bundle, ['catchup', hs.url, dataDir], env);
  // And once without crypto, to show its share of the time and memory.
  writeFileSync(saved, pristine);
  const plain = await runChild(bundle, ['catchup', hs.url, dataDir], { ...env, WERKPLEK_BENCH_NO_CRYPTO: '1' });
  if (process.env.WERKPLEK_BENCH_DEBUG) console.log(defaults, result);

  // The physical limit: fetching and parsing that same catch-up sync with a bare fetch.
  const credentials = JSON.parse(String(primed.credentials)) as { accessToken: string };
  const session = model.sessions.get(credentials.accessToken);
  let rawMs = NaN;
  if (session) {
    const since = `s${roomList[rooms - 1]!.events[3]!.pos}`;
    const t0 = performance.now();
    const res = await fetch(`${hs.url}/_matrix/client/v3/sync?since=${since}&timeout=0&filter=${encodeURIComponent(JSON.stringify({ room: { timeline: { limit: 10 }, state: { lazy_load_members: true } } }))}`, { headers: { authorization: `Bearer ${credentials.accessToken}` } });
    await res.json();
    rawMs = performance.now() - t0;
  }
  await hs.close();
  rmSync(dataDir, { recursive: true, force: true });
  const what = `catch-up of ${rooms} rooms × ${perRoom} events`;
  const elapsed = round(Number(result.elapsedMs));
  const rss = round(Number(result.maxRssKb) / 1024);
  return [
    { name: `matrix: ${what} → summary notifications`, value: Number(result.summaries), unit: 'count', target: '= 1', ok: Number(result.summaries) === 1, note: String(result.body) },
    { name: `matrix: ${what}, process start → summary`, value: elapsed, unit: 'ms', limit: round(rawMs), target: '≤ 2000 ms', ok: elapsed <= 2000, note: 'limit = a bare fetch + JSON.parse of the same catch-up /sync; the notifier also starts the SDK (versions, push rules, filter) and loads the saved sync' },
    { name: `matrix: ${what}, peak RSS`, value: rss, unit: 'MB', target: '≤ 150 MB', ok: rss <= 150, note: `notifier process bundled like the app, V8 flags ${notifierExecArgv.join(' ')} (process-flags.ts)` },
    { name: `matrix: ${what}, process start → summary, without crypto`, value: round(Number(plain.elapsedMs)), unit: 'ms', note: `peak RSS ${round(Number(plain.maxRssKb) / 1024)} MB; for comparison: the cost of loading end-to-end encryption` },
    { name: `matrix: ${what}, peak RSS with default V8 flags`, value: round(Number(defaults.maxRssKb) / 1024), unit: 'MB', note: 'for comparison: why the notifier process gets its own flags' },
  ];
}
/** bob's Element in its own process (matrix-sender-child.ts): one command, one answer. */
async function startSender(url: string): Promise<{ ask(command: Record<string, unknown>): Promise<{ eventId?: string }>; stop(): void }> {
  const proc = spawn(process.execPath, [resolve(import.meta.dirname, 'matrix-sender-child.ts'), url], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answers: Array<(line: { ok: boolean; eventId?: string; error?: string }) => void> = [];
  let ready: () => void = () => {};
  const started = new Promise<void>((r) => (ready = r));
  createInterface({ input: proc.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as { ok: boolean; ready?: boolean; eventId?: string; error?: string };
    if (answer.ready) ready();
    else answers.shift()?.(answer);
  });
  await started;
  return {
    ask: (command) =>
      new Promise((resolveAsk, reject) => {
        answers.push((a) => (a.ok ? resolveAsk(a) : reject(new Error(a.error))));
        proc.stdin.write(`${JSON.stringify(command)}\n`);
      }),
    stop: () => proc.stdin.end(),
  };
}

async function encryptedLatency(bundle: string, messages: number): Promise<BenchResult[]> {
  const hs = await Homeserver.start();
  const alice = hs.addUser('alice', 'alice-pw', 'Alice');
  hs.addUser('bob', 'bob-pw', 'Bob');
  const bobPlain = await PlainClient.login(hs.url, 'bob', 'bob-pw');
  const roomId = await bobPlain.createRoom({ invite: [alice], isDirect: true, encrypted: true });
  await (await PlainClient.login(hs.url, 'alice', 'alice-pw')).join(roomId);
  const bob = await startSender(hs.url);
  await bob.ask({ cmd: 'join', roomId, userIds: [alice] });
  // When the homeserver accepted each encrypted event (its append to the room), in this process's clock.
  const accepted = new Map<string, number>();
  const append = hs.model.append.bind(hs.model);
  hs.model.append = (room, fields) => {
    const event = append(room, fields);
    accepted.set(event.event_id, clock());
    return event;
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'werkplek-bench-'));
  const seen = { maxRssKb: 0, e2e: [] as string[] };
  const withKeys = () => [...hs.model.e2e.user(alice).devices].filter(([, d]) => d.keys.keys).map(([id]) => id);
  // Before the first message, bob's client must know the notifier's new device (else it gets no key).
  const send = async (i: number) => {
    if (i === 0) await bob.ask({ cmd: 'knows', userId: alice, deviceIds: await waitFor("the notifier's device keys", () => withKeys().length && withKeys()) });
    return (await bob.ask({ cmd: 'send', roomId, body: `encrypted ${i}` })).eventId!;
  };
  const times = await timeSends(bundle, 'latency', hs.url, dataDir, messages, send, (eventId, sentAt) => accepted.get(eventId) ?? sentAt, seen);
  bob.stop();
  await hs.close();
  rmSync(dataDir, { recursive: true, force: true });
  const decrypted = seen.e2e.filter((e) => e === 'decrypted').length;
  if (process.env.WERKPLEK_BENCH_DEBUG) console.log(seen.e2e.join(' '), times.map(Math.round).join(' '));
  const p50 = round(quantile(times, 0.5));
  const rss = round(seen.maxRssKb / 1024);
  const note = `${messages} Megolm messages from a second matrix-js-sdk client with Rust crypto (own process), one after another; ${decrypted}/${messages} decided as decrypted; timed from the homeserver accepting the event`;
  return [
    { name: `matrix: encrypted message accepted → decision on its decrypted text, p50 of ${messages}`, value: p50, unit: 'ms', target: '≤ 100 ms', ok: p50 <= 100 && decrypted === messages, note },
    { name: `matrix: encrypted message accepted → decision, p95 of ${messages}`, value: round(quantile(times, 0.95)), unit: 'ms' },
    { name: 'matrix: notifier process peak RSS with crypto loaded (after the encrypted run)', value: rss, unit: 'MB', target: '≤ 200 MB', ok: rss <= 200, note: `bundled like the app, V8 flags ${notifierExecArgv.join(' ')}` },
  ];
}

export async function run(): Promise<BenchResult[]> {
  // Bundled inside the repository, so the child resolves matrix-js-sdk from node_modules.
  const dir = mkdtempSync(join(resolve(import.meta.dirname, '../..'), 'node_modules/.werkplek-bench-'));
  try {
    const bundle = await bundleChild(dir);
    // WERKPLEK_BENCH_ONLY=latency|encrypted|catchup runs one part (when re-measuring one figure).
    const only = process.env.WERKPLEK_BENCH_ONLY;
    const rows: BenchResult[] = [];
    if (!only || only === 'latency') rows.push(...(await latency(bundle, 200)));
    if (!only || only === 'encrypted') rows.push(...(await encryptedLatency(bundle, 100)));
    if (!only || only === 'catchup') rows.push(...(await catchUp(bundle, 200, 20)));
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
