// `werkplek notify`: signs in to Matrix as its own short-lived device, syncs, and prints one line
// per notification decision (room, sender, rule, notified or why not, decrypted / waiting for a key /
// unreadable and why, the text shown) until stopped — for IT staff answering "why did I not get a
// notification?". Standard output carries only those lines; everything else goes to standard error.
// Signs out (deleting that device and its keys) on exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MatrixService } from '../core/matrix/matrix-service.ts';
import { MemoryKeyring } from '../core/secrets/keyring.ts';
import type { DecisionRecord } from '../core/matrix/notifier.ts';
import type { ContentLevel } from '../core/matrix/notification-text.ts';
import { stderr, stdout } from './terminal-text.ts';

const usage = `Usage: werkplek notify --homeserver URL --user NAME [--password-env VAR] [--json]
                       [--content full|sender|none] [--for SECONDS] [--key-wait SECONDS]

Signs in as a separate device ("Werkplek notify diagnostics"), syncs, and prints one line per
notification decision until Ctrl+C (or --for SECONDS). The first sync (history) is not notified;
send a test message to see a decision. The device is signed out on exit.
Encrypted messages are decrypted with this device's own keys (senders share them with it as with any
new, unverified device); each line says e2e=none|decrypted|waiting-for-key|undecryptable and, when
unreadable, why (no-key, withheld, unverified-device, untrusted-sender, error). A message waiting for
its key gets a second line when the key comes or the wait ends.

  --homeserver URL     the Matrix homeserver (https://…; http only on loopback)
  --user NAME          user name or full Matrix ID (@name:server)
  --password-env VAR   environment variable that holds the password (default WERKPLEK_MATRIX_PASSWORD)
  --json               one JSON object per line instead of text
  --content LEVEL      what a notification would show: full, sender or none (default full)
  --for SECONDS        stop after this many seconds
  --key-wait SECONDS   how long an encrypted message waits for a late room key (default 10)
`;

function printDecision(d: DecisionRecord, json: boolean): void {
  const at = new Date().toISOString();
  if (json) return stdout.json({ at, ...d });
  const verdict = d.notified ? 'NOTIFY' : `skip (${d.reason})`;
  const e2e = d.e2eReason ? `${d.e2e}(${d.e2eReason})` : d.e2e;
  stdout.line(`${at}  ${verdict.padEnd(24)} room=${d.roomId} "${d.roomName}"  sender=${d.sender}  rule=${d.ruleId ?? 'none'}  e2e=${e2e}  event=${d.eventId}  phase=${d.phase}  text="${d.title}: ${d.body}"`);
}

export async function runNotifyCommand(argv: string[], options: { exitWhenDone?: boolean } = {}): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        homeserver: { type: 'string' },
        user: { type: 'string' },
        'password-env': { type: 'string', default: 'WERKPLEK_MATRIX_PASSWORD' },
        json: { type: 'boolean', default: false },
        content: { type: 'string', default: 'full' },
        for: { type: 'string' },
        'key-wait': { type: 'string', default: '10' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    stderr.line(`werkplek notify: ${error instanceof Error ? error.message : String(error)}`, '');
    stderr.ownText(usage);
    return 2;
  }
  if (values.help) {
    stdout.ownText(usage);
    return 0;
  }
  const homeserver = values.homeserver as string | undefined;
  const user = values.user as string | undefined;
  const passwordEnv = values['password-env'] as string;
  const content = values.content as string;
  const seconds = values.for === undefined ? null : Number(values.for);
  const problems: string[] = [];
  if (!homeserver) problems.push('--homeserver is required');
  if (!user) problems.push('--user is required');
  if (!['full', 'sender', 'none'].includes(content)) problems.push('--content must be full, sender or none');
  if (seconds !== null && !(seconds > 0)) problems.push('--for must be a number of seconds greater than 0');
  const keyWait = Number(values['key-wait']);
  if (!(keyWait >= 0 && keyWait <= 600)) problems.push('--key-wait must be a number of seconds from 0 to 600');
  const password = process.env[passwordEnv];
  if (!password) problems.push(`set the password in the environment variable ${passwordEnv} (or name another with --password-env)`);
  if (problems.length) {
    stderr.line(`werkplek notify: ${problems.join('; ')}`, '');
    stderr.ownText(usage);
    return 2;
  }

  const json = values.json === true;
  const dataDir = mkdtempSync(join(tmpdir(), 'werkplek-notify-'));
  const err = (line: string) => stderr.line(line);
  const service = new MatrixService({
    keyring: new MemoryKeyring(),
    dataDir,
    deviceName: 'Werkplek notify diagnostics',
    keyWaitMs: keyWait * 1000,
    log: { info: (m) => err(m), warn: (m) => err(`warning: ${m}`), error: (m, d) => err(`error: ${m} ${d === undefined ? '' : String(d)}`) },
    openExternal: async () => {},
    settings: () => ({ homeserver: homeserver!, content: content as ContentLevel, sound: true, doNotDisturb: false, dndSchedule: { enabled: false, days: [], start: '00:00', end: '00:00' }, locale: 'en' }),
    output: {
      status: (s) => err(`status: ${s.state}${s.message ? ` (${s.message})` : ''}`),
      decision: (d) => printDecision(d, json),
      notification: (n) => {
        if (!json) err(`  → ${n.kind}: "${n.title}" — "${n.body}"${n.sound ? ' (sound)' : ''}`);
      },
      withdraw: () => {},
      unread: () => {},
    },
  });

  let exitCode = 0;
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (seconds !== null) setTimeout(stop, seconds * 1000).unref();
  });
  try {
    await service.signInWithPassword(homeserver!, user!, password!);
    const failed = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (service.status().state === 'needs-sign-in') {
          exitCode = 1;
          clearInterval(timer);
          resolve();
        }
      }, 500);
      void stopped.then(() => clearInterval(timer));
    });
    await Promise.race([stopped, failed]);
  } catch (error) {
    err(`werkplek notify: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  } finally {
    await service.signOut();
    rmSync(dataDir, { recursive: true, force: true });
    // matrix-js-sdk leaves timers behind after stopClient() (request timeouts, capability polls of up
    // to 6 h); once we are done, they must not keep the command alive. Unref'd: a clean loop exits first.
    if (options.exitWhenDone !== false) setTimeout(() => process.exit(), 1000).unref();
  }
  return exitCode;
}
