#!/usr/bin/env node
// The `werkplek` command line: headless sync, notification diagnostics, policy checks.
import { runPolicyCommand } from './policy-command.ts';
import { stderr } from './terminal-text.ts';

const usage = `Usage: werkplek <command> [options]

Commands:
  policy check FILE     validate a policy file (exit 1 on errors)
  policy schema         print the policy file's JSON Schema
  sync ...              two-way sync of a folder with a WebDAV/Nextcloud server (werkplek sync --help)
  notify ...            Matrix notification diagnostics (werkplek notify --help)
`;

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  policy: runPolicyCommand,
  sync: async (argv) => (await import('./sync-command.ts')).runSyncCommand(argv),
  notify: async (argv) => (await import('./notify-command.ts')).runNotifyCommand(argv),
};

const [name, ...rest] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  const unknown = name && name !== '--help' && name !== '-h';
  if (unknown) stderr.line(`werkplek: unknown command "${name}"`, '');
  stderr.ownText(usage);
  process.exitCode = unknown ? 2 : 0;
} else {
  // No top-level await: the single executable (build/cli-executable.ts) runs this file as CommonJS.
  void command(rest).then((code) => (process.exitCode = code));
}
