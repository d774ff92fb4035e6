// Electronegativity over the Electron code (main, preload, core) and the shell UI (renderer):
// no finding of severity >= MEDIUM with confidence >= FIRM unless build/security-review.json
// justifies it, no stale justification, and no file the tool could not parse.
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Finding { id: string; severity: string; confidence: string; file: string; line: number; sample: string; description: string }
interface Review { accepted: Array<{ check: string; file: string; reason: string }> }

const severities = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
const confidences = ['TENTATIVE', 'FIRM', 'CERTAIN'];
const gated = (f: Finding) => severities.indexOf(f.severity) >= severities.indexOf('MEDIUM') && confidences.indexOf(f.confidence) >= confidences.indexOf('FIRM');

// The installed Electron's version (read as a file: only electron/main and preload may import electron).
const electronVersion = (JSON.parse(readFileSync(join('node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const review = JSON.parse(readFileSync('build/security-review.json', 'utf8')) as Review;
type Result = { issues: Finding[]; errors: Array<{ file: string; message: string }> };
let result: Result;
let insecure: Result;

function scan(fill: (input: string) => void): Result {
  const input = mkdtempSync(join(tmpdir(), 'werkplek-electronegativity-'));
  try {
    fill(input);
    const output = join(input, 'result.json');
    execFileSync(process.execPath, ['test/unit/security/electronegativity-run.mjs', input, output, electronVersion], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
    return JSON.parse(readFileSync(output, 'utf8')) as Result;
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}

beforeAll(() => {
  // Only the code that runs in Electron: not the CLI or the preview host (plain Node processes).
  result = scan((input) => {
    for (const dir of ['electron/main', 'electron/preload', 'electron/core', 'renderer/src']) cpSync(dir, join(input, dir), { recursive: true });
    mkdirSync(join(input, 'renderer'), { recursive: true });
    cpSync('renderer/index.html', join(input, 'renderer/index.html'));
  });
  // The gate must be able to fail: a window with Node integration and no isolation.
  insecure = scan((input) => {
    cpSync('test/unit/security/fixtures/insecure-main.js.txt', join(input, 'main.js'));
  });
}, 240_000);

describe('Electronegativity', () => {
  it('catches an insecure window (the gate is not vacuous)', () => {
    const ids = insecure.issues.filter(gated).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']));
  });

  it('parsed every file', () => {
    expect(result.errors).toEqual([]);
  });

  it('has no unreviewed finding of severity >= MEDIUM and confidence >= FIRM', () => {
    const open = result.issues.filter(gated).filter((f) => !review.accepted.some((a) => a.check === f.id && a.file === f.file));
    const report = open.map((f) => `${f.id} ${f.severity}/${f.confidence} ${f.file}:${f.line} ${f.sample}\n  ${f.description}`);
    expect(report, 'fix these, or justify them in build/security-review.json').toEqual([]);
  });

  it('has no stale justification', () => {
    const stale = review.accepted.filter((a) => !result.issues.some((f) => gated(f) && f.id === a.check && f.file === a.file));
    expect(stale, 'remove these entries from build/security-review.json').toEqual([]);
    for (const entry of review.accepted) expect(entry.reason.length).toBeGreaterThan(40);
  });

  it('lists the remaining low-confidence or low-severity findings for review', () => {
    const rest = result.issues.filter((f) => !gated(f));
    // Printed, not gated: OPEN_EXTERNAL (TENTATIVE) points at callers of the vetted opener, for instance.
    for (const f of rest) console.info(`electronegativity (not gated): ${f.id} ${f.severity}/${f.confidence} ${f.file}:${f.line}`);
    expect(rest.every((f) => !gated(f))).toBe(true);
  });
});
