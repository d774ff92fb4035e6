// Child process of matrix-notify.bench.ts (bundled with esbuild like the product), so its timings
// and peak RSS are the notifier's alone.
// `prime`: sign in, finish the first sync, save the position, print the credentials, exit.
// `catchup`: resume those credentials from dataDir, print when the catch-up summary appears, exit.
// `latency`: sign in, print `ready`, then one line per final decision (not "waiting for a key") with
// its time, e2e state and the process's peak RSS, until killed.
// `raw`: the physical limit for `latency`: a bare fetch /sync long-poll (no SDK), one line per event.
import { MatrixService } from '../../electron/core/matrix/matrix-service.ts';
import { MemoryKeyring } from '../../electron/core/secrets/keyring.ts';

const [mode, homeserver, dataDir] = process.argv.slice(2);
if (!mode || !homeserver || !dataDir) throw new Error('usage: matrix-catchup-child.ts prime|catchup|latency HOMESERVER DATADIR');
const clock = () => performance.timeOrigin + performance.now();

const keyring = new MemoryKeyring();
const started = performance.now();
let summaries = 0;
let messages = 0;
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const service = new MatrixService({
  keyring,
  dataDir,
  deviceName: 'bench',
  endToEnd: process.env.WERKPLEK_BENCH_NO_CRYPTO !== '1',
  log: { info: () => {}, warn: () => {}, error: (m) => process.stderr.write(`${m}\n`) },
  openExternal: async () => {},
  settings: () => ({ homeserver, content: 'full', sound: true, doNotDisturb: false, dndSchedule: { enabled: false, days: [], start: '00:00', end: '00:00' }, locale: 'en' }),
  output: {
    status: (s) => {
      if (mode === 'prime' && s.state === 'syncing') void finishPrime();
      if (mode === 'latency' && s.state === 'syncing' && !ready) {
        ready = true;
        print({ kind: 'ready' });
      }
    },
    decision: (d) => {
      if (mode === 'latency' && d.e2e !== 'waiting-for-key') print({ kind: 'decision', eventId: d.eventId, at: clock(), e2e: d.e2e, maxRssKb: process.resourceUsage().maxRSS });
    },
    notification: (n) => {
      if (n.kind === 'summary') {
        summaries++;
        print({ kind: 'summary', body: n.body, elapsedMs: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS, summaries, messages, memory: process.memoryUsage() });
        void service.dispose().then(() => process.exit(0));
      } else messages++;
    },
    withdraw: () => {},
    unread: () => {},
  },
});

let primed = false;
let ready = false;
async function finishPrime() {
  if (primed) return;
  primed = true;
  const credentials = await keyring.get('matrix.session');
  await service.dispose();
  // The crypto store's key too: without it the saved device keys cannot be opened (a lost store).
  print({ kind: 'primed', credentials, cryptoKey: await keyring.get('matrix.crypto-store-key') });
  process.exit(0);
}

async function rawPoll(): Promise<never> {
  const login = (await (await fetch(`${homeserver}/_matrix/client/v3/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: 'alice' }, password: 'alice-pw' }) })).json()) as { access_token: string };
  const get = async (query: string) => (await (await fetch(`${homeserver}/_matrix/client/v3/sync?${query}`, { headers: { authorization: `Bearer ${login.access_token}` } })).json()) as { next_batch: string; rooms?: { join?: Record<string, { timeline: { events: Array<{ event_id: string }> } }> } };
  let since = (await get('timeout=0')).next_batch;
  print({ kind: 'ready' });
  for (;;) {
    const response = await get(`timeout=30000&since=${since}`);
    const at = clock();
    since = response.next_batch;
    for (const room of Object.values(response.rooms?.join ?? {})) for (const event of room.timeline.events) print({ kind: 'decision', eventId: event.event_id, at });
  }
}

if (mode === 'raw') {
  await rawPoll();
} else if (mode === 'prime' || mode === 'latency') {
  await service.signInWithPassword(homeserver, 'alice', 'alice-pw');
} else {
  await keyring.set('matrix.session', process.env.WERKPLEK_BENCH_CREDENTIALS ?? '');
  if (process.env.WERKPLEK_BENCH_CRYPTO_KEY) await keyring.set('matrix.crypto-store-key', process.env.WERKPLEK_BENCH_CRYPTO_KEY);
  await service.restore();
}
if (mode !== 'latency' && mode !== 'raw') setTimeout(() => {
  print({ kind: 'timeout', elapsedMs: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS, summaries, messages });
  process.exit(1);
}, 120_000).unref();
