// Signing in to Nextcloud: Login Flow v2 (the user approves in the sign-in window, we poll for an app
// password) or an app password typed in; and finding the WebDAV root of an account. Spec:
// docs.nextcloud.com, "Login Flow" (developer manual, client APIs). Requests go through the
// proxy the caller passes (account-http.ts).
import { createHash } from 'node:crypto';
import { join as joinFs } from 'node:path';
import { requestSmall, type AccountHttpOptions, type SmallAnswer } from './account-http.ts';
import { AccountProblem, accountTexts } from './account-texts.ts';

export interface LoginFlowStart {
  /** The page to show: in the in-app sign-in window or the system browser (core/shell/sign-in-route.ts). */
  loginUrl: string;
  poll: { token: string; endpoint: string };
}

export interface Credentials {
  server: string;
  user: string;
  appPassword: string;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/** Accepts "cloud.example.org", "https://cloud.example.org/" or a full WebDAV URL; https is assumed. */
export function normaliseServerUrl(input: string): string {
  const raw = input.trim();
  if (!raw) throw new AccountProblem('addressMissing');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  if (!URL.canParse(withScheme)) throw new AccountProblem('addressInvalid', raw.slice(0, 200));
  const url = new URL(withScheme);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AccountProblem('notWebAddress', url.protocol);
  if (url.username || url.password) throw new AccountProblem('credentialsInAddress');
  url.hash = '';
  url.search = '';
  return trimSlash(url.toString());
}

/** Step 1 of Login Flow v2: POST /index.php/login/v2. */
export async function startLoginFlow(server: string, userAgent = 'Werkplek', options: AccountHttpOptions = {}): Promise<LoginFlowStart> {
  const response = await requestSmall(`${normaliseServerUrl(server)}/index.php/login/v2`, { method: 'POST', headers: { 'User-Agent': userAgent } }, options);
  if (response.status < 200 || response.status >= 300) throw new AccountProblem('noLoginFlow', response.status);
  const body = (response.json ?? {}) as { login?: unknown; poll?: { token?: unknown; endpoint?: unknown } };
  if (typeof body.login !== 'string' || typeof body.poll?.token !== 'string' || typeof body.poll.endpoint !== 'string') {
    throw new AccountProblem('unexpectedLoginAnswer');
  }
  return { loginUrl: body.login, poll: { token: body.poll.token, endpoint: body.poll.endpoint } };
}

/** Step 2: poll until the user approved (200 with the app password); 404 means "not yet". */
export async function pollLoginFlow(flow: LoginFlowStart, options: AccountHttpOptions & { intervalMs?: number; timeoutMs?: number } = {}): Promise<Credentials> {
  const deadline = Date.now() + (options.timeoutMs ?? 20 * 60_000);
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    const response = await requestSmall(flow.poll.endpoint, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: flow.poll.token }).toString(),
    }, options);
    if (response.status >= 200 && response.status < 300) {
      const body = (response.json ?? {}) as { server?: unknown; loginName?: unknown; appPassword?: unknown };
      if (typeof body.server !== 'string' || typeof body.loginName !== 'string' || typeof body.appPassword !== 'string') {
        throw new AccountProblem('incompleteLoginAnswer');
      }
      return { server: trimSlash(body.server), user: body.loginName, appPassword: body.appPassword };
    }
    if (response.status !== 404) throw new AccountProblem('loginFailed', response.status);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 2000));
  }
  throw new AccountProblem('loginTimedOut');
}

/** The server refused the credentials (HTTP 401/403): signing in again is the only way forward. */
export class AccountAuthError extends Error {
  constructor() {
    super(accountTexts('en').refused());
    this.name = 'AccountAuthError';
  }
}

/** The server answered, but not with the account's user id. */
export class AccountIdError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(accountTexts('en').noUserId(status));
    this.name = 'AccountIdError';
    this.status = status;
  }
}

/**
 * The account's user id (OCS `cloud/user` → `id`), which names its WebDAV paths. It can differ from
 * the login name: accounts made by user_oidc or LDAP have ids such as "7f3c9a…". Throws
 * AccountAuthError when the server refuses the credentials; other failures throw too.
 */
export async function fetchUserId(base: string, user: string, password: string, options: AccountHttpOptions = {}): Promise<string> {
  const response = await requestSmall(`${normaliseServerUrl(base)}/ocs/v2.php/cloud/user?format=json`, {
    method: 'GET',
    headers: { 'OCS-APIRequest': 'true', Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  }, options);
  if (response.status === 401 || response.status === 403) throw new AccountAuthError();
  const id = (response.json as { ocs?: { data?: { id?: unknown } } } | undefined)?.ocs?.data?.id;
  if (response.status < 200 || response.status >= 300 || typeof id !== 'string' || !id || id.length > 255) {
    throw new AccountIdError(response.status);
  }
  return id;
}

export interface DavRootOptions extends AccountHttpOptions {
  /**
   * The app password. With it a Nextcloud's WebDAV root is named after the account's user id (asked
   * from the server), never the login name; without it (only tools that have no password) the
   * login name is used.
   */
  password?: string;
}

/**
 * The WebDAV root for an account: a URL that already points into /remote.php/ is used as is;
 * a Nextcloud base URL (status.php answers "installed") gets /remote.php/dav/files/USER-ID/;
 * any other answer means a plain WebDAV root. `certain` is false when the server could not be asked.
 */
export async function findDavRoot(server: string, user: string, options: DavRootOptions = {}): Promise<{ url: string; certain: boolean }> {
  const base = normaliseServerUrl(server);
  if (/\/remote\.php\//.test(`${base}/`)) return { url: `${base}/`, certain: true };
  const { password, ...http } = options;
  let response: SmallAnswer;
  try {
    response = await requestSmall(`${base}/status.php`, { method: 'GET' }, { ...http, signal: http.signal ?? AbortSignal.timeout(15_000) });
  } catch {
    return { url: `${base}/`, certain: false };
  }
  if (response.status >= 200 && response.status < 300 && /json/.test(response.contentType)) {
    const status = (response.json ?? {}) as { installed?: unknown };
    if (status.installed === true) {
      let id = user;
      if (password !== undefined) {
        try {
          id = await fetchUserId(base, user, password, http);
        } catch (error) {
          if (error instanceof AccountAuthError || !isNetworkError(error)) throw error;
          return { url: `${base}/`, certain: false };
        }
      }
      return { url: `${base}/remote.php/dav/files/${encodeURIComponent(id)}/`, certain: true };
    }
  }
  return { url: `${base}/`, certain: true };
}

/** The request did not get an answer (as opposed to an answer we cannot use). */
function isNetworkError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return /^(E[A-Z]+|UND_ERR_.*)$/.test(code) || (error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError';
}

/**
 * The server's base address when `davUrl` is a Nextcloud files root named after the login name
 * `user` (as versions before the user-id lookup stored it); null otherwise.
 */
export function loginNamedDavBase(davUrl: string, user: string): string | null {
  const suffix = `/remote.php/dav/files/${encodeURIComponent(user)}/`;
  return davUrl.endsWith(suffix) ? davUrl.slice(0, -suffix.length) : null;
}

export async function resolveDavUrl(server: string, user: string, options: DavRootOptions = {}): Promise<string> {
  return (await findDavRoot(server, user, options)).url;
}

/** Keyring name of an account's secret. */
export const secretName = (server: string, user: string): string => `sync:${normaliseServerUrl(server)}:${user}`;

/** One journal per (server folder, local folder) pair, under the state directory. */
export function journalPathFor(stateDir: string, davUrl: string, remoteDir: string, localDir: string): string {
  const id = createHash('sha256').update(`${davUrl}\n${remoteDir}\n${localDir}`).digest('hex').slice(0, 16);
  return joinFs(stateDir, 'sync', `journal-${id}.sqlite`);
}
