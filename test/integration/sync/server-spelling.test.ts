// Names as the server spells them: a folder stored in NFD (as macOS clients make them) is listed
// and downloaded by its own spelling, and where the server holds both Unicode forms of one name
// the outcome does not depend on listing order (one is synced, the other reported, runs settle).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apacheWebdavServer } from '../../fixtures/servers/apache.ts';
import { sabreDavServer } from '../../fixtures/servers/sabredav.ts';
import type { WebdavServerStarter } from '../../fixtures/servers/index.ts';
import { plantRemote, serverForSuite } from '../../fixtures/plant-remote.ts';
import { SyncFixture } from './sync-fixture.ts';

const servers: WebdavServerStarter[] = [apacheWebdavServer, sabreDavServer];
for (const s of servers) if (!s.available) console.warn(`[server spelling] skipping ${s.name}: ${s.reason}`);

const NFD = 'Ma\u0308rz';
const NFC = 'M\u00e4rz';

describe.each(servers.filter((s) => s.available))('server spellings on $name', (starter) => {
  let f: SyncFixture;
  const server = serverForSuite(starter, () => f);

  it('a folder stored in NFD is listed by its own spelling: its contents arrive, and the next run has nothing to do', async () => {
    f = await SyncFixture.start(server());
    plantRemote(server(), `${NFD}/plan.txt`, 'plan');
    plantRemote(server(), `${NFD}/Sub/deeper.txt`, 'deeper');
    const first = await f.sync();
    expect(first.errors).toEqual([]);
    expect(first.issues).toEqual([]);
    expect(f.readLocal(`${NFD}/plan.txt`)).toBe('plan');
    expect(f.readLocal(`${NFD}/Sub/deeper.txt`)).toBe('deeper');
    const second = await f.sync();
    expect(second.errors).toEqual([]);
    expect(second.actions).toEqual({});
  });

  it('both Unicode forms of one name on the server: the NFC one is synced, the other reported, and runs settle', async () => {
    f = await SyncFixture.start(server());
    plantRemote(server(), `${NFD}.txt`, 'decomposed');
    plantRemote(server(), `${NFC}.txt`, 'composed');
    const first = await f.sync();
    expect(first.errors).toEqual([]);
    expect(first.issues.map((i) => i.kind)).toEqual(['case-clash']);
    expect(readFileSync(join(f.localDir, `${NFC}.txt`), 'utf8')).toBe('composed');
    for (let run = 0; run < 2; run++) {
      const again = await f.sync();
      expect(again.errors).toEqual([]);
      expect(again.actions).toEqual({});
    }
    expect(readFileSync(join(server().dataDir, `${NFD}.txt`), 'utf8')).toBe('decomposed');
    expect(readFileSync(join(server().dataDir, `${NFC}.txt`), 'utf8')).toBe('composed');
  });
});
