// mapTreeOrder: items wait only for the item that makes their folder, and a waiting item never
// holds a slot. Timing is driven by hand (each item's work is a promise the test settles).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mapLimit, mapTreeOrder, type TreeItems } from '../../../electron/core/sync/pool.ts';

interface Item { path: string; folder: boolean }

const parent = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const tree = (items: Item[]): TreeItems<Item> => ({
  items: [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  path: (i) => i.path, parent, makesFolder: (i) => i.folder,
});

/** Runs mapTreeOrder with work that finishes only when the test says so. */
function controlled(items: Item[], limit: number) {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  let running = 0;
  let maxRunning = 0;
  const done = mapTreeOrder(tree(items), limit, (item) => {
    started.push(item.path);
    running++;
    maxRunning = Math.max(maxRunning, running);
    return new Promise<void>((resolve) => finishers.set(item.path, () => { running--; resolve(); }));
  });
  const settle = (): Promise<void> => new Promise((r) => setImmediate(r));
  return {
    started, done,
    get running() { return running; },
    get maxRunning() { return maxRunning; },
    async finish(path: string): Promise<void> {
      const f = finishers.get(path);
      if (!f) throw new Error(`${path} has not started`);
      f();
      await settle();
    },
    settle,
  };
}

describe('mapTreeOrder', () => {
  it('a slot whose next item waits for its folder takes the next folder instead of idling', async () => {
    const items: Item[] = [];
    for (const d of ['a', 'b', 'c']) {
      items.push({ path: d, folder: true });
      for (let f = 0; f < 4; f++) items.push({ path: `${d}/${f}`, folder: false });
    }
    const run = controlled(items, 3);
    await run.settle();
    // a's files cannot start before a is made: the other two slots make b and c meanwhile.
    expect(run.started).toEqual(['a', 'b', 'c']);
    await run.finish('a');
    expect(run.started.slice(3)).toEqual(['a/0']); // the freed slot takes a's first file
    await run.finish('c');
    expect(run.started.slice(4)).toEqual(['a/1']); // c's files are ready, but a's come first in path order
    await run.finish('b');
    expect(run.started.slice(5)).toEqual(['a/2']);
    for (const p of ['a/0', 'a/1', 'a/2']) await run.finish(p);
    expect(run.started.slice(6)).toEqual(['a/3', 'b/0', 'b/1']);
  });

  it('the first file goes out right after its folder, before folders further down the list', async () => {
    const items: Item[] = [{ path: 'a', folder: true }, { path: 'a/x', folder: false }, { path: 'b', folder: true }];
    const run = controlled(items, 1);
    await run.settle();
    await run.finish('a');
    expect(run.started).toEqual(['a', 'a/x']);
    await run.finish('a/x');
    await run.finish('b');
    await run.done;
  });

  it('an empty list finishes at once', async () => {
    await expect(mapTreeOrder(tree([]), 4, async () => undefined)).resolves.toBeUndefined();
  });

  it('any tree: every item runs once, after its folder, never more than the limit at once', async () => {
    const paths = fc.uniqueArray(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')), { maxLength: 40 });
    await fc.assert(fc.asyncProperty(paths, fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(3), { minLength: 1 }), async (list, limit, delays) => {
      // Every path's parents are folders in the list too (as in a plan of a new tree).
      const all = new Set<string>();
      for (const p of list) for (let q = p; q !== ''; q = parent(q)) all.add(q);
      const items = [...all].map((path) => ({ path, folder: [...all].some((o) => o.startsWith(`${path}/`)) || path.length % 2 === 0 }));
      const finished = new Set<string>();
      const order: string[] = [];
      let running = 0;
      let max = 0;
      let n = 0;
      await mapTreeOrder(tree(items), limit, async (item) => {
        const folder = parent(item.path);
        if (folder !== '' && items.find((i) => i.path === folder)?.folder) expect(finished.has(folder)).toBe(true);
        running++;
        max = Math.max(max, running);
        order.push(item.path);
        for (let t = delays[n++ % delays.length]!; t > 0; t--) await new Promise((r) => setImmediate(r));
        running--;
        finished.add(item.path);
      });
      expect([...order].sort()).toEqual([...all].sort());
      expect(max).toBeLessThanOrEqual(limit);
    }), { numRuns: 150 });
  });
});

describe('mapLimit', () => {
  it('keeps results in input order with at most `limit` in flight', async () => {
    let running = 0;
    let max = 0;
    const results = await mapLimit([5, 1, 3, 2, 4], 2, async (x) => {
      running++;
      max = Math.max(max, running);
      for (let t = x; t > 0; t--) await new Promise((r) => setImmediate(r));
      running--;
      return x * 10;
    });
    expect(results).toEqual([50, 10, 30, 20, 40]);
    expect(max).toBe(2);
  });
});
