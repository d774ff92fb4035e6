// Where the policy comes from and how its files add up. The app and `werkplek policy check` both
// run loadPolicyFiles(), so they agree on every input:
// - /etc/werkplek/policy.json, then /etc/werkplek/policy.d/*.json in name order, each later file
//   winning per setting and per app id (drop-ins for Ansible, Puppet, Salt);
// - only files that root owns and only root can change (policy-trust.ts); others are refused;
// - WERKPLEK_POLICY (one file instead) only in development and test runs, never in the packaged app;
// - each file validated entry by entry (policy-validate.ts): a bad entry is dropped alone;
// - a file that cannot be parsed or is refused keeps its last good version (policy-cache.ts).
import { readdirSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultPolicyPath, type Policy } from './policy-schema.ts';
import { defaultSettings, type SettingKey } from './settings-schema.ts';
import { validatePolicyText, type PolicyProblem } from './policy-validate.ts';
import { checkFolders, readPolicyFile, trustedOwners } from './policy-trust.ts';
import { defaultPolicyStateDir, PolicyCache } from './policy-cache.ts';

export type { PolicyProblem } from './policy-validate.ts';

export interface LoadedPolicy {
  /** The main file (shown in the UI). */
  file: string;
  /** Every file that was looked at, in merge order. */
  files: string[];
  /** The files that exist (read, refused or broken). */
  found: string[];
  /** Whether any policy file exists at all. */
  present: boolean;
  policy: Policy;
  problems: PolicyProblem[];
}

export const defaultPolicyDir = '/etc/werkplek';

export interface PolicyLoadOptions {
  env?: NodeJS.ProcessEnv;
  /** A packaged (installed) app; default: isPackagedApp(). */
  packaged?: boolean;
  /** Folder of policy.json and policy.d (default /etc/werkplek; tests point it elsewhere). */
  systemDir?: string;
  /** Where the last good policy is kept; null: nowhere (policy check). Default: defaultPolicyStateDir(). */
  stateDir?: string | null;
  now?: Date;
}

/**
 * Whether this process is the installed app, decided as Electron's app.isPackaged does (the
 * executable is not Electron's own `electron`), without importing Electron: plain Node (the preview
 * host, the CLI, tests) and `electron .` from a checkout are development runs.
 */
export function isPackagedApp(proc: Pick<NodeJS.Process, 'versions' | 'execPath'> & { defaultApp?: boolean } = process): boolean {
  if (!proc.versions.electron || proc.defaultApp) return false;
  const exe = basename(proc.execPath).toLowerCase();
  return exe !== 'electron' && exe !== 'electron.exe';
}

/** The development override, when this run may use one. */
export function policyOverride(env: NodeJS.ProcessEnv, packaged: boolean): string | null {
  const path = env.WERKPLEK_POLICY?.trim();
  return path && !packaged ? path : null;
}

/** The file the app reads first: WERKPLEK_POLICY in a development run, else /etc/werkplek/policy.json. */
export function policyPathFromEnv(env: NodeJS.ProcessEnv = process.env, packaged = isPackagedApp()): string {
  return policyOverride(env, packaged) ?? defaultPolicyPath;
}

const fileProblem = (file: string, message: string, nl: string): PolicyProblem => ({ file, line: 0, column: 0, message, nl });

/** policy.json and the drop-ins of policy.d, in the order they are merged (byte order of the names). */
export function systemPolicyFiles(dir: string, owners: number[], problems: PolicyProblem[], cache: PolicyCache | null): string[] {
  const dropIns = join(dir, 'policy.d');
  let names: string[] = [];
  try {
    const refused = checkFolders(join(realpathSync(dropIns), 'x'), owners);
    if (refused) throw Object.assign(new Error(refused.message), { refused });
    names = readdirSync(dropIns, { withFileTypes: true })
      .filter((entry) => entry.name.endsWith('.json') && !entry.name.startsWith('.') && !entry.isDirectory())
      .map((entry) => entry.name)
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  } catch (error) {
    const refused = (error as { refused?: { message: string; nl: string } }).refused;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      const last = cache?.under(dropIns) ?? [];
      const keep = last.length > 0 ? { en: `; keeping the ${last.length} drop-ins last seen there`, nl: `; de ${last.length} laatst geziene bestanden daarin blijven gelden` } : { en: '', nl: '' };
      problems.push(refused ? fileProblem(dropIns, `${refused.message}${keep.en}`, `${refused.nl}${keep.nl}`) : fileProblem(dropIns, `cannot list the folder (${code ?? String(error)})${keep.en}`, `kan de map niet lezen (${code ?? String(error)})${keep.nl}`));
      return [join(dir, 'policy.json'), ...last];
    }
  }
  const files = names.map((name) => join(dropIns, name));
  // Drop-ins no longer there (or the whole folder gone) were removed by root: forget them.
  for (const gone of cache?.under(dropIns) ?? []) if (!files.includes(gone)) cache?.forget(gone);
  return [join(dir, 'policy.json'), ...files];
}

interface Part {
  policy: Policy;
  invalidLocks: SettingKey[];
}

/** Later parts win per setting and per app id (an app keeps its place; new ids are appended). */
export function mergePolicies(parts: Part[]): Policy {
  const merged: Policy = {};
  const invalid = new Set<SettingKey>();
  for (const { policy, invalidLocks } of parts) {
    if (policy.$schema !== undefined) merged.$schema = policy.$schema;
    if (policy.organisation !== undefined) merged.organisation = policy.organisation;
    if (policy.theme) merged.theme = { ...merged.theme, ...policy.theme, colours: { ...merged.theme?.colours, ...policy.theme.colours } };
    if (policy.apps) {
      const apps = [...(merged.apps ?? [])];
      for (const app of policy.apps) {
        const at = apps.findIndex((other) => other.id === app.id);
        if (at === -1) apps.push(app);
        else apps[at] = app;
      }
      merged.apps = apps;
    }
    if (policy.defaults) merged.defaults = { ...merged.defaults, ...policy.defaults };
    if (policy.locked) merged.locked = { ...merged.locked, ...policy.locked };
    for (const key of invalidLocks) invalid.add(key);
  }
  // A lock IT meant but wrote wrongly still locks: at the policy's default, else the built-in one.
  const builtIn = defaultSettings();
  for (const key of invalid) {
    if (merged.locked && Object.hasOwn(merged.locked, key)) continue;
    merged.locked = { ...merged.locked, [key]: merged.defaults && Object.hasOwn(merged.defaults, key) ? merged.defaults[key] : builtIn[key] };
  }
  return merged;
}

/**
 * Reads, checks and merges policy files. `owners`: who may own them (per file, or one list for
 * all); `cache`: the last good
 * versions (used for a file that cannot be parsed or is refused, and updated from good ones).
 */
export function loadPolicyFiles(files: string[], owners: number[] | ((file: string) => number[]), cache: PolicyCache | null, now = new Date(), problems: PolicyProblem[] = []): LoadedPolicy {
  const parts: Part[] = [];
  const found: string[] = [];
  for (const file of files) {
    const read = readPolicyFile(file, typeof owners === 'function' ? owners(file) : owners);
    if (read.kind === 'missing') {
      cache?.forget(file);
      continue;
    }
    found.push(file);
    if (read.kind === 'text') {
      const verdict = validatePolicyText(file, read.text);
      problems.push(...verdict.problems);
      if (verdict.parsed) {
        parts.push(verdict);
        cache?.remember(file, verdict, now);
        continue;
      }
    } else problems.push(fileProblem(file, read.message, read.nl));
    // Not parsed, unreadable or refused: what this file last said, when the app saw it good.
    const last = cache?.get(file);
    const problem = problems.at(-1)!;
    if (last) {
      parts.push(last);
      problem.message += `; keeping the version of this file last seen on ${last.seen.slice(0, 10)}`;
      problem.nl += `; de versie van dit bestand van ${last.seen.slice(0, 10)} blijft gelden`;
    } else if (cache === null) {
      problem.message += '; the app keeps the last good version it saw of this file, if any';
      problem.nl += '; de app houdt de laatste goede versie van dit bestand aan die hij zag, als die er is';
    }
  }
  return { file: files[0] ?? defaultPolicyPath, files, found, present: found.length > 0, policy: mergePolicies(parts), problems };
}

/** The policy the app runs with (see the top of this file). `file`: a development override. */
export function loadPolicy(file?: string, options: PolicyLoadOptions = {}): LoadedPolicy {
  const env = options.env ?? process.env;
  const packaged = options.packaged ?? isPackagedApp();
  const now = options.now ?? new Date();
  const override = file ?? policyOverride(env, packaged);
  // A development override is the developer's own file: no fallback copy, and they may own it.
  if (override) return loadPolicyFiles([override], trustedOwners(true), null, now);
  const problems: PolicyProblem[] = [];
  if (env.WERKPLEK_POLICY?.trim()) {
    problems.push(fileProblem(env.WERKPLEK_POLICY.trim(), `WERKPLEK_POLICY is ignored by the installed app; it reads ${defaultPolicyPath} and ${defaultPolicyDir}/policy.d/`, `WERKPLEK_POLICY wordt genegeerd door de geïnstalleerde app; die leest ${defaultPolicyPath} en ${defaultPolicyDir}/policy.d/`));
  }
  const stateDir = options.stateDir === undefined ? defaultPolicyStateDir(env) : options.stateDir;
  const cache = stateDir === null ? null : new PolicyCache(stateDir);
  const owners = trustedOwners(false);
  const files = systemPolicyFiles(options.systemDir ?? defaultPolicyDir, owners, problems, cache);
  const loaded = loadPolicyFiles(files, owners, cache, now, problems);
  const failed = cache?.save();
  if (failed) problems.push(fileProblem(stateDir!, `cannot keep the last good policy here: ${failed}`, `kan het laatste goede beleid hier niet bewaren: ${failed}`));
  return loaded;
}

/** One file's text alone, as the app would take it (tests, the packaging checks). */
export function parsePolicyText(file: string, text: string): LoadedPolicy {
  const verdict = validatePolicyText(file, text);
  return { file, files: [file], found: [file], present: true, policy: verdict.parsed ? mergePolicies([verdict]) : {}, problems: verdict.problems };
}

export function formatProblem(problem: PolicyProblem, language: 'en' | 'nl' = 'en'): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${language === 'nl' ? problem.nl : problem.message}`;
}
