// How big each chunk of a chunked upload is, and how many go at once (chunked-upload.ts).
//
// Size: the first chunk is 10 MiB; after each chunk the size moves halfway toward what that
// chunk's speed would send in TARGET_CHUNK_MS, within [min, max]. 5 s per chunk: a chunk costs one
// request (on Nextcloud ~0.05–0.2 s of PHP start-up, locking and bookkeeping), which stays within a
// few percent of 5 s; and a dropped connection or a crash resends at most ~5 s of work per chunk in
// flight (Nextcloud's own client aims at 60 s, which on a slow link makes every interruption cost a
// minute). The bounds: max is what the server announces (files.chunked_upload.max_size,
// Nextcloud's default 100 MiB), else 100 MiB; min is 5 MiB, the smallest chunk Nextcloud accepts
// except the last. Halfway steps keep one slow or fast chunk from swinging the size.
//
// Parallel: files.chunked_upload.max_parallel_count (Nextcloud's default 5) chunks in flight per
// server; 1 where the server says dav.chunkingParallelUploadDisabled; 5 where it says neither (what
// Nextcloud's own web uploader assumes then).

export const MiB = 1024 * 1024;
export const INITIAL_CHUNK = 10 * MiB;
export const MIN_CHUNK = 5 * MiB;
export const DEFAULT_MAX_CHUNK = 100 * MiB;
export const DEFAULT_PARALLEL = 5;
export const TARGET_CHUNK_MS = 5_000;
/** Chunk numbers are 1..10000 (Nextcloud chunking v2). */
export const MAX_CHUNK_NUMBER = 10_000;

/** What the server's capabilities say about chunked upload. */
export interface ChunkingCapabilities {
  /** dav.chunking ≥ 1.0: chunked upload v2 is there. */
  chunking: boolean;
  /** files.chunked_upload.max_size when positive. */
  maxChunkSize: number | null;
  /** files.chunked_upload.max_parallel_count when positive. */
  maxParallel: number | null;
  /** dav.chunkingParallelUploadDisabled. */
  parallelDisabled: boolean;
}

export const NO_CHUNKING: ChunkingCapabilities = { chunking: false, maxChunkSize: null, maxParallel: null, parallelDisabled: false };

const positiveInt = (value: unknown): number | null => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 1 ? Math.floor(n) : null;
};

/** Reads the `capabilities` object of Nextcloud's OCS capabilities answer; anything missing or malformed counts as not announced. */
export function chunkingCapabilitiesFrom(capabilities: unknown): ChunkingCapabilities {
  if (!capabilities || typeof capabilities !== 'object') return NO_CHUNKING;
  const caps = capabilities as { dav?: { chunking?: unknown; chunkingParallelUploadDisabled?: unknown }; files?: { chunked_upload?: { max_size?: unknown; max_parallel_count?: unknown } } };
  const version = caps.dav?.chunking;
  const upload = caps.files?.chunked_upload;
  return {
    chunking: typeof version === 'string' && Number.parseFloat(version) >= 1,
    maxChunkSize: positiveInt(upload?.max_size),
    maxParallel: positiveInt(upload?.max_parallel_count),
    parallelDisabled: caps.dav?.chunkingParallelUploadDisabled === true,
  };
}

/** Chunks in flight at once: the server's word, within our own ceiling. */
export function parallelFor(caps: ChunkingCapabilities, ceiling = DEFAULT_PARALLEL): number {
  if (caps.parallelDisabled) return 1;
  return Math.max(1, Math.min(ceiling, caps.maxParallel ?? DEFAULT_PARALLEL));
}

export interface ChunkSizeBounds {
  initial: number;
  min: number;
  max: number;
  targetMs: number;
}

/** The bounds for a server: the configured ones, the announced max_size lowering the maximum. */
export function chunkBoundsFor(caps: ChunkingCapabilities, wanted: Partial<ChunkSizeBounds> = {}): ChunkSizeBounds {
  const max = Math.max(1, Math.min(wanted.max ?? DEFAULT_MAX_CHUNK, caps.maxChunkSize ?? Number.POSITIVE_INFINITY));
  const initial = Math.min(wanted.initial ?? INITIAL_CHUNK, max);
  const min = Math.min(wanted.min ?? MIN_CHUNK, initial);
  return { initial, min, max, targetMs: wanted.targetMs ?? TARGET_CHUNK_MS };
}

/** The adaptive chunk size: one per server, learning from every chunk sent. */
export class ChunkSizer {
  private readonly bounds: ChunkSizeBounds;
  private size: number;

  constructor(bounds: ChunkSizeBounds) {
    this.bounds = bounds;
    this.size = bounds.initial;
  }

  get current(): number {
    return this.size;
  }

  /**
   * The size of the next chunk: the current size, or less near the end so that what remains is
   * shared by the `parallel` chunks that can go at once (not left to one big last chunk going
   * alone), never below the minimum; at least what still fits the chunk numbers left
   * (`numbersLeft` ≥ 1: the last number takes all that remains), and at most what remains.
   */
  next(remaining: number, numbersLeft: number, parallel = 1): number {
    const needed = Math.ceil(remaining / Math.max(1, numbersLeft));
    const share = Math.max(this.bounds.min, Math.ceil(remaining / Math.max(1, parallel)));
    return Math.min(remaining, Math.max(Math.min(this.size, share), needed));
  }

  /** A chunk of `bytes` took `ms` (request sent to answer): move halfway toward the target time. */
  record(bytes: number, ms: number): void {
    // Only chunks of a meaningful size teach anything (a short last chunk is mostly overhead).
    if (bytes < this.bounds.min || ms <= 0) return;
    const ideal = (bytes / ms) * this.bounds.targetMs;
    const { min, max } = this.bounds;
    this.size = Math.round(Math.min(max, Math.max(min, (this.size + ideal) / 2)));
  }
}
