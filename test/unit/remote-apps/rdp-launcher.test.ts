// The launcher with a real child process: the password reaches FreeRDP's standard input at its
// prompt and nowhere else (not the command line, not the environment); another question is never
// answered with it; a FreeRDP that never asks is stopped.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { launchFreeRdp } from '../../../electron/core/remote-apps/rdp-launcher.ts';
import { fakeFreeRdp } from './fake-freerdp.ts';

const fake = fakeFreeRdp();
afterAll(() => rmSync(fake.dir, { recursive: true, force: true }));
const client = { path: fake.path, dialect: 2 as const };
const secret = 'Zeer-geheim-4711';
const env = (extra: Record<string, string> = {}) => ({ ...process.env, FAKE_RDP_OUT: fake.out, ...extra });

describe('launchFreeRdp', () => {
  it('writes the password at the prompt; it is in neither the command line nor the environment', async () => {
    rmSync(fake.out, { force: true });
    const process = launchFreeRdp({ client, args: ['/v:rds.gemeente.nl', '/u:jan', '/from-stdin:force'], password: secret, env: env({ FAKE_RDP_SLEEP: '1' }) });
    await process.handedOver;
    const cmdline = readFileSync(`/proc/${process.pid}/cmdline`, 'utf8');
    const environ = readFileSync(`/proc/${process.pid}/environ`, 'utf8');
    expect(cmdline).toContain('/u:jan');
    expect(cmdline).not.toContain(secret);
    expect(environ).not.toContain(secret);
    const exit = await process.exited;
    expect(exit).toMatchObject({ code: 0, failure: null });
    expect(readFileSync(fake.out, 'utf8')).toBe(secret);
    expect(exit.output).not.toContain(secret);
  });

  it('never answers another question (a user name prompt) with the password', async () => {
    rmSync(fake.out, { force: true });
    const process = launchFreeRdp({ client, args: [], password: secret, env: env({ FAKE_RDP_PROMPT: 'Username: ' }) });
    await expect(process.handedOver).rejects.toThrow('unexpected-prompt');
    const exit = await process.exited;
    expect(exit.failure).toBe('unexpected-prompt');
    expect(existsSync(fake.out) ? readFileSync(fake.out, 'utf8') : '').not.toContain(secret);
  });

  it('stops a FreeRDP that never asks', async () => {
    const process = launchFreeRdp({ client, args: [], password: secret, env: env({ FAKE_RDP_PROMPT: '', FAKE_RDP_SILENT: '1' }), promptTimeoutMs: 300 });
    await expect(process.handedOver).rejects.toThrow('prompt-timeout');
    expect(await process.exited).toMatchObject({ failure: 'prompt-timeout', signal: 'SIGTERM' });
  });

  it('without a password (single sign-on) standard input is closed at once: a question reads end-of-file', async () => {
    rmSync(fake.out, { force: true });
    const process = launchFreeRdp({ client, args: [], password: null, env: env({ FAKE_RDP_EXIT: '132' }) });
    await process.handedOver;
    expect(await process.exited).toMatchObject({ code: 132, failure: null });
    expect(readFileSync(fake.out, 'utf8')).toBe('');
  });

  it('never sends a password with a line break (the rest would answer FreeRDP\'s next question)', () => {
    rmSync(fake.out, { force: true });
    expect(() => launchFreeRdp({ client, args: [], password: 'abc\nY', env: env() })).toThrow('line break');
    expect(existsSync(fake.out)).toBe(false);
  });

  it('reports a client that cannot be started', async () => {
    const process = launchFreeRdp({ client: { path: `${fake.dir}/missing`, dialect: 2 }, args: [], password: secret });
    expect(await process.exited).toMatchObject({ failure: 'spawn-failed' });
  });
});
