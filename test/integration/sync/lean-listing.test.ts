// The lean listing (DAV: properties only, discover-remote.ts) against each real server: the same
// entries as the full listing, with the ownCloud/Nextcloud fields left empty; and the full
// listing says whether the server sent any of them (which rules the lean one out).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DavClient } from '../../../electron/core/sync/dav-client.ts';
import { describeEachServer } from './each-server.ts';

describeEachServer('the lean listing', ({ server }) => {
  it('lists the same names, types, ETags, sizes and times as the full one', async () => {
    const s = server();
    mkdirSync(join(s.dataDir, 'lean/sub'), { recursive: true });
    writeFileSync(join(s.dataDir, 'lean/a.txt'), 'a');
    writeFileSync(join(s.dataDir, 'lean/b.bin'), Buffer.alloc(5000, 7));
    const dav = new DavClient({ url: s.url, user: s.user, password: s.password });
    try {
      const full = await dav.list('lean');
      const lean = await dav.list('lean', undefined, true);
      const core = (l: typeof full) => [l.self, ...l.children].map((e) => ({ path: e.path, type: e.type, etag: e.etag, size: e.type === 'file' ? e.size : 0, mtimeMs: e.mtimeMs })).sort((x, y) => x.path.localeCompare(y.path));
      expect(core(lean)).toEqual(core(full));
      expect(core(full).map((e) => e.path)).toEqual(['lean', 'lean/a.txt', 'lean/b.bin', 'lean/sub']);
      expect(full.ownCloudProps).toBe(s.capabilities.nextcloudProps || s.capabilities.checksums);
      expect(lean.ownCloudProps).toBe(false);
      expect([lean.self, ...lean.children].every((e) => e.fileId === null && e.checksum === null)).toBe(true);
    } finally {
      dav.close();
    }
  });
});
