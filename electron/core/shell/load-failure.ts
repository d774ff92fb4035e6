// Which failed loads show Werkplek's page in the tab instead of Chromium's error page, and when to
// try again. Codes are Chromium net error codes (net/base/net_error_list.h), as Electron's
// `did-fail-load` reports them.

export type LoadFailureKind = 'ignore' | 'offline' | 'certificate' | 'error';

// The network (or the server's host) cannot be reached: retry by itself when the network is back.
const offlineCodes = new Set([
  -7, // TIMED_OUT
  -15, // SOCKET_NOT_CONNECTED
  -21, // NETWORK_CHANGED
  -100, // CONNECTION_CLOSED
  -101, // CONNECTION_RESET
  -102, // CONNECTION_REFUSED
  -104, // CONNECTION_FAILED
  -105, // NAME_NOT_RESOLVED
  -106, // INTERNET_DISCONNECTED
  -109, // ADDRESS_UNREACHABLE
  -118, // CONNECTION_TIMED_OUT
  -130, // PROXY_CONNECTION_FAILED
  -137, // NAME_RESOLUTION_FAILED
  -324, // EMPTY_RESPONSE
]);

export function classifyLoadFailure(errorCode: number, isMainFrame: boolean): LoadFailureKind {
  // -3 ABORTED: the page navigated again or the user stopped it; subframes fail on their own.
  if (!isMainFrame || errorCode === -3 || errorCode === 0) return 'ignore';
  if (offlineCodes.has(errorCode)) return 'offline';
  // -200…-299: certificate errors. Never bypassed (scenario 48): the page explains, offers no override.
  if (errorCode <= -200 && errorCode >= -299) return 'certificate';
  return 'error';
}

/** Seconds before the n-th automatic retry (0-based): 2, 4, 8, … capped at 60. Certificate errors never retry. */
export function retryDelaySeconds(kind: LoadFailureKind, attempt: number): number | null {
  if (kind === 'certificate' || kind === 'ignore') return null;
  return Math.min(60, 2 ** Math.min(attempt + 1, 6));
}
