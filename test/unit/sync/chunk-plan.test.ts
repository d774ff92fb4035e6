// Chunk sizes and parallel chunks of chunked upload v2: what the capabilities say, and how the size adapts.
import { describe, expect, it } from 'vitest';
import { chunkBoundsFor, chunkingCapabilitiesFrom, ChunkSizer, MAX_CHUNK_NUMBER, MiB, NO_CHUNKING, parallelFor } from '../../../electron/core/sync/chunk-plan.ts';

// The capabilities of a Nextcloud 30 with its defaults (files app: max_size 100 MiB, max_parallel_count 5).
const nextcloud = { dav: { chunking: '1.0', bulkupload: '1.0' }, files: { bigfilechunking: true, chunked_upload: { max_size: 104857600, max_parallel_count: 5 } } };

describe('chunkingCapabilitiesFrom', () => {
  it('reads dav.chunking, files.chunked_upload and dav.chunkingParallelUploadDisabled', () => {
    expect(chunkingCapabilitiesFrom(nextcloud)).toEqual({ chunking: true, maxChunkSize: 100 * MiB, maxParallel: 5, parallelDisabled: false });
    expect(chunkingCapabilitiesFrom({ dav: { chunking: '1.0', chunkingParallelUploadDisabled: true } })).toEqual({ chunking: true, maxChunkSize: null, maxParallel: null, parallelDisabled: true });
  });

  it('takes anything missing, zero, negative or malformed as not announced', () => {
    for (const caps of [null, 'x', {}, { dav: { chunking: '0.9' } }, { dav: { chunking: 1 } }]) expect(chunkingCapabilitiesFrom(caps)).toEqual(NO_CHUNKING);
    expect(chunkingCapabilitiesFrom({ dav: { chunking: '1.0' }, files: { chunked_upload: { max_size: 0, max_parallel_count: -1 } } })).toMatchObject({ maxChunkSize: null, maxParallel: null });
    expect(chunkingCapabilitiesFrom({ dav: { chunking: '1.0' }, files: { chunked_upload: { max_size: 'lots', max_parallel_count: '3' } } })).toMatchObject({ maxChunkSize: null, maxParallel: 3 });
  });
});

describe('parallelFor and chunkBoundsFor', () => {
  it('keeps as many chunks in flight as the server announces, within our ceiling; one where it disables parallel chunks', () => {
    expect(parallelFor(chunkingCapabilitiesFrom(nextcloud))).toBe(5);
    expect(parallelFor({ ...NO_CHUNKING, chunking: true, maxParallel: 2 })).toBe(2);
    expect(parallelFor({ ...NO_CHUNKING, chunking: true, maxParallel: 50 }, 8)).toBe(8);
    expect(parallelFor({ ...NO_CHUNKING, chunking: true })).toBe(5);
    expect(parallelFor({ ...NO_CHUNKING, chunking: true, maxParallel: 5, parallelDisabled: true })).toBe(1);
  });

  it('starts at 10 MiB, between 5 MiB and the announced max_size (else 100 MiB)', () => {
    expect(chunkBoundsFor(NO_CHUNKING)).toEqual({ initial: 10 * MiB, min: 5 * MiB, max: 100 * MiB, targetMs: 5000 });
    expect(chunkBoundsFor({ ...NO_CHUNKING, maxChunkSize: 8 * MiB })).toEqual({ initial: 8 * MiB, min: 5 * MiB, max: 8 * MiB, targetMs: 5000 });
    expect(chunkBoundsFor({ ...NO_CHUNKING, maxChunkSize: 2 * MiB })).toMatchObject({ initial: 2 * MiB, min: 2 * MiB, max: 2 * MiB });
  });
});

describe('ChunkSizer', () => {
  const bounds = { initial: 10 * MiB, min: 5 * MiB, max: 100 * MiB, targetMs: 5000 };

  it('moves halfway toward what the last chunk\'s speed sends in the target time, within the bounds', () => {
    const s = new ChunkSizer(bounds);
    s.record(10 * MiB, 1000); // 10 MiB/s → 50 MiB in 5 s → halfway from 10: 30 MiB
    expect(s.current).toBe(30 * MiB);
    s.record(30 * MiB, 300); // very fast: capped at the maximum
    s.record(100 * MiB, 100);
    expect(s.current).toBe(100 * MiB);
    for (let i = 0; i < 20; i++) s.record(s.current, s.current / (512 * 1024) * 1000); // 0.5 MiB/s → 2.5 MiB: held at the minimum
    expect(s.current).toBe(5 * MiB);
  });

  it('learns nothing from a short last chunk', () => {
    const s = new ChunkSizer(bounds);
    s.record(1000, 1);
    expect(s.current).toBe(10 * MiB);
  });

  it('never plans more than what remains, and never more chunks than numbers are left', () => {
    const s = new ChunkSizer(bounds);
    expect(s.next(3 * MiB, 100)).toBe(3 * MiB);
    expect(s.next(1000 * MiB, MAX_CHUNK_NUMBER)).toBe(10 * MiB);
    // A file too big for 10,000 chunks of the current size: each takes its share of the numbers left.
    expect(s.next(200_000 * MiB, MAX_CHUNK_NUMBER)).toBe(20 * MiB);
    expect(s.next(7 * MiB, 1)).toBe(7 * MiB);
  });

  it('shares the end of a file among the chunks that go at once, never below the minimum', () => {
    const s = new ChunkSizer(bounds);
    s.record(100 * MiB, 100);
    expect(s.current).toBe(100 * MiB);
    expect(s.next(1000 * MiB, MAX_CHUNK_NUMBER, 5)).toBe(100 * MiB);
    expect(s.next(150 * MiB, MAX_CHUNK_NUMBER, 5)).toBe(30 * MiB);
    expect(s.next(12 * MiB, MAX_CHUNK_NUMBER, 5)).toBe(5 * MiB);
    expect(s.next(3 * MiB, MAX_CHUNK_NUMBER, 5)).toBe(3 * MiB);
  });
});
