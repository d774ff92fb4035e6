// `werkplek policy check FILE` and `werkplek policy schema`: the same validation and messages the
// app uses at start-up, for IT staff before they roll a policy out.
import { formatProblem, loadPolicy } from '../core/config/policy-load.ts';
import { policyJsonSchema } from '../core/config/policy-schema.ts';
import { stderr, stdout } from './terminal-text.ts';

export async function runPolicyCommand(argv: string[]): Promise<number> {
  const [sub, file] = argv;
  if (sub === 'schema') {
    stdout.json(policyJsonSchema(), 2);
    return 0;
  }
  if (sub === 'check' && file) {
    const loaded = loadPolicy(file);
    if (!loaded.present) {
      stderr.line(`${file}: no such file`);
      return 1;
    }
    stderr.line(...loaded.problems.map(formatProblem));
    if (loaded.problems.length > 0) return 1;
    stdout.line(`${file}: OK (${loaded.policy.apps?.length ?? 0} apps, ${Object.keys(loaded.policy.locked ?? {}).length} locked settings)`);
    return 0;
  }
  stderr.line('Usage: werkplek policy check FILE | werkplek policy schema');
  return 2;
}
