// Placeholder until the sync capability lands its CLI (owned by that capability).
export async function runSyncCommand(_argv: string[]): Promise<number> {
  process.stderr.write('werkplek sync: not available in this build yet\n');
  return 1;
}
