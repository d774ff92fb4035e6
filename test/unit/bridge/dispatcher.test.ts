// The dispatcher is the one gate every incoming bridge message passes, in both transports.
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/bridge/dispatcher.ts';
import { commandNames, commands, type CommandHandlers } from '../../../electron/core/bridge/contract.ts';
import { createTestCore } from '../../fixtures/test-core.ts';

function collectingLog() {
  const warnings: string[] = [];
  return { warnings, log: { warn: (message: string) => warnings.push(message) } };
}

describe('bridge dispatcher', async () => {
  const core = await createTestCore();
  const { warnings, log } = collectingLog();
  const dispatch = createDispatcher(core.handlers, log);

  it('answers a valid call with the validated value', async () => {
    const reply = await dispatch({ kind: 'call', id: 7, name: 'settings.get', input: {} });
    expect(reply).toMatchObject({ kind: 'reply', id: 7, ok: true });
    expect(reply.ok && (reply.value as { values: Record<string, unknown> }).values['general.locale']).toBe('auto');
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['wrong kind', { kind: 'event', id: 1, name: 'settings.get', input: {} }],
    ['negative id', { kind: 'call', id: -1, name: 'settings.get', input: {} }],
    ['extra field', { kind: 'call', id: 1, name: 'settings.get', input: {}, evil: true }],
    ['name not a string', { kind: 'call', id: 1, name: 42, input: {} }],
  ])('rejects a malformed message (%s) with an error reply', async (_label, raw) => {
    const reply = await dispatch(raw);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
  });

  it('rejects an unknown command, including inherited property names', async () => {
    for (const name of ['nope', 'constructor', '__proto__', 'toString']) {
      const reply = await dispatch({ kind: 'call', id: 2, name, input: {} });
      expect(reply).toMatchObject({ id: 2, ok: false, error: { code: 'unknown-command' } });
    }
  });

  it('rejects bad input with the offending field named', async () => {
    const reply = await dispatch({ kind: 'call', id: 3, name: 'settings.set', input: { key: 'no.such.key', value: 1 } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(!reply.ok && reply.error.message).toContain('key');
    const extra = await dispatch({ kind: 'call', id: 4, name: 'settings.get', input: { sneaky: 1 } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('turns a failing handler into an error reply, not an exception', async () => {
    const reply = await dispatch({ kind: 'call', id: 5, name: 'settings.set', input: { key: 'sync.parallelTransfers', value: 'many' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'failed' } });
  });

  it('refuses a handler result outside the contract', async () => {
    const broken = { ...core.handlers, 'shell.badges': async () => ({ chat: -1 }) } as CommandHandlers;
    const reply = await createDispatcher(broken, log)({ kind: 'call', id: 6, name: 'shell.badges', input: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-output' } });
  });

  it('logs what it rejects', () => {
    expect(warnings.some((w) => w.includes('malformed'))).toBe(true);
    expect(warnings.some((w) => w.includes('unknown command'))).toBe(true);
  });

  it('has a handler for every command of the contract', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...commandNames].sort());
    expect(commandNames.length).toBe(Object.keys(commands).length);
  });
});
