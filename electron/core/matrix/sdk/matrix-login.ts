// Sign-in and sign-out with matrix-js-sdk: login flows, password login, SSO (redirect URL, then
// m.login.token), logout (which deletes the device on the server).
import { createClient, MatrixError, type LoginResponse } from 'matrix-js-sdk';
import { isAllowedAppUrl } from '../../config/app-url.ts';
import { quietLogger } from './sdk-logger.ts';

export interface Credentials {
  homeserver: string;
  userId: string;
  deviceId: string;
  accessToken: string;
}

export interface LoginFlows {
  password: boolean;
  sso: boolean;
}

/** A clear error for the sign-in screen: `kind` says what the user can do about it. */
export class MatrixSignInError extends Error {
  readonly kind: 'bad-homeserver' | 'forbidden' | 'unreachable' | 'unsupported' | 'rate-limited' | 'server';
  constructor(kind: MatrixSignInError['kind'], message: string) {
    super(message);
    this.name = 'MatrixSignInError';
    this.kind = kind;
  }
}

/** https, or plain http on loopback (tests, local development); no path junk, no credentials. */
export function normaliseHomeserver(raw: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim()) ? raw.trim() : `https://${raw.trim()}`;
  const verdict = isAllowedAppUrl(withScheme);
  if (!verdict.ok) throw new MatrixSignInError('bad-homeserver', `homeserver: ${verdict.reason}`);
  return verdict.url.href.replace(/\/+$/, '');
}

function toSignInError(error: unknown, homeserver: string): MatrixSignInError {
  if (error instanceof MatrixSignInError) return error;
  if (error instanceof MatrixError) {
    if (error.errcode === 'M_FORBIDDEN') return new MatrixSignInError('forbidden', 'the user name or password is wrong');
    if (error.errcode === 'M_LIMIT_EXCEEDED') return new MatrixSignInError('rate-limited', 'the homeserver asks to wait before signing in again');
    if (error.errcode === 'M_UNKNOWN' || error.errcode === 'M_UNRECOGNIZED') return new MatrixSignInError('unsupported', `the homeserver refused this sign-in method: ${error.message}`);
    return new MatrixSignInError('server', `the homeserver answered: ${error.errcode ?? error.httpStatus} ${error.message}`);
  }
  return new MatrixSignInError('unreachable', `cannot reach ${homeserver}: ${error instanceof Error ? error.message : String(error)}`);
}

function anonymousClient(homeserver: string, fetchFn: typeof fetch) {
  return createClient({ baseUrl: homeserver, fetchFn, logger: quietLogger });
}

export async function loginFlows(homeserver: string, fetchFn: typeof fetch = fetch): Promise<LoginFlows> {
  try {
    const { flows } = await anonymousClient(homeserver, fetchFn).loginFlows();
    return { password: flows.some((f) => f.type === 'm.login.password'), sso: flows.some((f) => f.type === 'm.login.sso') };
  } catch (error) {
    throw toSignInError(error, homeserver);
  }
}

function credentialsFrom(homeserver: string, response: LoginResponse): Credentials {
  if (!response.access_token || !response.user_id || !response.device_id) throw new MatrixSignInError('server', 'the homeserver gave no access token');
  return { homeserver, userId: response.user_id, deviceId: response.device_id, accessToken: response.access_token };
}

export async function passwordLogin(homeserver: string, user: string, password: string, deviceName: string, fetchFn: typeof fetch = fetch, deviceId?: string): Promise<Credentials> {
  try {
    const response = await anonymousClient(homeserver, fetchFn).loginRequest({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user },
      password,
      initial_device_display_name: deviceName,
      ...(deviceId ? { device_id: deviceId } : {}),
    });
    return credentialsFrom(homeserver, response);
  } catch (error) {
    throw toSignInError(error, homeserver);
  }
}

export async function tokenLogin(homeserver: string, loginToken: string, deviceName: string, fetchFn: typeof fetch = fetch): Promise<Credentials> {
  try {
    const response = await anonymousClient(homeserver, fetchFn).loginRequest({ type: 'm.login.token', token: loginToken, initial_device_display_name: deviceName });
    return credentialsFrom(homeserver, response);
  } catch (error) {
    throw toSignInError(error, homeserver);
  }
}

export function ssoRedirectUrl(homeserver: string, redirectUrl: string): string {
  return anonymousClient(homeserver, fetch).getSsoLoginUrl(redirectUrl, 'sso');
}

/** Signs out: the server invalidates the token and deletes the device. */
export async function logout(credentials: Credentials, fetchFn: typeof fetch = fetch): Promise<void> {
  const client = createClient({ baseUrl: credentials.homeserver, accessToken: credentials.accessToken, userId: credentials.userId, deviceId: credentials.deviceId, fetchFn, logger: quietLogger });
  await client.logout(true);
}
