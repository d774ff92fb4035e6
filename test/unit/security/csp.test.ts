// The shell UI's Content-Security-Policy (renderer/index.html), parsed as HTML and checked
// directive by directive (Electron checklist #7). The packaged copy is checked in test/unit/packaging.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cspProblems } from './csp.ts';

const page = (csp: string, body = '<script type="module" src="./main.js"></script>') =>
  `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}"></head><body>${body}</body></html>`;
const strict = "default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'";

describe('shell UI CSP', () => {
  it('renderer/index.html has the strict policy', () => {
    expect(cspProblems(readFileSync('renderer/index.html', 'utf8'))).toEqual([]);
  });

  it('accepts the strict reference policy', () => {
    expect(cspProblems(page(strict))).toEqual([]);
  });

  it.each([
    ['no CSP at all', '<!doctype html><html><head></head><body></body></html>', 'exactly one CSP'],
    ['unsafe-inline scripts', page(strict.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")), 'script-src should be'],
    ['unsafe-eval', page(`${strict}; worker-src 'unsafe-eval'`), "allows 'unsafe-eval'"],
    ['a wildcard host', page(`${strict}; connect-src https://*.example.org`), 'wildcard'],
    ['a bare scheme', page(`${strict}; img-src https:`), 'scheme source'],
    ['default-src self', page(strict.replace("default-src 'none'", "default-src 'self'")), 'default-src'],
    ['no trusted types', page(strict.replace("; require-trusted-types-for 'script'", '')), 'require-trusted-types-for'],
    ['an inline script', page(strict, '<script>alert(1)</script>'), 'inline script'],
    ['a script from elsewhere', page(strict, '<script src="https://cdn.example/x.js"></script>'), 'another origin'],
  ])('rejects %s', (_name, html, problem) => {
    expect(cspProblems(html).join('\n')).toContain(problem);
  });
});
