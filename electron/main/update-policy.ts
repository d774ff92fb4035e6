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
  /** $APPDIR: set by the AppImage runtime to where the image is mounted. */
  appDir: string | undefined;
  /** process.execPath: inside $APPDIR when this process really runs from the AppImage. */
  execPath: string;
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

/**
 * Running from an AppImage: both runtime variables set and this binary inside the mount. Inherited
 * variables alone (a deb install started from an AppImage's terminal) do not count. The
 * resources/package-type marker is not used for AppImages: electron-builder writes it into the
 * shared unpacked folder while building deb/rpm, so an AppImage built in the same run may carry it.
 */
export function runsAsAppImage(env: UpdateEnvironment): boolean {
  return Boolean(env.appImage && env.appDir && env.execPath.startsWith(`${env.appDir.replace(/\/+$/, '')}/`));
}

export function decideUpdates(settings: UpdateSettings, env: UpdateEnvironment): UpdateDecision {
  if (!settings['updates.enabled']) return { mode: 'off', reason: 'updates.enabled is false' };
  if (!env.isPackaged) return { mode: 'off', reason: 'not a packaged build' };
  if (!runsAsAppImage(env)) {
    if (env.packageType) return { mode: 'off', reason: `installed as a ${env.packageType} package: the system package manager updates it` };
    return { mode: 'off', reason: 'not running as an AppImage (only AppImages update themselves)' };
  }
  if (!settings['updates.url'].trim()) return { mode: 'off', reason: 'no update server: set updates.url in the policy' };
  const server = updateServerUrl(settings['updates.url']);
  if ('error' in server) return { mode: 'off', reason: server.error };
  return { mode: 'appimage', url: server.url };
}
