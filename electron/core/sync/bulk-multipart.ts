// The wire format of Nextcloud's bulk upload (server apps/dav/lib/BulkUpload/, as the desktop
// client's PutMultiFileJob sends it): one `multipart/related` body, a part per file with
// X-File-Path, X-File-MD5, X-File-Mtime and Content-Length; the answer is a JSON object keyed by
// X-File-Path with {error:false, etag, fileid, permissions} or {error:true, message}.
import { createHash, randomBytes } from 'node:crypto';
import { numericFileId } from './dav-client.ts';

export interface BulkPart {
  /** Server path from the user's files root, with a leading slash (as the desktop client sends it). */
  serverPath: string;
  data: Buffer;
  mtimeMs: number;
}

export type BulkAnswer =
  | { ok: true; etag: string; fileId: string | null; permissions: string | null }
  | { ok: false; message: string };

/** The request body and its Content-Type. */
export function bulkBody(parts: BulkPart[]): { body: Buffer; contentType: string } {
  const boundary = `boundary_${randomBytes(16).toString('hex')}`;
  const pieces: Buffer[] = [];
  for (const part of parts) {
    // A path with a line break would end the part's headers early: such names never go in bulk.
    if (/[\r\n]/.test(part.serverPath)) throw new Error(`cannot send ${JSON.stringify(part.serverPath)} in a bulk upload`);
    const md5 = createHash('md5').update(part.data).digest('hex');
    pieces.push(Buffer.from(`--${boundary}\r\nX-File-Path: ${part.serverPath}\r\nX-File-MD5: ${md5}\r\n`
      + `X-File-Mtime: ${Math.floor(part.mtimeMs / 1000)}\r\nContent-Length: ${part.data.length}\r\n\r\n`, 'utf8'), part.data, CRLF);
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(pieces), contentType: `multipart/related; boundary=${boundary}` };
}

const CRLF = Buffer.from('\r\n');

/**
 * The answer, per X-File-Path sent. A path the answer does not mention (the server stopped at a
 * part it could not read) or mentions in a shape we do not know is a failure of that file: it is
 * sent again on its own.
 */
export function parseBulkAnswer(text: string, sent: string[]): Map<string, BulkAnswer> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const object = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const out = new Map<string, BulkAnswer>();
  for (const path of sent) {
    const entry = object[path] as { error?: unknown; etag?: unknown; fileid?: unknown; permissions?: unknown; message?: unknown } | undefined;
    if (!entry || typeof entry !== 'object') {
      out.set(path, { ok: false, message: 'the bulk upload answer does not mention this file' });
    } else if (entry.error === false && typeof entry.etag === 'string' && entry.etag !== '') {
      out.set(path, {
        ok: true,
        etag: entry.etag.replace(/^W\//, '').replace(/"/g, ''),
        fileId: typeof entry.fileid === 'string' ? numericFileId(entry.fileid) : null,
        permissions: typeof entry.permissions === 'string' ? entry.permissions : null,
      });
    } else {
      out.set(path, { ok: false, message: typeof entry.message === 'string' ? entry.message : 'refused by the bulk upload' });
    }
  }
  return out;
}
