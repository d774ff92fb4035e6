// 429 handling for every Matrix request: wait what the server asks (the Retry-After header wins,
// then M_LIMIT_EXCEEDED's retry_after_ms, malformed → a default), capped, then retry. Wraps fetch so
// matrix-js-sdk's sync loop, which would otherwise retry after its own 2–7 s, obeys the server.

export interface RateLimitOptions {
  defaultMs: number;
  capMs: number;
  maxRetries: number;
  onWait?: (ms: number, url: string) => void;
}

export const defaultRateLimitOptions: RateLimitOptions = { defaultMs: 5_000, capMs: 5 * 60_000, maxRetries: 5 };

/** How long to wait after a 429: header (seconds or HTTP date) wins, then `retry_after_ms`, else `defaultMs`; capped. */
export function retryDelayMs(headerValue: string | null, body: unknown, options: Pick<RateLimitOptions, 'defaultMs' | 'capMs'>, now = Date.now()): number {
  const cap = (ms: number) => Math.min(Math.max(0, Math.round(ms)), options.capMs);
  if (headerValue !== null && headerValue.trim() !== '') {
    const value = headerValue.trim();
    if (/^\d+$/.test(value)) return cap(Number(value) * 1000);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return cap(date - now);
  }
  const fromBody = body && typeof body === 'object' ? (body as Record<string, unknown>).retry_after_ms : undefined;
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0) return cap(fromBody);
  return cap(options.defaultMs);
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A fetch that waits out 429s before handing the response to its caller. */
export function rateLimitedFetch(inner: typeof fetch, options: RateLimitOptions = defaultRateLimitOptions): typeof fetch {
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      const response = await inner(input, init);
      if (response.status !== 429 || attempt >= options.maxRetries) return response;
      let body: unknown = null;
      try {
        body = await response.clone().json();
      } catch {
        body = null; // a 429 without a JSON body still gets the default wait
      }
      const wait = retryDelayMs(response.headers.get('retry-after'), body, options);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      options.onWait?.(wait, url);
      await sleep(wait, init?.signal);
    }
  };
}
