// Proves each test WebDAV server starter works: it starts, needs the password, stores and lists
// files (with awkward names), and stops. Servers this machine lacks are skipped with the reason.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableServers, reportSkipped, type WebdavServerHandle } from '../../fixtures/servers/index.ts';

reportSkipped();
const starters = availableServers();

describe.each(starters)('WebDAV test server $name', (starter) => {
  let h: WebdavServerHandle;
  const auth = (): Record<string, string> => ({ authorization: 'Basic ' + Buffer.from(`${h.user}:${h.password}`).toString('base64') });

  beforeAll(async () => {
    if (starter.available) h = await starter.start();
  });
  afterAll(async () => { await h?.stop(); });

  it.skipIf(!starter.available)('stores, lists and serves a file; refuses a missing password', async () => {
    expect(h.url.endsWith('/')).toBe(true);
    const name = 'Ünïcode map #1';
    const file = 'notes 100% done?.txt';
    expect((await fetch(h.url + encodeURIComponent(name), { method: 'MKCOL', headers: auth() })).status).toBe(201);
    const put = await fetch(`${h.url}${encodeURIComponent(name)}/${encodeURIComponent(file)}`, { method: 'PUT', headers: auth(), body: 'hallo wereld' });
    expect([201, 204]).toContain(put.status);
    const list = await fetch(h.url + encodeURIComponent(name) + '/', { method: 'PROPFIND', headers: { ...auth(), depth: '1' } });
    expect(list.status).toBe(207);
    const xml = await list.text();
    const hrefs = [...xml.matchAll(/<(?:\w+:)?href>([^<]*)<\/(?:\w+:)?href>/g)].map((m) => decodeURIComponent(m[1]!.replaceAll('&amp;', '&')));
    expect(hrefs.some((href) => href.endsWith('/' + file))).toBe(true);
    const get = await fetch(`${h.url}${encodeURIComponent(name)}/${encodeURIComponent(file)}`, { headers: auth() });
    expect(await get.text()).toBe('hallo wereld');
    expect(readFileSync(join(h.dataDir, name, file), 'utf8')).toBe('hallo wereld');
    const anon = await fetch(h.url, { method: 'PROPFIND', headers: { depth: '0' } });
    expect(anon.status).toBe(401);
    await anon.text();
  });

  it.skipIf(!starter.available)('stop() frees the port', async () => {
    const other = await starter.start();
    const url = other.url;
    await other.stop();
    await expect(fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(5000) })).rejects.toThrow();
  });
});
