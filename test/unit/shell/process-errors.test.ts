// What nobody waited for is logged, not shown as Electron's modal error box.
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { installProcessErrorLog, logFailure } from '../../../electron/main/process-errors.ts';

const recordingLog = () => {
  const lines: string[] = [];
  const log = { info: () => {}, warn: (message: string, detail?: unknown) => void lines.push(`warn ${message}: ${String(detail)}`), error: (message: string, detail?: unknown) => void lines.push(`error ${message}: ${String(detail).split('\n')[0]}`) };
  return { log, lines };
};

describe('main process errors', () => {
  it('the process-level handler logs unhandled rejections and exceptions, and can be removed', () => {
    const { log, lines } = recordingLog();
    const proc = new EventEmitter();
    const uninstall = installProcessErrorLog(log, proc as never);
    proc.emit('unhandledRejection', new Error('net::ERR_ABORTED'));
    proc.emit('uncaughtException', new TypeError('Object has been destroyed'));
    expect(lines).toEqual(['error main: unhandled rejection: Error: net::ERR_ABORTED', 'error main: uncaught exception: TypeError: Object has been destroyed']);
    uninstall();
    expect(proc.listenerCount('unhandledRejection') + proc.listenerCount('uncaughtException')).toBe(0);
  });

  it('logFailure turns a rejection into one warning', async () => {
    const { log, lines } = recordingLog();
    await Promise.reject(new Error('no handler for mailto:')).catch(logFailure(log, 'opening mailto:x outside Werkplek'));
    expect(lines).toEqual(['warn opening mailto:x outside Werkplek failed: no handler for mailto:']);
  });
});
