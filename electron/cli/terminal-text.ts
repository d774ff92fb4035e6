// All that the `werkplek` command prints goes through here. Human-readable lines quote text from
// outside (file names from a WebDAV server, Matrix room and sender names, message bodies, policy
// file contents): printed raw, an ESC sequence in such a name could set the window title, clear the
// screen or move the cursor, and a newline or carriage return in it could forge a line of output.
// So every line is made safe first: controls and bidi characters become visible escapes. The CLI's
// own line breaks are written here, between the lines, never taken from the text.

/**
 * C0 controls (newline included), DEL, C1 controls, the bidi controls and marks that reorder what
 * is seen (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), the line and paragraph separators
 * (U+2028/9), lone surrogates (they would print as U+FFFD, hiding what they were) and the backslash
 * itself (so that an escape in the output always means one).
 */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const short: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return short[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * `text` as it can be printed on a terminal: unchanged unless it holds a control, bidi or format
 * character, a lone surrogate or a backslash; those are shown as `\x1b`, `\n`, `\r`, `\t`, `\u202e`,
 * `\\`. Distinct texts stay distinct (each escape starts with a backslash, and a backslash is escaped).
 */
export function terminalSafe(text: string): string {
  return text.replace(unsafe, escape);
}

type Stream = Pick<NodeJS.WriteStream, 'write'>;

/** One output stream of the CLI: lines made safe, JSON as it is, and a progress bar on a terminal. */
export class TerminalWriter {
  private readonly stream: Stream;
  private barShown = false;

  constructor(stream: Stream) {
    this.stream = stream;
  }

  /** Writes each argument as one line: made safe (a newline inside it shown as `\n`), then a line break. */
  line(...lines: string[]): void {
    if (!lines.length) return;
    this.clearBar();
    this.stream.write(lines.map((line) => `${terminalSafe(line)}\n`).join(''));
  }

  /**
   * The CLI's own fixed text of several lines (a usage text): each line made safe, its line breaks
   * kept. For texts written in this code only: anything from outside goes through line().
   */
  ownText(text: string): void {
    this.clearBar();
    this.stream.write(text.split('\n').map(terminalSafe).join('\n'));
  }

  /** One JSON value on a line of its own. JSON.stringify escapes controls itself: written as it is. */
  json(value: unknown, indent?: number): void {
    this.stream.write(`${JSON.stringify(value, null, indent)}\n`);
  }

  /** A status line that the next bar() or line() replaces (a progress bar; only for a terminal). */
  bar(text: string): void {
    this.stream.write(`\r\x1b[2K${terminalSafe(text)}`);
    this.barShown = true;
  }

  private clearBar(): void {
    if (this.barShown) this.stream.write('\r\x1b[2K');
    this.barShown = false;
  }
}

export const stdout = new TerminalWriter(process.stdout);
export const stderr = new TerminalWriter(process.stderr);
