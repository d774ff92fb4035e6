// Whether and from where the app updates itself. Pure (no electron import) so it is unit-tested:
// only an AppImage updates itself, only from an https: server that the policy names, and never a
// deb/rpm install, which the system package manager (apt) updates.
export interface UpdateSettings {
  'updates.enabled': boolean;
  'updates.url': string;
}

export interface UpdateEnvironment {
  /** $APPIMAGE: set by the AppImage runtime to the .AppImage file being run. */
  appImage: string | undefined;
  /** Contents of resources/package-type, written by electron-builder into deb/rpm builds. */
  packageType: string | null;
  /** app.isPackaged: false when run from a source checkout. */
  isPackaged: boolean;
}

export type UpdateDecision = { mode: 'off'; reason: string } | { mode: 'appimage'; url: string };

export function updateServerUrl(raw: string): { url: string } | { error: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    return { error: `updates.url "${raw}" is not a URL` };
  }
  if (parsed.protocol !== 'https:') return { error: `updates.url must be an https: URL, not ${parsed.protocol}` };
  if (parsed.username || parsed.password) return { error: 'updates.url must not contain a user name or password' };
  parsed.hash = '';
  parsed.search = '';
  // electron-updater resolves latest-linux.yml against the URL: without the slash the last path part is lost.
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return { url: parsed.toString() };
}

export function decideUpdates(settings: UpdateSettings, env: UpdateEnvironment): UpdateDecision {
  if (!settings['updates.enabled']) return { mode: 'off', reason: 'updates.enabled is false' };
  if (env.packageType) return { mode: 'off', reason: `installed as a ${env.packageType} package: the system package manager updates it` };
  if (!env.isPackaged) return { mode: 'off', reason: 'not a packaged build' };
  if (!env.appImage) return { mode: 'off', reason: 'not running as an AppImage (only AppImages update themselves)' };
  if (!settings['updates.url'].trim()) return { mode: 'off', reason: 'no update server: set updates.url in the policy' };
  const server = updateServerUrl(settings['updates.url']);
  if ('error' in server) return { mode: 'off', reason: server.error };
  return { mode: 'appimage', url: server.url };
}
