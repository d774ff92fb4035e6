// `werkplek policy check FILE` and `werkplek policy schema`: the same validation and messages the
// app uses at start-up, for IT staff before they roll a policy out.
import { formatProblem, loadPolicy } from '../core/config/policy-load.ts';
import { policyJsonSchema } from '../core/config/policy-schema.ts';

export async function runPolicyCommand(argv: string[]): Promise<number> {
  const [sub, file] = argv;
  if (sub === 'schema') {
    process.stdout.write(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (sub === 'check' && file) {
    const loaded = loadPolicy(file);
    if (!loaded.present) {
      process.stderr.write(`${file}: no such file\n`);
      return 1;
    }
    for (const problem of loaded.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    if (loaded.problems.length > 0) return 1;
    process.stdout.write(`${file}: OK (${loaded.policy.apps?.length ?? 0} apps, ${Object.keys(loaded.policy.locked ?? {}).length} locked settings)\n`);
    return 0;
  }
  process.stderr.write('Usage: werkplek policy check FILE | werkplek policy schema\n');
  return 2;
}
