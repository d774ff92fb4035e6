// `werkplek policy check [--effective] [FILE…]` and `werkplek policy schema`: the app's own
// loading and validation (policy-load.ts), for IT staff before they roll a policy out. Without
// FILE it checks what the app would read (WERKPLEK_POLICY, else /etc/werkplek/policy.json and
// policy.d/*.json); FILEs are merged in the order given. Files in /etc/werkplek are judged exactly
// as the app judges them (root's, writable by root only); a draft elsewhere may also be the checking
// user's own, with a note.
import { statSync, realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { defaultPolicyDir, formatProblem, loadPolicy, loadPolicyFiles, type LoadedPolicy } from '../core/config/policy-load.ts';
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

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function isUnder(file: string, dir: string): boolean {
  const path = relative(dir, real(file));
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

/** The checking user (not root) owns it: fine for a draft, not for the installed file. */
function ownedBySelf(file: string): boolean {
  const self = process.getuid?.();
  try {
    return self !== undefined && self !== 0 && statSync(file).uid === self;
  } catch {
    return false;
  }
}

export async function runPolicyCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const language = uiLanguage(env);
  const [sub, ...rest] = argv;
  if (sub === 'schema' && rest.length === 0) {
    stdout.json(policyJsonSchema(language), 2);
    return 0;
  }
  const effective = rest.includes('--effective');
  const files = rest.filter((arg) => arg !== '--effective');
  if (sub !== 'check' || files.some((file) => file.startsWith('-'))) {
    stderr.line(usage[language]);
    return 2;
  }
  // No cache here: the check says what the files themselves hold. A file in /etc/werkplek is judged
  // as the app judges it; a draft elsewhere may also be the checking user's own (a repository in
  // CI, a home folder), with a note that installed it must be root's.
  const drafts = new Set(files.filter((file) => !isUnder(file, defaultPolicyDir)));
  const owners = (file: string) => trustedOwners(drafts.has(file));
  const loaded = files.length > 0 ? loadPolicyFiles(files, owners, null) : loadPolicy(undefined, { env, packaged: false, stateDir: null });
  const own = [...drafts].filter((file) => ownedBySelf(file));
  stderr.line(...own.map((file) => (language === 'nl' ? `${file}: let op: geïnstalleerd moet dit bestand van root zijn en alleen door root te schrijven (chown root:root, chmod 644)` : `${file}: note: installed, this file must be root's and writable by root only (chown root:root, chmod 644)`)));
  const missing = files.filter((file) => !loaded.found.includes(file));
  stderr.line(...missing.map((file) => (language === 'nl' ? `${file}: bestand bestaat niet` : `${file}: no such file`)));
  stderr.line(...loaded.problems.map((problem) => formatProblem(problem, language)));
  if (!loaded.present && missing.length === 0) stderr.line(language === 'nl' ? `${loaded.files.join(', ')}: geen beleidsbestand gevonden` : `${loaded.files.join(', ')}: no policy file found`);
  if (effective) stdout.json(loaded.policy, 2);
  if (!loaded.present || missing.length > 0 || loaded.problems.length > 0) return 1;
  if (!effective) stdout.line(`${loaded.found.join(', ')}: ${summary(loaded, language)}`);
  return 0;
}
