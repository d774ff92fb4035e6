// `werkplek notify` as a real process (node runs the TypeScript CLI), with its output line by line
// and byte for byte.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const cli = resolve(import.meta.dirname, '../../../electron/cli/werkplek.ts');

export function runNotify(args: string[], env: Record<string, string> = {}) {
  // English unless a case asks for a language (the CLI follows LANG; LC_ALL would override it).
  const language = { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' };
  const child = spawn(process.execPath, [cli, 'notify', ...args], { env: { ...process.env, ...language, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => stdout.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  // Both streams byte for byte, as a terminal would get them.
  const raw = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  child.stdout.on('data', (d: Buffer) => raw.stdout.push(d));
  child.stderr.on('data', (d: Buffer) => raw.stderr.push(d));
  const printed = () => `${Buffer.concat(raw.stdout).toString()}${Buffer.concat(raw.stderr).toString()}`;
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stdout, stderr, printed, exited };
}
