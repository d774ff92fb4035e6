// The last good version of each policy file the app saw, kept in the app's state folder: when a
// file later cannot be parsed (a half-written edit, a broken roll-out) or is refused, the app keeps
// what it last believed from that file instead of dropping its locks.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { policySchema } from './policy-schema.ts';
import { settingKeySchema } from './settings-schema.ts';
import type { FileVerdict } from './policy-validate.ts';

const entrySchema = z.object({ seen: z.string(), policy: policySchema, invalidLocks: z.array(settingKeySchema) });
export type CachedPolicyFile = z.infer<typeof entrySchema>;

/** $XDG_STATE_HOME/werkplek (~/.local/state/werkplek): where the app keeps state that is not settings. */
export function defaultPolicyStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME?.trim() || join(homedir(), '.local', 'state'), 'werkplek');
}

export class PolicyCache {
  private readonly file: string;
  private readonly entries = new Map<string, CachedPolicyFile>();
  private changed = false;

  constructor(stateDir: string) {
    this.file = join(stateDir, 'policy-last-good.json');
    try {
      const raw = (JSON.parse(readFileSync(this.file, 'utf8')) as { files?: Record<string, unknown> }).files ?? {};
      // Each entry is checked again: an entry that is not a policy is no last good version.
      for (const [path, value] of Object.entries(raw)) {
        const entry = entrySchema.safeParse(value);
        if (entry.success) this.entries.set(path, entry.data);
      }
    } catch {
      // No cache yet, or an unreadable one: nothing to fall back on.
    }
  }

  get(path: string): CachedPolicyFile | undefined {
    return this.entries.get(path);
  }

  /** Cached files in `dir` (for a policy.d folder that cannot be listed or trusted any more). */
  under(dir: string): string[] {
    return [...this.entries.keys()].filter((path) => path.startsWith(`${dir}/`)).sort();
  }

  remember(path: string, verdict: FileVerdict, now: Date): void {
    const before = this.entries.get(path);
    const entry: CachedPolicyFile = { seen: now.toISOString(), policy: verdict.policy, invalidLocks: verdict.invalidLocks };
    if (before && JSON.stringify({ ...before, seen: '' }) === JSON.stringify({ ...entry, seen: '' })) return;
    this.entries.set(path, entry);
    this.changed = true;
  }

  forget(path: string): void {
    if (this.entries.delete(path)) this.changed = true;
  }

  /** Writes the cache if it changed; a failure only costs the fallback, so it is reported, not thrown. */
  save(): string | null {
    if (!this.changed) return null;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true, mode: 0o700 });
      const temp = `${this.file}.tmp-${process.pid}`;
      writeFileSync(temp, `${JSON.stringify({ version: 1, files: Object.fromEntries(this.entries) }, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, this.file);
      this.changed = false;
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
