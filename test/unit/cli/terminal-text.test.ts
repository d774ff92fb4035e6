// terminalSafe: what the CLI does to every human-readable line before a terminal sees it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TerminalWriter, terminalSafe } from '../../../electron/cli/terminal-text.ts';

// What must never reach a terminal raw: C0, DEL, C1, bidi controls and marks, line/paragraph
// separators, lone surrogates.
const forbidden = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The inverse of terminalSafe, written independently: if it round-trips, no two inputs share an output. */
function unescape(text: string): string {
  const short: Record<string, string> = { '\\': '\\', n: '\n', r: '\r', t: '\t' };
  return text.replace(/\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|(.))/gsu, (whole, x?: string, u?: string, c?: string) => {
    if (x ?? u) return String.fromCharCode(parseInt((x ?? u)!, 16));
    if (c !== undefined && c in short) return short[c]!;
    throw new Error(`not an escape: ${whole}`);
  });
}

// Code units of every kind: whole code points, lone surrogates, and a few characters that an
// ambiguous escaping would confuse with each other.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const tricky = fc.constantFrom('\\', 'x', 'u', '1', 'b', 'n', 'r', '0', '2', 'e', '\x1b', '\n', '\r', '\u202e', '\ud83d', '\ude00');
const anyText = fc.string({ unit: fc.oneof(codeUnit, tricky, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 });

describe('terminalSafe', () => {
  it.each([
    ['plain text', 'report 2026.pdf', 'report 2026.pdf'],
    ['letters and symbols beyond ASCII', 'café ✓ 日本 😀 \u00a0nbsp', 'café ✓ 日本 😀 \u00a0nbsp'],
    ['a backslash', 'C:\\temp', 'C:\\\\temp'],
    ['OSC 0 (window title) ended by BEL', '\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'],
    ['CSI 2J (clear screen)', '\x1b[2J', '\\x1b[2J'],
    ['cursor movement', '\x1b[3A\x1b[10C', '\\x1b[3A\\x1b[10C'],
    ['a newline and a carriage return', 'a\r\n✓ synced', 'a\\r\\n✓ synced'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['NUL and the last C0', '\x00\x1f', '\\x00\\x1f'],
    ['DEL', '\x7f', '\\x7f'],
    ['C1 controls (8-bit CSI, the last one)', '\x80\x9b\x9f', '\\x80\\x9b\\x9f'],
    ['right-to-left override', 'evil\u202etxt.exe', 'evil\\u202etxt.exe'],
    ['the other bidi embeddings and overrides', '\u202a\u202b\u202c\u202d', '\\u202a\\u202b\\u202c\\u202d'],
    ['bidi isolates', '\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['bidi marks', '\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
    ['line and paragraph separators', '\u2028\u2029', '\\u2028\\u2029'],
    ['lone surrogates', '\ud800 \udfff', '\\ud800 \\udfff'],
    ['a text that looks like an escape already', '\\x1b', '\\\\x1b'],
  ])('%s', (_name, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  it('never lets a control, bidi or format character or a lone surrogate through', () => {
    fc.assert(fc.property(anyText, (text) => !forbidden.test(terminalSafe(text))));
  });

  it('maps distinct inputs to distinct outputs (it can be undone)', () => {
    fc.assert(fc.property(anyText, (text) => unescape(terminalSafe(text)) === text));
    fc.assert(fc.property(anyText, anyText, (a, b) => a === b || terminalSafe(a) !== terminalSafe(b)));
  });

  it('leaves text without such characters as it is', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => forbidden.test(text) || text.includes('\\') || terminalSafe(text) === text));
  });
});

describe('TerminalWriter', () => {
  const capture = () => {
    let written = '';
    return { writer: new TerminalWriter({ write: (chunk: string | Uint8Array) => ((written += String(chunk)), true) }), written: () => written };
  };

  it('writes each argument as one line, its own line breaks escaped', () => {
    const out = capture();
    out.writer.line('skipped: a\n✓ synced: x', '', 'done');
    expect(out.written()).toBe('skipped: a\\n✓ synced: x\n\ndone\n');
  });

  it('keeps the line breaks of the CLI’s own text', () => {
    const out = capture();
    out.writer.ownText('Usage: werkplek\n\n  --help\n');
    expect(out.written()).toBe('Usage: werkplek\n\n  --help\n');
  });

  it('writes JSON exactly as JSON.stringify does', () => {
    const out = capture();
    const value = { path: 'a\x1b]0;x\x07\n\u202e\x9b', n: 1 };
    out.writer.json(value);
    out.writer.json(value, 2);
    expect(out.written()).toBe(`${JSON.stringify(value)}\n${JSON.stringify(value, null, 2)}\n`);
  });

  it('clears a progress bar before the next line, and escapes what the bar shows', () => {
    const out = capture();
    out.writer.bar('[##--] 50% \x1b[2J');
    out.writer.bar('[###-] 75%');
    out.writer.line('error: x');
    out.writer.line('in sync');
    expect(out.written()).toBe('\r\x1b[2K[##--] 50% \\x1b[2J\r\x1b[2K[###-] 75%\r\x1b[2Kerror: x\nin sync\n');
  });
});

describe('the CLI’s output', () => {
  it('goes through terminal-text.ts only: no other file of electron/cli writes to stdout or stderr itself', () => {
    const dir = resolve(import.meta.dirname, '../../../electron/cli');
    const writers = readdirSync(dir)
      .filter((name) => name.endsWith('.ts') && name !== 'terminal-text.ts')
      .filter((name) => /process\.(stdout|stderr)\.write|console\.\w+\(/.test(readFileSync(join(dir, name), 'utf8')));
    expect(writers).toEqual([]);
  });
});
