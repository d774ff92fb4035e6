// Helpers for relative sync paths ('A/b.txt'; '' is the root).
import type { SyncPath } from './model.ts';

export const isUnder = (p: SyncPath, prefix: SyncPath): boolean => prefix === '' || p === prefix || p.startsWith(`${prefix}/`);

export const parentOf = (p: SyncPath): SyncPath => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

export const baseName = (p: SyncPath): string => p.slice(p.lastIndexOf('/') + 1);

export const joinPath = (dir: SyncPath, name: string): SyncPath => (dir === '' ? name : `${dir}/${name}`);

/** Keys strictly below `p` in a sorted key list ('/' sorts just before '0', so they form one range). */
export function subtreeKeys(sorted: SyncPath[], p: SyncPath): SyncPath[] {
  if (p === '') return sorted.filter((k) => k !== '');
  const lo = lowerBound(sorted, `${p}/`);
  const hi = lowerBound(sorted, `${p}0`);
  return sorted.slice(lo, hi);
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Moves every entry at or below `from` to the same place below `to` (a folder move). */
export function rebase<T extends { path: SyncPath; name?: string }>(map: Map<SyncPath, T>, from: SyncPath, to: SyncPath): void {
  const moved: T[] = [];
  for (const [key, value] of map) {
    if (!isUnder(key, from) || from === '') continue;
    map.delete(key);
    const path = to + key.slice(from.length);
    const next = { ...value, path };
    if (typeof value.name === 'string') next.name = path;
    moved.push(next);
  }
  for (const entry of moved) map.set(entry.path, entry);
}
