// The SabreDAV test server as a Nextcloud whose accounts have a user id that is not the login name
// (user_oidc, LDAP): OCS cloud/user tells the id, the DAV paths are named after it, and the login
// name's paths answer 404 and are recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sabreDavServer, startSabreDav, type SabreDavHandle } from '../../fixtures/servers/sabredav.ts';

describe.skipIf(!sabreDavServer.available)('SabreDAV test server: user id and login name differ', () => {
  const userId = '7f3c9a1e5b2d';
  let server: SabreDavHandle;
  let auth = '';
  beforeAll(async () => {
    server = await startSabreDav({ login: 'jan.jansen', userId });
    auth = 'Basic ' + Buffer.from(`jan.jansen:${server.password}`).toString('base64');
  });
  afterAll(async () => server?.stop());

  it('OCS cloud/user answers the user id, only with OCS-APIRequest and the right password', async () => {
    const url = `${server.origin}/ocs/v2.php/cloud/user?format=json`;
    const ok = await fetch(url, { headers: { authorization: auth, 'OCS-APIRequest': 'true' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ocs: { data: { id: string } } }).ocs.data.id).toBe(userId);
    expect((await fetch(url, { headers: { authorization: auth } })).status).toBe(401);
    const wrong = 'Basic ' + Buffer.from('jan.jansen:nope').toString('base64');
    expect((await fetch(url, { headers: { authorization: wrong, 'OCS-APIRequest': 'true' } })).status).toBe(401);
  });

  it('files live under the user id; the login name path is 404 and recorded', async () => {
    expect(server.url).toBe(`${server.origin}/remote.php/dav/files/${userId}/`);
    expect((await fetch(new URL('a.txt', server.url), { method: 'PUT', body: 'a', headers: { authorization: auth } })).status).toBe(201);
    const byLogin = await fetch(`${server.origin}/remote.php/dav/files/jan.jansen/`, { method: 'PROPFIND', headers: { authorization: auth, depth: '1' } });
    expect(byLogin.status).toBe(404);
    expect(server.loginPathRequests()).toEqual(['PROPFIND /remote.php/dav/files/jan.jansen/']);
  });
});
