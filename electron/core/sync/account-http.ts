// The account lookups' HTTP (Login Flow v2, status.php): node:http(s) with Node's proxy support
// (Agent `proxyEnv`), so signing in works behind the same proxy as the sync itself. Global fetch
// cannot be given a proxy without a dependency; these few small JSON requests do not need it.
import http from 'node:http';
import https from 'node:https';
import type { NodeProxyEnv } from '../shell/proxy.ts';

export interface AccountHttpOptions {
  /** From shell.proxy or the session (nodeProxyEnv); none: connect directly. */
  proxyEnv?: NodeProxyEnv | null;
  signal?: AbortSignal;
}

export interface SmallAnswer {
  status: number;
  contentType: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

/** Answers larger than this are not what these endpoints send: refused rather than read. */
const MAX_BODY = 1024 * 1024;
/** A server that takes longer than this to answer one of these small requests is not going to. */
const DEFAULT_TIMEOUT_MS = 30_000;

export function requestSmall(url: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }, options: AccountHttpOptions = {}): Promise<SmallAnswer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const agent = options.proxyEnv ? new (secure ? https.Agent : http.Agent)({ proxyEnv: options.proxyEnv }) : undefined;
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(init.body));
  return new Promise<SmallAnswer>((resolve, reject) => {
    const req = (secure ? https : http).request(target, { method: init.method, headers, agent, signal: options.signal ?? AbortSignal.timeout(DEFAULT_TIMEOUT_MS) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) req.destroy(new Error(`the server's answer from ${target.host} is too large`));
        else chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), json });
      });
    });
    req.on('error', reject);
    req.on('close', () => agent?.destroy());
    req.end(init.body);
  });
}
