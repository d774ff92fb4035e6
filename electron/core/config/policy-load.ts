// Reads and validates the policy file. A broken file never stops the app: the result is an empty
// policy plus problems that name the file, line and column, for the UI and `werkplek policy check`.
import { readFileSync } from 'node:fs';
import { parseTree, findNodeAtLocation, printParseErrorCode, type ParseError, type Node } from 'jsonc-parser';
import { policySchema, defaultPolicyPath, type Policy } from './policy-schema.ts';

export interface PolicyProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface LoadedPolicy {
  file: string;
  /** Whether a policy file exists at all. */
  present: boolean;
  policy: Policy;
  problems: PolicyProblem[];
}

export function policyPathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.WERKPLEK_POLICY?.trim() || defaultPolicyPath;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
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

export function parsePolicyText(file: string, text: string): LoadedPolicy {
  const syntaxErrors: ParseError[] = [];
  const tree = parseTree(text, syntaxErrors, { allowTrailingComma: false, disallowComments: true });
  if (syntaxErrors.length > 0 || !tree) {
    // The first syntax error is the real one; the parser's later errors are mostly its aftermath.
    const problems = syntaxErrors.slice(0, 1).map((error) => ({
      file,
      ...lineColumn(text, error.offset),
      message: `invalid JSON: ${printParseErrorCode(error.error)}`,
    }));
    if (problems.length === 0) problems.push({ file, line: 1, column: 1, message: 'the file is empty' });
    return { file, present: true, policy: {}, problems };
  }
  const result = policySchema.safeParse(JSON.parse(text));
  if (result.success) return { file, present: true, policy: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => {
    // Point at the offending value; for an unknown key, at that key.
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    let node: Node | undefined = findNodeAtLocation(tree, path) ?? tree;
    if (keys.length > 0) {
      const property = node.children?.find((child) => child.children?.[0]?.value === keys[0]);
      node = property ?? node;
    }
    const where = path.length > 0 ? `"${path.join('.')}": ` : '';
    const message = issue.code === 'unrecognized_keys' ? `${where}unknown key ${keys.map((k) => `"${k}"`).join(', ')}` : `${where}${issue.message}`;
    return { file, ...lineColumn(text, node.offset), message };
  });
  return { file, present: true, policy: {}, problems };
}

export function loadPolicy(file: string = policyPathFromEnv()): LoadedPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, present: false, policy: {}, problems: [] };
    return { file, present: true, policy: {}, problems: [{ file, line: 0, column: 0, message: `cannot read the file (${code ?? String(error)})` }] };
  }
  return parsePolicyText(file, text);
}

export function formatProblem(problem: PolicyProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}
