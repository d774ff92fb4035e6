// Serves the shell UI from app://werkplek/ (checklist #18: no file://). GET only, fixed host,
// paths resolved inside the renderer folder only.
import { protocol, net } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveInside } from '../core/shell/static-path.ts';

export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveShellUi(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.host !== 'werkplek') return new Response('not found', { status: 404 });
    const file = resolveInside(rendererDir, url.pathname);
    if (!file) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
}
