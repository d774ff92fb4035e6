// The physical limits behind the peer benchmark's small-file figures (peer.bench.ts): a bare
// keep-alive client in the bench's own process that already knows every name and sends only the
// requests the work cannot do without. No process start, no listing, no journal, no checks:
//   up          MKCOL each folder, then PUT each file (6 at once)
//   bulk up     MKCOL each folder, then Nextcloud's bulk upload: POST the files in batches of 100
//               (3 at once; the multipart body is the product's wire format, bulk-multipart.ts)
//   no change   one PROPFIND Depth 1 of the root for the properties a Nextcloud sync client needs
//               (ETag, size, time, type, file id, permissions, checksum; nextcloudcmd asks these and
//               more), the least any client asks to learn that nothing changed
//   down        GET each file into place (6 at once)
// A client's time can only approach these; half of nextcloudcmd's time below them is out of reach.
import { createWriteStream, mkdirSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { bulkBody } from '../../electron/core/sync/bulk-multipart.ts';
import type { SabreDavHandle } from '../fixtures/servers/sabredav.ts';
import { mapLimit, RawClient } from './sync.bench.ts';

const PARALLEL = 6;
const SYNC_PROPS = Buffer.from('<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop>'
  + '<d:resourcetype/><d:getetag/><d:getcontentlength/><d:getlastmodified/><oc:fileid/><oc:permissions/><oc:size/><oc:checksums/>'
  + '</d:prop></d:propfind>');
const BULK_FILES = 100;
const BULK_PARALLEL = 3;

const foldersOf = (files: Map<string, Buffer>): string[] => [...new Set([...files.keys()].map((name) => dirname(name)))];

/** Seconds for the first upload of `files` (with or without bulk upload) by the bare client. */
export async function rawSmallUp(server: SabreDavHandle, files: Map<string, Buffer>, bulk: boolean): Promise<number> {
  const client = new RawClient(server, PARALLEL);
  try {
    const started = performance.now();
    await mapLimit(foldersOf(files), PARALLEL, async (folder) => expect(await client.request('MKCOL', folder), [201], `MKCOL ${folder}`));
    if (!bulk) {
      await mapLimit([...files], PARALLEL, async ([name, data]) => expect(await client.request('PUT', name, data), [201, 204], `PUT ${name}`));
    } else {
      const names = [...files.keys()];
      const batches = Array.from({ length: Math.ceil(names.length / BULK_FILES) }, (_, b) => names.slice(b * BULK_FILES, (b + 1) * BULK_FILES));
      await mapLimit(batches, BULK_PARALLEL, (batch) => post(server, client.agent, batch.map((name) => ({ serverPath: `/${name}`, data: files.get(name)!, mtimeMs: Date.now() }))));
    }
    return (performance.now() - started) / 1000;
  } finally {
    client.close();
  }
}

/** Seconds for one PROPFIND Depth 1 of the root (the sync properties), its answer read whole. */
export async function rawNoChange(server: SabreDavHandle): Promise<number> {
  const client = new RawClient(server, 1);
  try {
    const started = performance.now();
    expect(await client.request('PROPFIND', '', SYNC_PROPS, undefined, { depth: '1', 'content-type': 'application/xml' }), [207], 'PROPFIND of the root');
    return (performance.now() - started) / 1000;
  } finally {
    client.close();
  }
}

/** Seconds to GET every file of `files` into `into` (its folders made first, outside the time). */
export async function rawSmallDown(server: SabreDavHandle, files: Map<string, Buffer>, into: string): Promise<number> {
  for (const folder of foldersOf(files)) mkdirSync(join(into, folder), { recursive: true });
  const client = new RawClient(server, PARALLEL);
  try {
    const started = performance.now();
    await mapLimit([...files.keys()], PARALLEL, async (name) => expect(await client.request('GET', name, undefined, createWriteStream(join(into, name))), [200], `GET ${name}`));
    return (performance.now() - started) / 1000;
  } finally {
    client.close();
  }
}

function expect(status: number, wanted: number[], what: string): void {
  if (!wanted.includes(status)) throw new Error(`raw client: ${what} answered ${status}`);
}

/** One bulk upload POST; every file must be accepted. */
function post(server: SabreDavHandle, agent: http.Agent, parts: Parameters<typeof bulkBody>[0]): Promise<void> {
  const { body, contentType } = bulkBody(parts);
  const origin = new URL(server.origin);
  const authorization = 'Basic ' + Buffer.from(`${server.user}:${server.password}`).toString('base64');
  return new Promise((done, fail) => {
    const req = http.request({
      host: origin.hostname, port: origin.port, method: 'POST', path: '/remote.php/dav/bulk', agent,
      headers: { authorization, 'content-type': contentType, 'content-length': String(body.length) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        const answers = res.statusCode === 200 ? (JSON.parse(text) as Record<string, { error?: boolean }>) : {};
        const refused = parts.filter((p) => answers[p.serverPath]?.error !== false);
        if (refused.length) fail(new Error(`raw client: bulk upload answered ${res.statusCode}, ${refused.length} files not taken`));
        else done();
      });
    });
    req.on('error', fail);
    req.end(body);
  });
}
