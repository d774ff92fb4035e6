// 429 handling: which wait wins, malformed values, the cap, and the fetch wrapper against a real server.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitedFetch, retryDelayMs } from '../../../electron/core/matrix/rate-limit.ts';

const options = { defaultMs: 5000, capMs: 60_000 };

describe('retryDelayMs', () => {
  it('the Retry-After header (seconds) wins over retry_after_ms', () => {
    expect(retryDelayMs('2', { retry_after_ms: 500 }, options)).toBe(2000);
  });
  it('an HTTP-date header counts from now', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(retryDelayMs(new Date(now + 3000).toUTCString(), {}, options, now)).toBe(3000);
  });
  it('retry_after_ms when there is no header', () => {
    expect(retryDelayMs(null, { errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 1234 }, options)).toBe(1234);
  });
  it.each([
    ['garbage header, no body', 'soon', null],
    ['negative retry_after_ms', null, { retry_after_ms: -5 }],
    ['string retry_after_ms', null, { retry_after_ms: '100' }],
    ['no information at all', null, {}],
    ['non-object body', null, 'busy'],
  ])('malformed → the default: %s', (_name, header, body) => {
    expect(retryDelayMs(header, body, options)).toBe(5000);
  });
  it('a garbage header falls back to retry_after_ms', () => {
    expect(retryDelayMs('soon', { retry_after_ms: 700 }, options)).toBe(700);
  });
  it('is capped', () => {
    expect(retryDelayMs('86400', {}, options)).toBe(60_000);
    expect(retryDelayMs(null, { retry_after_ms: 1e12 }, options)).toBe(60_000);
  });
});

describe('rateLimitedFetch', () => {
  let url = '';
  const hits: number[] = [];
  let limited = 0;
  const server = createServer((req, res) => {
    hits.push(Date.now());
    if (limited > 0) {
      limited--;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 100 }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('waits what the header says, then returns the retried answer', async () => {
    hits.length = 0;
    limited = 1;
    const waits: number[] = [];
    const f = rateLimitedFetch(fetch, { defaultMs: 5000, capMs: 60_000, maxRetries: 3, onWait: (ms) => waits.push(ms) });
    const response = await f(url);
    expect(response.status).toBe(200);
    expect(waits).toEqual([1000]);
    expect(hits).toHaveLength(2);
    expect(hits[1]! - hits[0]!).toBeGreaterThanOrEqual(990);
  });

  it('gives the 429 back after maxRetries, and stops waiting when aborted', async () => {
    limited = 2;
    const f = rateLimitedFetch(fetch, { defaultMs: 10, capMs: 10, maxRetries: 1 });
    expect((await f(url)).status).toBe(429);
    limited = 5;
    const controller = new AbortController();
    const slow = rateLimitedFetch(fetch, { defaultMs: 60_000, capMs: 60_000, maxRetries: 3 });
    const pending = slow(url, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 100);
    await expect(pending).rejects.toThrow('stop');
    limited = 0;
  });
});
