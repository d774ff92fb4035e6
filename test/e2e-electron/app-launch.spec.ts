// The real app under Electron: the shell window, its hardening, the single-instance lock.
// Needs the Electron binary and `npm run build`; skips with the reason where it is missing.
import { test, expect, _electron as electron } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronBinary, electronSkipReason } from './electron-binary.ts';

const binary = electronBinary();
const skip = electronSkipReason(); // no binary, no display (run under Xvfb) or root (the sandbox stays on)
const root = resolve(import.meta.dirname, '../..');

test.beforeAll(() => {
  if (skip) console.log(`[electron e2e] skipped: ${skip}`);
});

test('opens the shell window with the demo apps, isolated from Node', async () => {
  test.skip(skip !== null, skip ?? '');
  const userData = mkdtempSync(join(tmpdir(), 'werkplek-electron-'));
  const app = await electron.launch({
    executablePath: (binary as { path: string }).path,
    args: [root, `--user-data-dir=${userData}`],
    env: { ...process.env, WERKPLEK_POLICY: join(userData, 'no-policy.json') },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('tablist', { name: 'Apps' }).getByRole('tab')).toHaveCount(3);
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((window as unknown as { werkplek: object }).werkplek).includes('settings.get'))).toBe(true);
    expect(window.url()).toBe('app://werkplek/index.html');
    // Bridge calls work end to end over IPC.
    expect(await window.evaluate(async () => (await (window as unknown as { werkplek: Record<string, (input: object) => Promise<{ host: string }>> }).werkplek['app.info']!({})).host)).toBe('electron');
  } finally {
    await app.close();
  }
});
