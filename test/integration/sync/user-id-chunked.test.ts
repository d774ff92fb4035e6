// Chunked upload v2 for an account whose user id is not its login name (user_oidc, LDAP): the
// uploads folder and the Destination must be named after the user id, as the files root is.
// nextcloudDavUrls() takes the id from the files root it is given (which sign-in builds from the
// user id), not from the login name.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sabreDavServer, startSabreDav, type SabreDavHandle } from '../../fixtures/servers/sabredav.ts';
import { DavClient } from '../../../electron/core/sync/dav-client.ts';
import { PlainUploader } from '../../../electron/core/sync/transfer.ts';
import { ChunkedUploader } from '../../../electron/core/sync/chunked-upload.ts';

const CHUNK = 64 * 1024;

describe.skipIf(!sabreDavServer.available)('chunked upload with a user id that is not the login name', () => {
  let server: SabreDavHandle;
  beforeAll(async () => {
    server = await startSabreDav({ login: 'jan.jansen', userId: '7f3c9a1e5b2d4c6f', minChunkBytes: CHUNK });
  });
  afterAll(async () => server?.stop());

  it('uploads into uploads/<user id>/ and never touches the login name paths', async () => {
    const work = mkdtempSync(join(tmpdir(), 'werkplek-userid-chunk-'));
    const options = { url: server.url, user: server.user, password: server.password };
    const dav = new DavClient(options);
    try {
      const uploader = new ChunkedUploader({ server: options, stateDir: join(work, 'state'), chunkSize: CHUNK, threshold: 2 * CHUNK, chunkingAnnounced: true }, new PlainUploader(dav), dav);
      const data = randomBytes(3 * CHUNK + 10);
      const path = join(work, 'big.bin');
      writeFileSync(path, data);
      const st = statSync(path);
      await uploader.upload({ name: 'big.bin', localPath: path, size: st.size, mtimeMs: st.mtimeMs, ifMatch: null, ifNoneMatch: false, progress: () => undefined, signal: new AbortController().signal });
      expect(readFileSync(join(server.dataDir, 'big.bin')).equals(data)).toBe(true);
      expect(server.loginPathRequests()).toEqual([]);
    } finally {
      dav.close();
    }
  });
});
