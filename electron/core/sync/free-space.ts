// Keeps a reserve of free space on the sync folder's disk: a download that would leave less than
// the reserve is not started (it waits, and the next run tries again) instead of filling the disk
// under the person's other work. What the reserve cannot foresee (another program filling the disk
// meanwhile) is still caught as ENOSPC by propagate.ts, as before.
import { statfs } from 'node:fs/promises';

const MiB = 1024 * 1024;

/**
 * The automatic reserve: the larger of 1 GiB and 5 % of the disk, at most 10 GiB (5 % of a 2 TB disk
 * would hold 100 GB back on a disk with plenty of room).
 */
export const AUTOMATIC_RESERVE = { minBytes: 1024 * MiB, fraction: 0.05, maxBytes: 10 * 1024 * MiB } as const;

/**
 * The setting `sync.freeSpaceReserveMiB`: null = automatic, 0 = no reserve (only a full disk stops
 * downloads), otherwise that many MiB.
 */
export function reserveBytes(diskBytes: number, settingMiB: number | null): number {
  if (settingMiB !== null) return settingMiB * MiB;
  const share = Math.min(Math.ceil(diskBytes * AUTOMATIC_RESERVE.fraction), AUTOMATIC_RESERVE.maxBytes);
  return Math.max(AUTOMATIC_RESERVE.minBytes, share);
}

/** A download not started because it would cross the reserve: the item waits for the next run. */
export class WaitingForSpace extends Error {
  readonly needed: number;
  readonly available: number;
  readonly reserve: number;
  constructor(needed: number, available: number, reserve: number) {
    super(`waiting for disk space: this file needs ${mib(needed)}, ${mib(available)} is free and ${mib(reserve)} is kept free; free some space and it downloads by itself`);
    this.name = 'WaitingForSpace';
    this.needed = needed;
    this.available = available;
    this.reserve = reserve;
  }
}

const mib = (bytes: number): string => (bytes < MiB ? `${Math.ceil(bytes / 1024)} KiB` : `${Math.ceil(bytes / MiB)} MiB`);

export interface DiskSpace {
  /** Bytes an unprivileged process may still write. */
  free: number;
  /** Size of the file system. */
  total: number;
}

export async function diskSpace(dir: string): Promise<DiskSpace> {
  const s = await statfs(dir);
  return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
}

/**
 * Hands out room for downloads running at the same time: each claims its bytes before it starts
 * and releases them when it ends (then they are on the disk, or gone again), so six parallel
 * downloads cannot each see the same free space.
 */
export class SpaceReserve {
  private claimed = 0;
  /** Bytes that may still be handed out without asking the disk again; re-measured at least every second. */
  private headroom = 0;
  private measuredAt = -Infinity;
  private last = { free: 0, reserve: 0 };
  private readonly dir: string;
  private readonly settingMiB: number | null;
  private readonly measure: (dir: string) => Promise<DiskSpace>;

  constructor(dir: string, settingMiB: number | null, measure: (dir: string) => Promise<DiskSpace> = diskSpace) {
    this.dir = dir;
    this.settingMiB = settingMiB;
    this.measure = measure;
  }

  /** Room for `bytes` more, or WaitingForSpace. Returns the release (safe to call twice). */
  async claim(bytes: number): Promise<() => void> {
    if (this.settingMiB === 0) return () => {};
    // Thousands of small downloads need not each ask the disk: what was handed out since the last
    // look is subtracted (released bytes are not given back: they are on the disk now).
    if (bytes > this.headroom || performance.now() - this.measuredAt > 1000) {
      const { free, total } = await this.measure(this.dir);
      this.last = { free, reserve: reserveBytes(total, this.settingMiB) };
      this.headroom = free - this.last.reserve - this.claimed;
      this.measuredAt = performance.now();
    }
    if (bytes > this.headroom) throw new WaitingForSpace(bytes, Math.max(0, this.last.free - this.claimed), this.last.reserve);
    this.headroom -= bytes;
    this.claimed += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.claimed -= bytes;
    };
  }
}
