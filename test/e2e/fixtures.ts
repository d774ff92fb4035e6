// Starts a real preview host (core services + renderer + WebSocket bridge) per test file, with its
// own data folder and, when asked, a policy file. Tests then drive Chromium against it.
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface PreviewHost {
  url: string;
  dataDir: string;
  output: string[];
  stop(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

/** `firstRun`: start as a new person would, with the first-run guide; otherwise it counts as done (the other specs test the rest of the UI). */
export async function startPreviewHost(options: { policy?: unknown; locale?: string; env?: Record<string, string>; firstRun?: boolean } = {}): Promise<PreviewHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'werkplek-e2e-'));
  if (!options.firstRun) writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ 'general.firstRunDone': true }));
  const policyFile = join(dataDir, 'policy.json');
  if (options.policy !== undefined) writeFileSync(policyFile, typeof options.policy === 'string' ? options.policy : JSON.stringify(options.policy, null, 2));
  const child: ChildProcess = spawn(process.execPath, [join(root, 'electron/preview/main.ts')], {
    cwd: root,
    env: { ...process.env, WERKPLEK_PREVIEW_PORT: '0', WERKPLEK_DATA_DIR: dataDir, WERKPLEK_POLICY: policyFile, WERKPLEK_LOCALE: options.locale ?? 'en-GB', XDG_DATA_HOME: join(dataDir, 'xdg-data'), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview host did not start:\n${output.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /Werkplek preview: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`preview host exited with ${code}:\n${output.join('')}`)));
  });
  return {
    url,
    dataDir,
    output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export const test = base.extend<{ preview: PreviewHost }>({
  preview: async ({}, use) => {
    const host = await startPreviewHost();
    await use(host);
    await host.stop();
  },
});

export { expect };
