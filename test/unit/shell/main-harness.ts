// Runs the real composition root (electron/main/main.ts) against the Electron double: one call per
// test file (main.ts registers its listeners once per process, as in Electron). The test file
// itself mocks `electron` and `electron-store` (vi.mock is hoisted per file):
//   vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
//   vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));
import { expect, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, DoubleStore, recorded, settle } from './electron-double.ts';
import { callChannel } from '../../../electron/core/bridge/ipc-channels.ts';

export interface MainOptions {
  apps?: Array<Record<string, unknown>>;
  /** Policy-locked settings. */
  locked?: Record<string, unknown>;
  /** Extra command-line arguments (e.g. --hidden). */
  argv?: string[];
  /** What electron-store already holds (by store name), as after an earlier run. */
  stores?: Record<string, Record<string, unknown>>;
}

const trusted = { senderFrame: { url: 'app://werkplek/index.html', parent: null, isDestroyed: () => false } };

/** A bridge call from the shell UI, as the preload sends it. */
export async function call(name: string, input: unknown): Promise<unknown> {
  const reply = (await recorded.ipcHandlers.get(callChannel)!(trusted, name, input)) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!reply.ok) throw new Error(reply.error?.message);
  return reply.value;
}

export async function startMain(options: MainOptions = {}): Promise<{ home: string }> {
  const home = mkdtempSync(join(tmpdir(), 'werkplek-main-'));
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = join(home, '.config');
  const policy = join(home, 'policy.json');
  const apps = options.apps ?? [
    { id: 'chat', name: 'Chat', url: 'https://chat.example.org/' },
    { id: 'files', name: 'Files', url: 'https://files.example.org/' },
  ];
  writeFileSync(policy, JSON.stringify({ apps, ...(options.locked ? { locked: options.locked } : {}) }));
  process.env.WERKPLEK_POLICY = policy;
  (process as unknown as { resourcesPath: string }).resourcesPath = home;
  for (const [name, values] of Object.entries(options.stores ?? {})) DoubleStore.byName.set(name, { ...values });
  app.paths = { userData: join(home, 'userData'), downloads: join(home, 'Downloads'), exe: '/opt/Werkplek/werkplek' };
  process.argv.push(...(options.argv ?? []));
  await import('../../../electron/main/main.ts');
  app.fireReady();
  await vi.waitFor(() => expect(recorded.ipcHandlers.has(callChannel)).toBe(true), { timeout: 20_000 });
  await settle();
  return { home };
}

/** The shell window main opened. */
export const shellWindow = () => recorded.windows[0]!;
