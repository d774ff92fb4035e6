// Time of DavClient.list() on a normal answer: a Nextcloud-shaped listing of 2,000 entries from a
// loopback server that sends a prepared body, so what is measured is the client (request, parse,
// entries), not a server. Median of many listings after a warm-up, plus the CPU per listing.
//   node test/bench/listing-speed.ts [ENTRIES] [PATH-TO-dav-client.ts]
// (the second argument lets a copy of an older dav-client.ts be measured the same way)
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { davResponse, multistatus, startHostileDav } from '../fixtures/hostile-dav.ts';
import type { DavClient as Client, DavOptions } from '../../electron/core/sync/dav-client.ts';

const entries = Number(process.argv[2] ?? 2000);
const modulePath = resolve(process.argv[3] ?? 'electron/core/sync/dav-client.ts');
const { DavClient } = (await import(pathToFileURL(modulePath).href)) as { DavClient: new (o: DavOptions) => Client };

const root = '/remote.php/dav/files/anna/';
const responses = [davResponse({ href: root, dir: true, etag: 'root', size: 0, fileId: '1', permissions: 'RGDNVCK', dataFingerprint: 'fp', lastModified: 'Mon, 23 Nov 2026 10:00:00 GMT' })];
for (let i = 0; i < entries; i++) {
  const name = `file number ${i} – ünïcode.txt`;
  responses.push(davResponse({ href: `${root}${encodeURIComponent(name)}`, etag: `e${i}x5f3a9c`, size: 4096 + i, fileId: String(100 + i), permissions: 'RGDNVW', checksum: `SHA1:${'0123456789abcdef'.repeat(2)}12345678 MD5:0123456789abcdef0123456789abcdef`, lastModified: 'Mon, 23 Nov 2026 10:00:00 GMT' }));
}
const body = Buffer.from(multistatus(responses));
const dav = await startHostileDav({ propfind: () => body });
const client = new DavClient({ url: dav.url, user: 'u', password: 'p' });

const once = async (): Promise<number> => {
  const started = performance.now();
  const listing = await client.list('');
  if (listing.children.length !== entries) throw new Error(`expected ${entries} children, got ${listing.children.length}`);
  return performance.now() - started;
};
for (let i = 0; i < 20; i++) await once();
const times: number[] = [];
const cpu = process.cpuUsage();
const rounds = 100;
for (let i = 0; i < rounds; i++) times.push(await once());
const used = process.cpuUsage(cpu);
times.sort((a, b) => a - b);
console.log(`${modulePath}: ${entries} entries, ${(body.length / 1024).toFixed(0)} KiB body; median ${times[rounds >> 1]!.toFixed(2)} ms, p10 ${times[rounds / 10]!.toFixed(2)} ms, p90 ${times[(rounds * 9) / 10]!.toFixed(2)} ms; CPU ${((used.user + used.system) / 1000 / rounds).toFixed(2)} ms per listing (server included)`);
client.close();
await dav.stop();
