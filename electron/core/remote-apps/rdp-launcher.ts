// Starts FreeRDP as a child process (no shell) and hands it the password the only way that keeps
// it out of the process list: on its standard input, once FreeRDP asks for it (`/from-stdin:force`
// prints "Password: "). Any other question (user name, domain) gets no answer: FreeRDP is stopped
// rather than given the password at the wrong prompt. Standard input is closed right after, so a
// later question (an untrusted certificate) reads end-of-file and FreeRDP refuses, never hangs.
import { spawn } from 'node:child_process';
import type { FreeRdpClient } from './rdp-client.ts';

export interface RdpLaunchOptions {
  client: FreeRdpClient;
  args: readonly string[];
  /** Given: written to standard input at FreeRDP's password prompt. Null: nothing is (single sign-on). */
  password: string | null;
  env?: NodeJS.ProcessEnv;
  /** How long FreeRDP may take to ask for the password (default 15 s). */
  promptTimeoutMs?: number;
}

export type LaunchFailure = 'prompt-timeout' | 'unexpected-prompt' | 'spawn-failed';

export interface RdpExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when Werkplek stopped FreeRDP itself (or could not start it). */
  failure: LaunchFailure | null;
  /** The last few kilobytes FreeRDP printed (for the log; never holds the password). */
  output: string;
}

export interface RdpProcess {
  pid: number | undefined;
  /** Resolves once the password is handed over (at once without one); rejects with the failure. */
  handedOver: Promise<void>;
  exited: Promise<RdpExit>;
  stop(): void;
}

const passwordPrompt = /(?:^|\n|\s)(?:Gateway)?Password: *$/;
const otherPrompt = /(?:Username|Domain|GatewayUsername|GatewayDomain): *$/;
const maxOutput = 4096;

/**
 * A password is one line: a line break in it would end it early and leave the rest for FreeRDP's
 * next question (a "Y" there would trust an unknown certificate). Such a password is never sent.
 */
export const isOneLine = (secret: string): boolean => !/[\r\n\0]/.test(secret);

export function launchFreeRdp(options: RdpLaunchOptions): RdpProcess {
  if (options.password !== null && !isOneLine(options.password)) throw new Error('the password contains a line break: not sent to FreeRDP');
  const child = spawn(options.client.path, [...options.args], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env, shell: false });
  let output = '';
  let failure: LaunchFailure | null = null;
  let waiting = options.password !== null;
  let settle: { resolve(): void; reject(error: Error): void } = { resolve: () => {}, reject: () => {} };
  const handedOver = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  handedOver.catch(() => {}); // callers that only watch `exited` need not handle it

  const fail = (why: LaunchFailure) => {
    if (failure === null) failure = why;
    waiting = false;
    clearTimeout(timer);
    settle.reject(new Error(why));
    child.kill('SIGTERM');
  };
  const timer = setTimeout(() => fail('prompt-timeout'), options.promptTimeoutMs ?? 15_000);
  if (!waiting) {
    clearTimeout(timer);
    child.stdin.end();
    settle.resolve();
  }
  child.stdin.on('error', () => {}); // FreeRDP may exit before reading: not our error to throw

  const watch = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-maxOutput);
    if (!waiting) return;
    if (passwordPrompt.test(output)) {
      waiting = false;
      clearTimeout(timer);
      child.stdin.end(`${options.password}\n`);
      settle.resolve();
    } else if (otherPrompt.test(output)) fail('unexpected-prompt');
  };
  child.stdout.on('data', watch);
  child.stderr.on('data', watch);

  const exited = new Promise<RdpExit>((resolve) => {
    child.on('error', () => {
      fail('spawn-failed');
      resolve({ code: null, signal: null, failure, output });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (waiting) {
        waiting = false;
        settle.reject(new Error('exited before asking for the password'));
      }
      resolve({ code, signal, failure, output });
    });
  });
  return { pid: child.pid, handedOver, exited, stop: () => child.kill('SIGTERM') };
}
