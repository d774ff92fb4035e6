// Where connecting Files (Nextcloud Login Flow v2) or chat notifications (Matrix SSO) signs in:
// in an in-app window on the apps' shared partition, where the identity provider's session already
// lives (so a signed-in person only confirms), or in the system browser — only when the app has a
// partition of its own, the policy asks for it, or the host has no windows. Plus what that window
// may navigate to. Plain Node; the Electron window itself is electron/main/sign-in-window.ts.
import type { AppDefinition } from '../config/catalog-schema.ts';
import { isAllowedAppUrl } from '../config/app-url.ts';
import { appOrigins, webOrigin } from './origins.ts';

/** The partition catalog apps share unless they name their own (catalog-schema.ts default). */
export const SHARED_PARTITION = 'persist:werkplek';

export type SignInPurpose = 'files' | 'chat';

export interface SignInRouteInput {
  purpose: SignInPurpose;
  /** The server being connected: the Nextcloud base URL or the homeserver. */
  serverUrl: string;
  /** The first page the sign-in shows (Nextcloud's login URL, the homeserver's SSO redirect). */
  startUrl: string;
  /** Where the flow ends (the Matrix loopback redirect), when it ends at a page of its own. */
  returnUrl?: string | null;
  /** The enabled catalog apps. */
  apps: readonly AppDefinition[];
  /** shell.ssoOrigins: the identity provider's origins. */
  ssoOrigins: readonly string[];
  /** The policy asks for the system browser (shell.signInInBrowser). */
  browserByPolicy: boolean;
  /** The host can show an in-app window (the Electron app; not the preview without one). */
  hasWindow: boolean;
}

export type SignInRoute =
  | { way: 'in-app'; partition: string; appId: string | null; allowedOrigins: string[] }
  | { way: 'browser'; reason: 'policy' | 'own-partition' | 'no-window' | 'bad-url'; appId: string | null };

/** The catalog app the sign-in belongs to: of the purpose's kind, the one on the server's origin first. */
export function appForSignIn(purpose: SignInPurpose, serverUrl: string, apps: readonly AppDefinition[]): AppDefinition | null {
  const ofKind = apps.filter((app) => app.kind === purpose);
  const origin = webOrigin(serverUrl);
  return ofKind.find((app) => origin !== null && appOrigins(app).has(origin)) ?? ofKind[0] ?? null;
}

export function decideSignInRoute(input: SignInRouteInput): SignInRoute {
  const app = appForSignIn(input.purpose, input.serverUrl, input.apps);
  const appId = app?.id ?? null;
  if (!isAllowedAppUrl(input.startUrl).ok || !isAllowedAppUrl(input.serverUrl).ok) return { way: 'browser', reason: 'bad-url', appId };
  if (input.browserByPolicy) return { way: 'browser', reason: 'policy', appId };
  if (app && app.partition !== SHARED_PARTITION) return { way: 'browser', reason: 'own-partition', appId };
  if (!input.hasWindow) return { way: 'browser', reason: 'no-window', appId };
  const allowed = new Set<string>();
  for (const raw of [input.serverUrl, input.startUrl, input.returnUrl ?? '', ...input.ssoOrigins]) {
    const origin = webOrigin(raw);
    if (origin) allowed.add(origin);
  }
  if (app) for (const origin of appOrigins(app)) allowed.add(origin);
  return { way: 'in-app', partition: SHARED_PARTITION, appId, allowedOrigins: [...allowed] };
}

export type SignInNavigation = 'allow' | 'outside' | 'refuse';

/**
 * One navigation in the sign-in window. Allowed origins stay; a redirect the server or identity
 * provider sends from an allowed page to another https origin (its identity provider, when
 * shell.ssoOrigins does not list it) is followed and that origin joins `allowed`; a link the person
 * follows elsewhere opens in the system browser; anything that is no web address is refused.
 */
export function judgeSignInNavigation(allowed: Set<string>, rawUrl: string, kind: 'redirect' | 'link'): SignInNavigation {
  const verdict = isAllowedAppUrl(rawUrl);
  if (!verdict.ok) return 'refuse';
  const origin = verdict.url.origin;
  if (allowed.has(origin)) return 'allow';
  if (kind === 'redirect') {
    allowed.add(origin);
    return 'allow';
  }
  return 'outside';
}
