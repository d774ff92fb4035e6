// Reads the Content-Security-Policy meta tag of an HTML page and its inline scripts (shared by the
// source and packaged-renderer checks).
import { parse } from 'parse5';

type Node = { nodeName: string; attrs?: Array<{ name: string; value: string }>; childNodes?: Node[]; content?: Node; value?: string };

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
  if (node.content) walk(node.content, visit);
}

const attr = (node: Node, name: string) => node.attrs?.find((a) => a.name === name)?.value;

export function readPage(html: string): { csp: string[]; directives: Map<string, string[]>; inlineScripts: number; scriptSources: string[] } {
  const csp: string[] = [];
  let inlineScripts = 0;
  const scriptSources: string[] = [];
  walk(parse(html) as unknown as Node, (node) => {
    if (node.nodeName === 'meta' && attr(node, 'http-equiv')?.toLowerCase() === 'content-security-policy') csp.push(attr(node, 'content') ?? '');
    if (node.nodeName === 'script') {
      const src = attr(node, 'src');
      if (src === undefined) inlineScripts++;
      else scriptSources.push(src);
    }
  });
  const directives = new Map<string, string[]>();
  for (const part of (csp[0] ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return { csp, directives, inlineScripts, scriptSources };
}

/** Problems with a shell-UI CSP; empty when it is as strict as RELIABILITY.md item 7 asks. */
export function cspProblems(html: string): string[] {
  const { csp, directives, inlineScripts, scriptSources } = readPage(html);
  const problems: string[] = [];
  if (csp.length !== 1) return [`expected exactly one CSP meta tag, found ${csp.length}`];
  const expectExactly = (name: string, values: string[]) => {
    const actual = directives.get(name);
    if (!actual || actual.join(' ') !== values.join(' ')) problems.push(`${name} should be "${values.join(' ')}", is "${actual?.join(' ') ?? '(missing)'}"`);
  };
  expectExactly('default-src', ["'none'"]);
  expectExactly('script-src', ["'self'"]);
  expectExactly('base-uri', ["'none'"]);
  expectExactly('form-action', ["'none'"]);
  expectExactly('require-trusted-types-for', ["'script'"]);
  if (directives.has('object-src') && directives.get('object-src')!.join(' ') !== "'none'") problems.push('object-src must stay none');
  for (const [name, values] of directives) {
    for (const value of values) {
      if (["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'"].includes(value)) problems.push(`${name} allows ${value}`);
      if (value === '*' || /^(https?|wss?|ftp|file|blob|filesystem):?\*?$/.test(value) || value.includes('*')) problems.push(`${name} allows the wildcard or scheme source ${value}`);
    }
  }
  if (inlineScripts > 0) problems.push(`${inlineScripts} inline script(s): script-src 'self' would block them`);
  for (const src of scriptSources) if (/^[a-z]+:/i.test(src) || src.startsWith('//')) problems.push(`script from another origin: ${src}`);
  return problems;
}
