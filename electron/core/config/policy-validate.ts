// Validates one policy file's text entry by entry, failing closed: a bad entry (an app, a setting
// under `defaults` or `locked`, an unknown key) is dropped alone and reported at its file:line:column;
// everything else in the file still counts. A lock with a bad value keeps its key locked (at the
// default), so a typo never unlocks a setting. Only a file that is not JSON at all (or too large,
// or nested too deeply to be a policy) is `parsed: false`; the loader then keeps its last good copy.
// `werkplek policy check` and the app run this very code.
import { getNodeValue, findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { appDefinitionSchema, type AppDefinition } from './catalog-schema.ts';
import { settingsShape, type PartialSettings, type SettingKey } from './settings-schema.ts';
import { isAllowedAppUrl } from './app-url.ts';
import { isRemoteApp, remoteEntryProblem } from '../remote-apps/rdp-rules.ts';
import type { Policy } from './policy-schema.ts';
import { themeSchema } from './theme-schema.ts';
import { MAX_FILE_BYTES } from './policy-trust.ts';
import { parseProxySetting } from '../shell/proxy.ts';
import { dictionaryBaseUrl } from '../shell/spellcheck.ts';

export interface PolicyProblem {
  file: string;
  /** 0 (with column 0) for a problem with the whole file. */
  line: number;
  column: number;
  /** English. */
  message: string;
  /** The same in Dutch. */
  nl: string;
}

export interface FileVerdict {
  /** False: the file is not JSON at all (nothing in it can be trusted to be what IT meant). */
  parsed: boolean;
  /** What is left after dropping the bad entries. */
  policy: Policy;
  /** Keys under `locked` whose value was bad: they stay locked, at the default. */
  invalidLocks: SettingKey[];
  problems: PolicyProblem[];
}

/** The deepest a valid policy goes is 5 levels; deeper input is refused before it is parsed. */
export const MAX_POLICY_DEPTH = 32;

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offset of the first bracket deeper than MAX_POLICY_DEPTH, without recursion; null when none. */
function tooDeepAt(text: string): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_POLICY_DEPTH) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return null;
}

const nlErrors = z.locales.nl().localeError;

/**
 * Values the schema allows but the app refuses when it uses them (and falls back to the default):
 * checked here with the very functions the app uses, so the policy check reports them too.
 */
const runtimeRules: Partial<Record<SettingKey, (value: unknown) => string | null>> = {
  'shell.proxy': (value) => {
    const verdict = parseProxySetting(value as string);
    return verdict.ok ? null : verdict.error;
  },
  'shell.spellcheckDictionaryUrl': (value) => {
    const verdict = dictionaryBaseUrl(value as string);
    return verdict.ok ? null : verdict.error;
  },
};

const sections = new Set(['$schema', 'organisation', 'theme', 'apps', 'defaults', 'locked']);

/**
 * The first of an app's URLs (url, origins, roomUrl) that an app may not have (app-url.ts), with
 * where it is; null when all may. Policy apps, the user's own and catalog entries obey the same.
 */
export function appUrlViolation(app: Pick<AppDefinition, 'url' | 'origins' | 'roomUrl'> & Partial<Pick<AppDefinition, 'kind' | 'rdp'>>): { path: Array<string | number>; reason: string; nl?: string } | null {
  // A remote app's url is rdp://host (its own rules, remote-apps/rdp-rules.ts); the rest are web URLs.
  const remote = remoteEntryProblem(app);
  if (remote) return { path: remote.path, reason: remote.en, nl: remote.nl };
  const urls: Array<[Array<string | number>, string]> = [...(isRemoteApp(app) ? [] : [[['url'], app.url] as [Array<string | number>, string]]), ...(app.origins ?? []).map((origin, i): [Array<string | number>, string] => [['origins', i], origin])];
  if (app.roomUrl !== undefined) urls.push([['roomUrl'], app.roomUrl.replaceAll('{roomId}', 'room')]);
  for (const [path, url] of urls) {
    const verdict = isAllowedAppUrl(url);
    if (!verdict.ok) return { path, reason: verdict.reason };
  }
  return null;
}

const appUrlNl = 'alleen https-adressen zijn toegestaan (http alleen naar deze computer zelf), zonder gebruikersnaam of wachtwoord';

class FileChecker {
  readonly problems: PolicyProblem[] = [];
  readonly invalidLocks: SettingKey[] = [];
  private readonly file: string;
  private readonly text: string;

  constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
  }

  report(offset: number | null, message: string, nl: string): void {
    const where = offset === null ? { line: 0, column: 0 } : lineColumn(this.text, offset);
    this.problems.push({ file: this.file, ...where, message, nl });
  }

  /** Validates `node` with `schema`; on failure reports every issue at its own node and returns undefined. */
  parse<T>(schema: z.ZodType<T>, node: Node, label: string, suffix: { en: string; nl: string } = { en: '', nl: '' }): T | undefined {
    const value: unknown = getNodeValue(node);
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const nlIssues = schema.safeParse(value, { error: nlErrors }).error?.issues ?? [];
    result.error.issues.forEach((issue, index) => {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      let at: Node = findNodeAtLocation(node, path) ?? node;
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      if (keys.length > 0) at = at.children?.find((child) => child.children?.[0]?.value === keys[0]) ?? at;
      const name = [label, ...path].filter((part) => part !== '').join('.');
      const where = name ? `"${name}": ` : '';
      const unknown = keys.map((k) => `"${k}"`).join(', ');
      const en = keys.length > 0 ? `unknown key ${unknown}` : issue.message;
      const nl = keys.length > 0 ? `onbekende sleutel ${unknown}` : (nlIssues[index]?.message ?? issue.message);
      this.report(at.offset, `${where}${en}${suffix.en}`, `${where}${nl}${suffix.nl}`);
    });
    return undefined;
  }

  /** An app that passed the schema: its URLs must be ones an app may have, its id new in this list. */
  checkApp(app: AppDefinition, node: Node, label: string, ids: Set<string>): boolean {
    const bad = appUrlViolation(app);
    if (bad) {
      const name = `"${[label, ...bad.path].join('.')}": `;
      this.report((findNodeAtLocation(node, bad.path) ?? node).offset, `${name}${bad.reason}; the app is left out`, `${name}${bad.nl ?? appUrlNl}; de app wordt weggelaten`);
      return false;
    }
    if (ids.has(app.id)) {
      const name = `"${label}.id": `;
      this.report((findNodeAtLocation(node, ['id']) ?? node).offset, `${name}a second app with id "${app.id}"; only the first one counts`, `${name}een tweede app met id "${app.id}"; alleen de eerste telt`);
      return false;
    }
    ids.add(app.id);
    return true;
  }

  apps(node: Node, label: string, into: AppDefinition[]): void {
    if (node.type !== 'array') {
      this.report(node.offset, `"${label}": must be a list of apps`, `"${label}": moet een lijst van apps zijn`);
      return;
    }
    const ids = new Set(into.map((app) => app.id));
    (node.children ?? []).forEach((element, index) => {
      const app = this.parse(appDefinitionSchema, element, `${label}.${index}`);
      if (app && this.checkApp(app, element, `${label}.${index}`, ids)) into.push(app);
    });
  }

  settings(node: Node, section: 'defaults' | 'locked', into: Record<string, unknown>): void {
    if (node.type !== 'object') {
      this.report(node.offset, `"${section}": must be an object of settings`, `"${section}": moet een object met instellingen zijn`);
      return;
    }
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const key = String(keyNode?.value);
      if (!keyNode || !valueNode || !Object.hasOwn(settingsShape, key)) {
        this.report(property.offset, `"${section}": unknown key "${key}"`, `"${section}": onbekende sleutel "${key}"`);
        continue;
      }
      const settingKey = key as SettingKey;
      const stays = section === 'locked' ? { en: '; the setting stays locked (at its default value) until this is fixed', nl: '; de instelling blijft vergrendeld (op de standaardwaarde) tot dit is opgelost' } : undefined;
      const value = this.parse(settingsShape[settingKey].unwrap() as z.ZodType, valueNode, `${section}.${key}`, stays);
      const refused = value === undefined ? null : runtimeRules[settingKey]?.(value);
      if (refused) {
        const name = `"${section}.${key}": `;
        this.report(valueNode.offset, `${name}${refused}${stays?.en ?? ''}`, `${name}Werkplek weigert deze waarde bij gebruik (${refused})${stays?.nl ?? ''}`);
      }
      if (value === undefined || refused) {
        if (section === 'locked') this.invalidLocks.push(settingKey);
        continue;
      }
      if (settingKey === 'apps.custom') {
        // The user's own apps, preset or locked: the same rules as the organisation's apps.
        const kept: AppDefinition[] = [];
        const ids = new Set<string>();
        (value as AppDefinition[]).forEach((app, index) => {
          const element = valueNode.children?.[index] ?? valueNode;
          if (this.checkApp(app, element, `${section}.${key}.${index}`, ids)) kept.push(app);
        });
        into[key] = kept;
      } else into[key] = value;
    }
  }
}

const unparsed = (checker: FileChecker): FileVerdict => ({ parsed: false, policy: {}, invalidLocks: [], problems: checker.problems });

/** Validates one file's text. Never throws, whatever the text. */
export function validatePolicyText(file: string, text: string): FileVerdict {
  const checker = new FileChecker(file, text);
  if (text.length > MAX_FILE_BYTES) {
    checker.report(null, `the file is larger than ${MAX_FILE_BYTES} bytes: not a policy`, `het bestand is groter dan ${MAX_FILE_BYTES} bytes: geen beleidsbestand`);
    return unparsed(checker);
  }
  const deep = tooDeepAt(text);
  if (deep !== null) {
    checker.report(deep, `nested more than ${MAX_POLICY_DEPTH} levels deep: not a policy`, `meer dan ${MAX_POLICY_DEPTH} niveaus diep genest: geen beleidsbestand`);
    return unparsed(checker);
  }
  const syntaxErrors: ParseError[] = [];
  const tree = parseTree(text, syntaxErrors, { allowTrailingComma: false, disallowComments: true });
  // The first syntax error is the real one; the parser's later errors are mostly its aftermath.
  const [syntax] = syntaxErrors;
  if (syntax) {
    const code = printParseErrorCode(syntax.error);
    checker.report(syntax.offset, `invalid JSON: ${code}`, `ongeldige JSON: ${code}`);
    return unparsed(checker);
  }
  if (!tree || tree.type !== 'object') {
    if (!tree) checker.report(0, 'the file is empty', 'het bestand is leeg');
    else checker.report(tree.offset, 'a policy is a JSON object ({ … })', 'een beleidsbestand is een JSON-object ({ … })');
    // Position 1:1 for an empty file, as an editor shows it.
    if (!tree) Object.assign(checker.problems[0]!, { line: 1, column: 1 });
    return unparsed(checker);
  }
  const policy: Policy = {};
  const seen = new Set<string>();
  for (const property of tree.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    if (!sections.has(key)) {
      checker.report(property.offset, `unknown key "${key}"`, `onbekende sleutel "${key}"`);
      continue;
    }
    // A key written twice: both count, the later value winning where they differ.
    if (seen.has(key)) checker.report(keyNode.offset, `"${key}" appears twice; both count, the later one winning where they differ`, `"${key}" staat er twee keer; beide tellen, bij verschil wint de laatste`);
    seen.add(key);
    if (key === '$schema') {
      const schemaRef = checker.parse(z.string(), valueNode, key);
      if (schemaRef !== undefined) policy.$schema = schemaRef;
    } else if (key === 'organisation') {
      const organisation = checker.parse(z.string().max(100), valueNode, key);
      if (organisation !== undefined) policy.organisation = organisation;
    } else if (key === 'theme') {
      const theme = checker.parse(themeSchema, valueNode, key);
      if (theme !== undefined) policy.theme = theme;
    } else if (key === 'apps') checker.apps(valueNode, key, (policy.apps ??= []));
    else checker.settings(valueNode, key as 'defaults' | 'locked', (policy[key as 'defaults' | 'locked'] ??= {}) as Record<string, unknown>);
  }
  return { parsed: true, policy: policy as Policy & { defaults?: PartialSettings; locked?: PartialSettings }, invalidLocks: checker.invalidLocks, problems: checker.problems };
}
