// Placeholder until the notify capability lands its CLI (owned by that capability).
export async function runNotifyCommand(_argv: string[]): Promise<number> {
  process.stderr.write('werkplek notify: not available in this build yet\n');
  return 1;
}
