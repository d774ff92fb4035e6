// matrix-js-sdk binds some log calls to the console when its modules load (the "ignoring duplicate
// event" line of EventTimelineSet): importing sdk-logger.ts first must keep them off stdout, which
// `werkplek notify` reserves for its JSON lines. Run in a fresh process, as module load order matters.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const duplicateEvent = (firstImport: string) => `
${firstImport}
import { Room, MatrixEvent, createClient } from 'matrix-js-sdk';
const client = createClient({ baseUrl: 'http://127.0.0.1:1', userId: '@a:x' });
const room = new Room('!r:x', client, '@a:x');
const ev = new MatrixEvent({ event_id: '$dup', type: 'm.room.message', sender: '@b:x', room_id: '!r:x', content: { body: 'x' }, origin_server_ts: 1 });
await room.addLiveEvents([ev], { addToState: false });
await room.addLiveEvents([ev], { addToState: false });
const { logger } = await import('matrix-js-sdk/lib/logger.js');
logger.warn('a warning from the SDK');
`;

function run(script: string): { stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return { stdout: child.stdout, stderr: child.stderr };
}

describe('the SDK root logger', () => {
  it('without the routing, the SDK prints "ignoring duplicate event" on stdout (what this guards against)', () => {
    expect(run(duplicateEvent('')).stdout).toContain('EventTimelineSet.addLiveEvent: ignoring duplicate event $dup');
  });

  it('imported first, sdk-logger.ts keeps stdout empty and hands warnings to the log sink', () => {
    const script = duplicateEvent(`import { routeSdkRootLogger } from ${JSON.stringify(resolve(root, 'electron/core/matrix/sdk/sdk-logger.ts'))};
routeSdkRootLogger((level, message) => process.stderr.write(level + ' ' + message + '\\n'));`);
    const { stdout, stderr } = run(script);
    expect(stdout).toBe('');
    expect(stderr).toContain('warn matrix-sdk: a warning from the SDK');
  });
});
