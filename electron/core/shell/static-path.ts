// Maps a request path to a file inside a root folder, or null: no `..` escape, no NUL, no
// encoded tricks. Used by the app:// protocol (Electron) and the preview host's static server.
import { resolve, sep } from 'node:path';

export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const absoluteRoot = resolve(root);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = resolve(absoluteRoot, relative);
  return full.startsWith(absoluteRoot + sep) ? full : null;
}
