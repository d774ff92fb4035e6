#!/usr/bin/env node
// The `werkplek` command line: headless sync, notification diagnostics, policy checks.
import { runPolicyCommand } from './policy-command.ts';
import { stderr } from './terminal-text.ts';
import { cliTexts } from './cli-texts.ts';
import { trustSystemCertificates } from '../core/shell/system-certificates.ts';

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  policy: runPolicyCommand,
  sync: async (argv) => (await import('./sync-command.ts')).runSyncCommand(argv),
  notify: async (argv) => (await import('./notify-command.ts')).runNotifyCommand(argv),
};

const [name, ...rest] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  const unknown = name && name !== '--help' && name !== '-h';
  const say = cliTexts();
  if (unknown) stderr.line(say.unknownCommand(name), '');
  stderr.ownText(say.usage);
  process.exitCode = unknown ? 2 : 0;
} else {
  // The commands that go online trust what the laptop trusts (a private root installed by IT).
  if (name !== 'policy') trustSystemCertificates((message) => stderr.line(`werkplek: ${message}`, ''));
  // No top-level await: the single executable (build/cli-executable.ts) runs this file as CommonJS.
  void command(rest).then((code) => (process.exitCode = code));
}
