// Bandwidth limits for uploads and downloads (settings sync.uploadLimitKiBps and
// sync.downloadLimitKiBps, 0 = no limit). One token bucket per direction is shared by all
// parallel transfers, so the limit holds for the total, not per file. Bytes pass in small
// slices and wait for their tokens; backpressure then slows the socket (TCP flow control).
//
// Wiring (engine helper): build one Throttle per engine and pass it as the StreamWrapper seam:
//   const throttle = new Throttle({ upBytesPerSecond: kib(up), downBytesPerSecond: kib(down) });
//   new SyncEngine({ ..., wrap: throttle.wrap });
//   // when the settings change: throttle.setLimits({ upBytesPerSecond, downBytesPerSecond });
// where kib = (n) => (n > 0 ? n * 1024 : null). The same `wrap` goes to ChunkedUploader.
import { Transform, type Readable } from 'node:stream';
import type { StreamWrapper } from './transfer.ts';

export interface BandwidthLimits {
  /** Bytes per second, null or 0 for no limit. */
  upBytesPerSecond: number | null;
  downBytesPerSecond: number | null;
}

/** Slice size: small enough that one slice is a tiny part of a second at low limits. */
const SLICE = 16 * 1024;

/** A token bucket: `take(n)` resolves when n bytes may pass at `rate` bytes per second. */
export class TokenBucket {
  private rate: number | null;
  private tokens = 0;
  private last = performance.now();
  private queue: { n: number; resolve: () => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(rate: number | null) {
    this.rate = rate && rate > 0 ? rate : null;
  }

  setRate(rate: number | null): void {
    this.refill();
    this.rate = rate && rate > 0 ? rate : null;
    this.tokens = Math.min(this.tokens, this.burst());
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    this.pump();
  }

  /** Burst allowance: a twentieth of a second of traffic, at least one slice. */
  private burst(): number {
    return this.rate === null ? Infinity : Math.max(SLICE, this.rate / 20);
  }

  private refill(): void {
    const now = performance.now();
    if (this.rate !== null) this.tokens = Math.min(this.burst(), this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  take(n: number): Promise<void> {
    if (this.rate === null && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.queue.push({ n, resolve });
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer) return;
    this.refill();
    while (this.queue.length) {
      const head = this.queue[0]!;
      if (this.rate === null) {
        this.queue.shift();
        head.resolve();
        continue;
      }
      // A slice bigger than the burst may drive tokens negative: it is paid for by waiting longer.
      if (this.tokens < Math.min(head.n, this.burst())) {
        const waitMs = ((Math.min(head.n, this.burst()) - this.tokens) / this.rate) * 1000;
        this.timer = setTimeout(() => { this.timer = null; this.pump(); }, Math.max(1, Math.ceil(waitMs)));
        return;
      }
      this.tokens -= head.n;
      this.queue.shift();
      head.resolve();
    }
  }
}

/** A pass-through stream that lets bytes through only as fast as `bucket` allows. */
export function throttled(bucket: TokenBucket): Transform {
  return new Transform({
    highWaterMark: SLICE,
    transform(chunk: Buffer, _enc, done) {
      (async () => {
        for (let i = 0; i < chunk.length; i += SLICE) {
          const slice = chunk.subarray(i, i + SLICE);
          await bucket.take(slice.length);
          this.push(slice);
        }
      })().then(() => done(), done);
    },
  });
}

export class Throttle {
  private readonly up: TokenBucket;
  private readonly down: TokenBucket;

  constructor(limits: BandwidthLimits) {
    this.up = new TokenBucket(limits.upBytesPerSecond);
    this.down = new TokenBucket(limits.downBytesPerSecond);
  }

  setLimits(limits: BandwidthLimits): void {
    this.up.setRate(limits.upBytesPerSecond);
    this.down.setRate(limits.downBytesPerSecond);
  }

  /** The engine's StreamWrapper: every transfer stream passes its direction's bucket. */
  readonly wrap: StreamWrapper = (direction, stream: Readable): Readable => {
    const through = throttled(direction === 'up' ? this.up : this.down);
    stream.on('error', (error) => through.destroy(error));
    through.on('close', () => { if (!stream.readableEnded) stream.destroy(); });
    return stream.pipe(through);
  };
}

/** Settings value (KiB/s, 0 = none) to bytes per second. */
export const kibPerSecond = (value: number): number | null => (value > 0 ? value * 1024 : null);
