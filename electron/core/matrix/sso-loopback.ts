// SSO sign-in (Werkplek's in-app sign-in window, or the system browser): a one-shot HTTP listener on 127.0.0.1 receives the
// homeserver's redirect with `loginToken` (RFC 8252 loopback redirect, as native apps do OAuth).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface LoopbackRedirect {
  redirectUrl: string;
  /** Resolves with the login token; rejects on timeout or abort. */
  token: Promise<string>;
  close(): void;
}

// The page knows no language setting: it says it in Dutch and English. The in-app window closes by itself.
const page = (nl: string, en: string) =>
  `<!doctype html><meta charset="utf-8"><title>Werkplek</title><body style="font-family:sans-serif;padding:2em"><p lang="nl">${nl}</p><p lang="en">${en}</p></body>`;

export async function listenForLoginToken(timeoutMs = 5 * 60_000, signal?: AbortSignal): Promise<LoopbackRedirect> {
  // A random path, so another local program cannot guess where to post a token of its own.
  const path = `/sso-${randomBytes(9).toString('base64url')}`;
  let settle!: { resolve: (token: string) => void; reject: (error: Error) => void };
  const token = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  token.catch(() => {}); // handled by whoever awaits it; no unhandled rejection when nobody does
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const loginToken = url.searchParams.get('loginToken');
    if (url.pathname !== path || !loginToken) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(page('Niet gevonden.', 'Not found.'));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Aangemeld. Je kunt dit tabblad sluiten en teruggaan naar Werkplek.', 'Signed in. You can close this tab and return to Werkplek.'));
    settle.resolve(loginToken);
    res.on('finish', close);
  });
  const timer = setTimeout(() => {
    settle.reject(new Error('single sign-on took too long; try again'));
    close();
  }, timeoutMs);
  const onAbort = () => {
    settle.reject(new Error('single sign-on was cancelled'));
    close();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  function close() {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    server.close();
    server.closeAllConnections();
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { redirectUrl: `http://127.0.0.1:${port}${path}`, token, close };
}
