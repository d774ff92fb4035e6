// Everything the embedded demo runs when no organisation is configured: a WebDAV file server with
// sample files and a few local web apps. All on 127.0.0.1, all stopped on quit.
import { join } from 'node:path';
import type { AppDefinition } from '../config/catalog-schema.ts';
import type { Log } from '../context.ts';
import { startDemoWebdav, type DemoWebdav } from './demo-webdav.ts';
import { startDemoWebApps } from './demo-web-apps.ts';

export interface DemoServices {
  apps: AppDefinition[];
  webdav: DemoWebdav;
  close(): Promise<void>;
}

export async function startDemoServices(dataDir: string, log: Log): Promise<DemoServices> {
  const webdav = await startDemoWebdav(join(dataDir, 'demo-server-files'));
  const webApps = await startDemoWebApps();
  log.info(`demo: WebDAV server on ${webdav.url}, ${webApps.apps.length} web apps on loopback`);
  return {
    apps: webApps.apps,
    webdav,
    close: async () => {
      await Promise.all([webdav.close(), webApps.close()]);
    },
  };
}
