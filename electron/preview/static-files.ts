// Serves the built renderer: GET/HEAD only, inside the root only (no `..`, no symlink escape).
import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { resolveInside } from '../core/shell/static-path.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function createStaticHandler(root: string, transformHtml: (html: string) => string) {
  const absoluteRoot = resolve(root);
  return async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveInside(absoluteRoot, request.url ?? '/');
    try {
      if (!file) throw new Error('outside');
      const real = await realpath(file);
      if (!real.startsWith(absoluteRoot + sep)) throw new Error('outside');
      const body = await readFile(real);
      const type = types[extname(real)] ?? 'application/octet-stream';
      const payload = type.startsWith('text/html') ? transformHtml(body.toString('utf8')) : body;
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(request.method === 'HEAD' ? undefined : payload);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  };
}
