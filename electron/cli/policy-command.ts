// `werkplek policy check [--effective] [FILE…]` and `werkplek policy schema`: the app's own
// loading and validation (policy-load.ts), for IT staff before they roll a policy out. Without
// FILE it checks what the app would read (WERKPLEK_POLICY, else /etc/werkplek/policy.json and
// policy.d/*.json); FILEs are checked as if installed there, merged in the order given.
import { formatProblem, loadPolicy, loadPolicyFiles, type LoadedPolicy } from '../core/config/policy-load.ts';
import { trustedOwners } from '../core/config/policy-trust.ts';
import { policyJsonSchema } from '../core/config/policy-schema.ts';
import { uiLanguage } from '../core/config/ui-language.ts';
import { stderr, stdout } from './terminal-text.ts';

const usage = {
  en: 'Usage: werkplek policy check [--effective] [FILE…] | werkplek policy schema',
  nl: 'Gebruik: werkplek policy check [--effective] [BESTAND…] | werkplek policy schema',
};

function summary(loaded: LoadedPolicy, language: 'en' | 'nl'): string {
  const apps = loaded.policy.apps?.length ?? 0;
  const locked = Object.keys(loaded.policy.locked ?? {}).length;
  return language === 'nl' ? `OK (${apps} apps, ${locked} vergrendelde instellingen)` : `OK (${apps} apps, ${locked} locked settings)`;
}

export async function runPolicyCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const language = uiLanguage(env);
  const [sub, ...rest] = argv;
  if (sub === 'schema' && rest.length === 0) {
    stdout.json(policyJsonSchema(), 2);
    return 0;
  }
  const effective = rest.includes('--effective');
  const files = rest.filter((arg) => arg !== '--effective');
  if (sub !== 'check' || files.some((file) => file.startsWith('-'))) {
    stderr.line(usage[language]);
    return 2;
  }
  // No cache here: the check says what the files themselves hold.
  const loaded = files.length > 0 ? loadPolicyFiles(files, trustedOwners(false), null) : loadPolicy(undefined, { env, packaged: false, stateDir: null });
  const missing = files.filter((file) => !loaded.found.includes(file));
  stderr.line(...missing.map((file) => (language === 'nl' ? `${file}: bestand bestaat niet` : `${file}: no such file`)));
  stderr.line(...loaded.problems.map((problem) => formatProblem(problem, language)));
  if (!loaded.present && missing.length === 0) stderr.line(language === 'nl' ? `${loaded.files.join(', ')}: geen beleidsbestand gevonden` : `${loaded.files.join(', ')}: no policy file found`);
  if (effective) stdout.json(loaded.policy, 2);
  if (!loaded.present || missing.length > 0 || loaded.problems.length > 0) return 1;
  if (!effective) stdout.line(`${loaded.found.join(', ')}: ${summary(loaded, language)}`);
  return 0;
}
