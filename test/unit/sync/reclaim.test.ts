// reclaim.ts: a young-generation collection after every RECLAIM_EVERY bytes received (a full one
// at its own interval where asked), and nothing at all where the runtime does not expose gc.
import { describe, expect, it } from 'vitest';
import { RECLAIM_EVERY, reclaimer } from '../../../electron/core/sync/reclaim.ts';

describe('reclaimer', () => {
  it('collects the young generation once per RECLAIM_EVERY bytes, however the bytes come', () => {
    const calls: unknown[] = [];
    const received = reclaimer((options) => calls.push(options));
    for (let sent = 0; sent < 3 * RECLAIM_EVERY - 1; sent += 65_536) received(Math.min(65_536, 3 * RECLAIM_EVERY - 1 - sent));
    expect(calls).toEqual([{ type: 'minor' }, { type: 'minor' }]);
    received(1);
    expect(calls).toHaveLength(3);
  });

  it('collects fully where asked to, at its own interval (uploads)', () => {
    const calls: unknown[] = [];
    const sent = reclaimer((options) => calls.push(options), 1000, 'major');
    sent(999);
    expect(calls).toEqual([]);
    sent(1);
    expect(calls).toEqual([{ type: 'major' }]);
  });

  it('does nothing without gc', () => {
    expect(() => reclaimer(undefined)(10 * RECLAIM_EVERY)).not.toThrow();
  });
});
