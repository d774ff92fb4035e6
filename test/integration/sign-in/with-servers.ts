// The sign-in suites' servers, started once per file: the OpenID Connect provider and the
// Nextcloud-shaped server that delegates to it. Call inside a describe; read the fields in tests.
import { afterAll, beforeAll } from 'vitest';
import { startOidcProvider, type OidcProviderHandle } from '../../fixtures/oidc-provider.ts';
import { startNextcloudSso, type NextcloudSsoHandle } from '../../fixtures/nextcloud-sso.ts';

export function withIdentityAndNextcloud(): { provider: OidcProviderHandle; nextcloud: NextcloudSsoHandle } {
  const servers = {} as { provider: OidcProviderHandle; nextcloud: NextcloudSsoHandle };
  beforeAll(async () => {
    servers.provider = await startOidcProvider();
    servers.nextcloud = await startNextcloudSso(servers.provider);
  }, 30_000);
  afterAll(async () => {
    await servers.nextcloud?.stop();
    await servers.provider?.stop();
  });
  return servers;
}
