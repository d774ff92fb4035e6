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
import { uiLanguage } from '../core/config/ui-language.ts';
import { stderr, stdout } from './terminal-text.ts';
import { argumentProblem, technical } from './cli-texts.ts';
import { decisionLine, notifyTexts, signInProblem, type NotifyTexts } from './notify-texts.ts';

function printDecision(say: NotifyTexts, d: DecisionRecord, json: boolean): void {
  const at = new Date().toISOString();
  if (json) return stdout.json({ at, ...d });
  stdout.line(decisionLine(say, at, d));
}

export async function runNotifyCommand(argv: string[], options: { exitWhenDone?: boolean } = {}): Promise<number> {
  const language = uiLanguage(process.env);
  const say = notifyTexts[language];
  const usage = say.usage;
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
    stderr.line(`werkplek notify: ${argumentProblem(error, language)}`, '');
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
  if (!homeserver) problems.push(say.homeserverRequired);
  if (!user) problems.push(say.userRequired);
  if (!['full', 'sender', 'none'].includes(content)) problems.push(say.contentLevel);
  if (seconds !== null && !(seconds > 0)) problems.push(say.forSeconds);
  const keyWait = Number(values['key-wait']);
  if (!(keyWait >= 0 && keyWait <= 600)) problems.push(say.keyWait);
  const password = process.env[passwordEnv];
  if (!password) problems.push(say.passwordUnset(passwordEnv));
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
    deviceName: say.deviceName,
    keyWaitMs: keyWait * 1000,
    log: { info: (m) => err(say.info(m)), warn: (m) => err(say.warning(m)), error: (m, d) => err(say.error(`${m} ${d === undefined ? '' : String(d)}`)) },
    openExternal: async () => {},
    settings: () => ({ homeserver: homeserver!, content: content as ContentLevel, sound: true, doNotDisturb: false, dndSchedule: { enabled: false, days: [], start: '00:00', end: '00:00' }, locale: language }),
    output: {
      status: (s) => err(`status: ${say.status[s.state]}${technical(language, s.message)}`),
      decision: (d) => printDecision(say, d, json),
      notification: (n) => {
        if (!json) err(`  → ${say.kinds[n.kind] ?? n.kind}: "${n.title}" — "${n.body}"${n.sound ? say.sound : ''}`);
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
    err(`werkplek notify: ${signInProblem(say, error)}`);
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
