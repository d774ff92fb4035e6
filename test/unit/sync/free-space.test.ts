// The reserve's size (free-space.ts): the larger of 1 GiB and 5 % of the disk, at most 10 GiB,
// unless the setting says otherwise; and claims of parallel downloads add up.
import { describe, expect, it } from 'vitest';
import { reserveBytes, SpaceReserve, WaitingForSpace } from '../../../electron/core/sync/free-space.ts';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('reserveBytes', () => {
  it.each([
    ['a 16 GiB disk: 1 GiB (5 % is less)', 16 * GiB, null, 1 * GiB],
    ['a 100 GiB disk: 5 %', 100 * GiB, null, 5 * GiB],
    ['a 2 TiB disk: capped at 10 GiB', 2048 * GiB, null, 10 * GiB],
    ['the setting wins, even above the automatic value', 16 * GiB, 4096, 4 * GiB],
    ['0: no reserve', 2048 * GiB, 0, 0],
  ])('%s', (_label, disk, setting, expected) => {
    expect(reserveBytes(disk, setting)).toBe(expected);
  });
});

describe('SpaceReserve', () => {
  // The disk is a number here: what is tested is the arithmetic of claims, not statfs (the tmpfs test does that).
  const disk = (free: number) => async () => ({ free, total: 100 * MiB });

  it('counts the claims of downloads still running, and gives them back on release', async () => {
    const reserve = new SpaceReserve('/unused', 8, disk(16 * MiB));
    const release = await reserve.claim(5 * MiB);
    await expect(reserve.claim(5 * MiB)).rejects.toBeInstanceOf(WaitingForSpace);
    release();
    release(); // twice is harmless
    await expect(reserve.claim(5 * MiB)).resolves.toBeTypeOf('function');
  });

  it('with the setting 0 never asks the disk', async () => {
    const reserve = new SpaceReserve('/unused', 0, () => Promise.reject(new Error('asked')));
    await expect(reserve.claim(10 * GiB)).resolves.toBeTypeOf('function');
  });
});
