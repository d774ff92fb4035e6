// WebDAV failures, classified once (RELIABILITY.md "Server behaviour"): the engine decides by
// `kind`, never by status codes scattered around.

export type RemoteErrorKind =
  | 'auth' // 401: stop the run, ask to sign in again
  | 'forbidden' // 403: skip the item, report
  | 'notFound' // 404
  | 'parentMissing' // 409 on PUT/MKCOL/MOVE
  | 'precondition' // 412: remote changed under us → conflict path
  | 'locked' // 423: keep queued, back off
  | 'rateLimited' // 429/503: pause the engine until Retry-After
  | 'quota' // 507
  | 'server' // other 5xx: retry later
  | 'network' // refused, reset, DNS, timeout: offline
  | 'protocol'; // unparsable answer

export class RemoteError extends Error {
  readonly kind: RemoteErrorKind;
  readonly status: number | null;
  /** Milliseconds to wait, from Retry-After, when the server said. */
  readonly retryAfterMs: number | null;

  constructor(kind: RemoteErrorKind, message: string, status: number | null = null, retryAfterMs: number | null = null) {
    super(message);
    this.name = 'RemoteError';
    this.kind = kind;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }

  /** Errors that end the whole run (as opposed to one item). */
  get stopsRun(): boolean {
    return this.kind === 'auth' || this.kind === 'rateLimited' || this.kind === 'network';
  }
}

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);

export function classifyStatus(status: number, message: string, retryAfter: string | null = null): RemoteError {
  const retryAfterMs = parseRetryAfter(retryAfter);
  if (status === 401) return new RemoteError('auth', `the server refused the credentials (401): ${message}`, status);
  if (status === 403) return new RemoteError('forbidden', `not allowed by the server (403): ${message}`, status);
  if (status === 404) return new RemoteError('notFound', `not found on the server (404): ${message}`, status);
  if (status === 409) return new RemoteError('parentMissing', `the parent folder is missing on the server (409): ${message}`, status);
  if (status === 412) return new RemoteError('precondition', `changed on the server meanwhile (412): ${message}`, status);
  if (status === 423) return new RemoteError('locked', `locked on the server (423): ${message}`, status, retryAfterMs);
  if (status === 429 || status === 503) return new RemoteError('rateLimited', `the server asks to wait (${status}): ${message}`, status, retryAfterMs);
  if (status === 507) return new RemoteError('quota', `the server storage quota is full (507): ${message}`, status);
  if (status >= 500) return new RemoteError('server', `server error (${status}): ${message}`, status, retryAfterMs);
  return new RemoteError('protocol', `unexpected answer (${status}): ${message}`, status);
}

/** Maps anything thrown by the webdav client or fetch to a RemoteError. */
export function toRemoteError(error: unknown, what: string): RemoteError {
  if (error instanceof RemoteError) return error;
  const e = error as { status?: number; response?: { headers?: { get?(name: string): string | null } }; code?: string; name?: string; cause?: { code?: string }; message?: string };
  if (typeof e?.status === 'number') return classifyStatus(e.status, what, e.response?.headers?.get?.('retry-after') ?? null);
  const code = e?.code ?? e?.cause?.code;
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError' || (code && networkCodes.has(code)) || e?.name === 'FetchError') {
    return new RemoteError('network', `cannot reach the server (${code ?? e?.name}): ${what}`);
  }
  return new RemoteError('protocol', `${what}: ${e?.message ?? String(error)}`);
}
