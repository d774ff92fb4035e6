// `werkplek sync`: headless two-way sync of a folder with a WebDAV/Nextcloud server, once or
// (--watch) continuously. Exit codes: 0 in sync, 1 some items failed, 2 usage, 3 deletions wait for
// confirmation (rerun with --confirm-deletes), 4 sign-in refused, 5 server unreachable.
import { homedir } from 'node:os';
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { AccountAuthError, journalPathFor, resolveDavUrl } from '../core/sync/account.ts';
import { SyncEngine, type RunSummary } from '../core/sync/engine.ts';
import { engineOptionsFrom } from '../core/sync/engine-options.ts';
import { nodeProxyEnv } from '../core/shell/proxy.ts';
import { stderr, stdout } from './terminal-text.ts';
import { argumentProblem, cliTexts, type CliTexts } from './cli-texts.ts';
import { uiLanguage } from '../core/config/ui-language.ts';
import { accountProblemText, problemText } from './sync-problem-texts.ts';

const exitFor: Record<RunSummary['outcome'], number> = { ok: 0, errors: 1, failed: 1, 'needs-confirmation': 3, 'needs-sign-in': 4, offline: 5, 'rate-limited': 5 };

function stateHome(): string {
  const xdg = process.env.XDG_STATE_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.local', 'state'), 'werkplek');
}

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;

export async function runSyncCommand(argv: string[]): Promise<number> {
  const say = cliTexts();
  const usage = say.syncUsage;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        server: { type: 'string' }, user: { type: 'string' }, 'password-env': { type: 'string' },
        watch: { type: 'boolean' }, json: { type: 'boolean' }, poll: { type: 'string' }, parallel: { type: 'string' },
        'delete-threshold': { type: 'string' }, 'confirm-deletes': { type: 'boolean' }, 'restore-deletes': { type: 'boolean' }, 'exclude-file': { type: 'string' }, 'keep-free': { type: 'string' },
        'state-dir': { type: 'string' }, 'upload-limit': { type: 'string' }, 'download-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    stderr.line(`werkplek sync: ${argumentProblem(error, uiLanguage(process.env))}`, '');
    stderr.ownText(usage);
    return 2;
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    stdout.ownText(usage);
    return 0;
  }
  const [localArg, remoteDir = '/'] = positionals;
  const problems: string[] = [];
  if (!o.server) problems.push(say.serverRequired);
  if (!o.user) problems.push(say.userRequired);
  if (!localArg) problems.push(say.localRequired);
  if (positionals.length > 2) problems.push(say.unexpectedArgument(positionals[2]!));
  if (o['confirm-deletes'] && o['restore-deletes']) problems.push(say.confirmOrRestore);
  const passwordVar = o['password-env'] ?? 'WERKPLEK_PASSWORD';
  const password = process.env[passwordVar];
  if (password === undefined) problems.push(say.passwordUnset(passwordVar));
  const number = (name: string, value: string | undefined, min: number): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) problems.push(say.wholeNumber(name, min));
    return n;
  };
  const poll = number('poll', o.poll, 5);
  const parallel = number('parallel', o.parallel, 1);
  const threshold = number('delete-threshold', o['delete-threshold'], 1);
  const upLimit = number('upload-limit', o['upload-limit'], 0);
  const downLimit = number('download-limit', o['download-limit'], 0);
  const keepFree = number('keep-free', o['keep-free'], 0);
  if (problems.length || !o.server || !o.user || !localArg || password === undefined) {
    stderr.line(`werkplek sync: ${problems.join('; ')}`, '');
    stderr.ownText(usage);
    return 2;
  }

  const localDir = resolve(localArg);
  // Like other command-line tools: the session's HTTPS_PROXY / HTTP_PROXY / NO_PROXY, if any.
  const proxyEnv = nodeProxyEnv({ mode: 'system' }, process.env).env;
  let url: string;
  try {
    url = await resolveDavUrl(o.server, o.user, { proxyEnv, password });
  } catch (error) {
    // Refused credentials and no answer keep their documented exit codes (4, 5), as in a run.
    stderr.line(`werkplek sync: ${accountProblemText(uiLanguage(process.env), error)}`);
    return error instanceof AccountAuthError ? 4 : (error as NodeJS.ErrnoException).code?.startsWith('E') ? 5 : 2;
  }
  const engine = new SyncEngine(engineOptionsFrom({
    localDir,
    server: { url, user: o.user, password, remoteDir, ...(proxyEnv ? { proxyEnv } : {}) },
    journalFile: journalPathFor(o['state-dir'] ? resolve(o['state-dir']) : stateHome(), url, remoteDir, localDir),
    parallel: parallel ?? 6, deleteThreshold: threshold ?? 100, excluded: [],
    excludeFile: o['exclude-file'] ? resolve(o['exclude-file']) : null, pollIntervalSeconds: poll ?? 30,
    uploadLimitKiBps: upLimit ?? 0, downloadLimitKiBps: downLimit ?? 0, freeSpaceReserveMiB: keepFree ?? null,
  }));
  const out = attachOutput(engine, Boolean(o.json), say);
  const decision = o['confirm-deletes'] ? true : o['restore-deletes'] ? false : null;
  try {
    if (!o.watch) {
      let summary = await engine.syncNow();
      if (summary.outcome === 'needs-confirmation' && decision !== null) summary = await engine.confirmDeletes(decision);
      out.final(summary);
      return exitFor[summary.outcome];
    }
    if (decision !== null) await engine.confirmDeletes(decision);
    engine.start();
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    return 0;
  } finally {
    out.close();
    await engine.close();
  }
}

/** Events as JSON lines, or a progress bar and one line per problem on a terminal. */
function attachOutput(engine: SyncEngine, json: boolean, say: CliTexts): { final(summary: RunSummary): void; close(): void } {
  const e = engine.events;
  const offs: Array<() => void> = [];
  if (json) {
    const emit = (event: string) => (payload: unknown) => stdout.json({ event, ...(payload as object) });
    for (const name of ['state', 'runStart', 'progress', 'item', 'itemError', 'conflict', 'issue', 'runEnd'] as const) offs.push(e.on(name, emit(name)));
    return { final: () => undefined, close: () => offs.forEach((off) => off()) };
  }
  const tty = process.stderr.isTTY;
  offs.push(e.on('progress', (p) => {
    if (!tty || p.filesTotal === 0) return;
    const fraction = p.bytesTotal ? p.bytesDone / p.bytesTotal : p.filesDone / p.filesTotal;
    const width = 24;
    const filled = Math.round(Math.min(1, fraction) * width);
    const eta = p.etaSeconds === null ? '' : say.eta(p.etaSeconds);
    stderr.bar(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${p.filesDone}/${p.filesTotal} ${say.files} ${mb(p.bytesDone)}/${mb(p.bytesTotal)}${eta}`);
  }));
  const language = uiLanguage(process.env);
  offs.push(e.on('itemError', (i) => stderr.line(say.itemError(i.path, problemText(language, i.kind, i.message, false)))));
  offs.push(e.on('issue', (i) => stderr.line(say.skipped(i.path, problemText(language, i.kind, i.message, true)))));
  offs.push(e.on('conflict', (c) => stderr.line(say.conflict(c.path, c.conflictCopy))));
  const final = (s: RunSummary): void => {
    // record / forget only update the journal (e.g. a plain server's ETags learned after an upload): not changes to anyone's files.
    const bookkeeping = (s.actions.record ?? 0) + (s.actions.forget ?? 0);
    const changes = Object.entries(s.actions).filter(([k]) => k !== 'record' && k !== 'forget');
    const counts = (changes.map(([k, n]) => `${n} ${say.actions[k] ?? k}`).join(', ') || say.nothingToDo) + (bookkeeping ? say.journal(bookkeeping) : '');
    if (s.outcome === 'needs-confirmation' && s.confirmation) {
      const held = s.confirmation.held.map((h) => (h.type === 'dir' ? say.heldFolder(h.path, h.files, h.side === 'server') : say.heldFile(h.path, h.side === 'server')));
      stderr.line(say.waiting(counts, s.confirmation.remoteDeletes, s.confirmation.localDeletes, s.confirmation.kind), ...held);
    } else if (s.outcome === 'ok' || s.outcome === 'errors') {
      stderr.line(s.outcome === 'ok' ? say.inSync(counts) : say.failed(s.errors.length, counts));
    } else stderr.line(say.stopped(s.message, s.outcome));
  };
  return { final, close: () => offs.forEach((off) => off()) };
}
