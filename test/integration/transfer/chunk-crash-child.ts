// A process that uploads one file through ChunkedUploader, each chunk's bytes held back a while so
// that several chunks are in flight at once, until the parent kills it (SIGKILL: no clean-up runs,
// as in a crash). Arguments: one JSON object { url, user, password, stateDir, file, name, chunk, delayMs }.
import { statSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { DavClient } from '../../../electron/core/sync/dav-client.ts';
import { ChunkedUploader } from '../../../electron/core/sync/chunked-upload.ts';
import { PlainUploader } from '../../../electron/core/sync/transfer.ts';

const a = JSON.parse(process.argv[2]!) as { url: string; user: string; password: string; stateDir: string; file: string; name: string; chunk: number; delayMs: number };
const slow = (_direction: 'up' | 'down', stream: Readable): Readable => stream.pipe(new Transform({
  transform(data: Buffer, _e, done) { void sleep(a.delayMs).then(() => done(null, data)); },
}));
const server = { url: a.url, user: a.user, password: a.password };
const dav = new DavClient(server);
const uploader = new ChunkedUploader({ server, stateDir: a.stateDir, chunkSize: a.chunk, maxChunkSize: a.chunk, threshold: 2 * a.chunk, wrap: slow }, new PlainUploader(dav), dav);
const st = statSync(a.file);
await uploader.upload({ name: a.name, localPath: a.file, size: st.size, mtimeMs: st.mtimeMs, ifMatch: null, ifNoneMatch: false, progress: () => undefined, signal: new AbortController().signal });
console.log('done'); // not expected: the parent kills this process first
