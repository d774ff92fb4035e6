// Run async work over a list with at most `limit` in flight: in list order (mapLimit), or in
// folder order, where an item starts only once the folder it is in has been made (mapTreeOrder).

export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export interface TreeItems<T> {
  /** Sorted so that a folder comes before everything in it (path order does that). */
  items: readonly T[];
  /** The item's path, and the path of the folder it is in. */
  path(item: T): string;
  parent(path: string): string;
  /** The item makes the folder at its path: items in that folder wait for it. */
  makesFolder(item: T): boolean;
}

/**
 * Runs `work` over a tree's items, at most `limit` at once, each only after the item that makes
 * its folder (if there is one) has finished. The first item that can start goes first, in list
 * order: an item whose folder is still being made does not hold a slot, the slot takes the next
 * item that can start instead (often the next folder). So a first sync of a wide tree keeps every
 * slot busy instead of idling on each folder's MKCOL, and its first files still go out right after
 * their folder. `work` must not throw (report failures itself): the items inside a folder whose
 * making failed still run, and fail or succeed on their own.
 */
export async function mapTreeOrder<T>(tree: TreeItems<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const { items } = tree;
  const ready = new IndexHeap();
  const waiting = new Map<number, number[]>(); // folder item's index → the items inside it
  const folderAt = new Map<string, number>();
  items.forEach((item, index) => {
    const path = tree.path(item);
    const folder = folderAt.get(tree.parent(path));
    if (folder === undefined) ready.push(index);
    else {
      const inside = waiting.get(folder);
      if (inside) inside.push(index);
      else waiting.set(folder, [index]);
    }
    if (tree.makesFolder(item)) folderAt.set(path, index);
  });
  let running = 0;
  let sleeping: (() => void)[] = [];
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = ready.pop();
      if (index === undefined) {
        if (running === 0) return; // nothing can start and nothing will release more: all done
        await new Promise<void>((wake) => sleeping.push(wake));
        continue;
      }
      running++;
      try {
        await work(items[index]!);
      } finally {
        running--;
        for (const inside of waiting.get(index) ?? []) ready.push(inside);
        waiting.delete(index);
        const wake = sleeping;
        sleeping = [];
        for (const w of wake) w();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** A binary min-heap of list indices: the earliest item that can start is taken first. */
class IndexHeap {
  private readonly heap: number[] = [];

  push(value: number): void {
    const h = this.heap;
    let i = h.push(value) - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (h[up]! <= value) break;
      h[i] = h[up]!;
      i = up;
    }
    h[i] = value;
  }

  pop(): number | undefined {
    const h = this.heap;
    if (h.length <= 1) return h.pop();
    const top = h[0]!;
    const last = h.pop()!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= h.length) break;
      if (child + 1 < h.length && h[child + 1]! < h[child]!) child++;
      if (h[child]! >= last) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
    return top;
  }
}
