// When Werkplek offers, once, to connect Files ("Keep your files offline too?") or chat
// notifications ("Get chat notifications too?"): a catalog app of that kind reached its own pages
// signed in (the identity provider's session in the shared partition let the person in), and that
// service is not connected yet. Plain decisions; sign-in-offers.ts keeps the state.
import type { AppDefinition } from '../config/catalog-schema.ts';
import { appOrigins, webOrigin } from './origins.ts';
import { SHARED_PARTITION } from './sign-in-route.ts';

export type OfferKind = 'files' | 'chat';

export interface SignInOffer {
  kind: OfferKind;
  appId: string;
  appName: string;
  /** The Nextcloud base address or the homeserver the one click connects to. */
  server: string;
}

/** Sign-in, welcome and SSO pages of Nextcloud (user_oidc) and Element: the app is not signed in there. */
const signInPage = /(^|\/)(login|logout|register|welcome|start_sso|sso|user_oidc)(\/|$|\?)/i;

/** The tab shows the app's own page, past its sign-in: on one of the app's origins, not a sign-in route. */
export function looksSignedIn(app: Pick<AppDefinition, 'url' | 'origins'>, url: string, ssoOrigins: readonly string[]): boolean {
  const origin = webOrigin(url);
  if (!origin || !appOrigins(app).has(origin) || ssoOrigins.some((sso) => webOrigin(sso) === origin)) return false;
  const parsed = new URL(url);
  return !signInPage.test(parsed.pathname) && !signInPage.test(parsed.hash.replace(/^#/, ''));
}

/** Nextcloud's base address from a page of it: everything before /apps/ or /index.php/. */
export function nextcloudBase(url: string): string | null {
  const parsed = URL.parse(url);
  if (!parsed) return null;
  const path = parsed.pathname.replace(/\/(index\.php|apps)(\/.*)?$/, '');
  return `${parsed.origin}${path.replace(/\/+$/, '')}`;
}

export interface OfferInput {
  kind: OfferKind;
  app: AppDefinition | null;
  /** The app's tab reached a signed-in page (looksSignedIn). */
  signedIn: boolean;
  /** Already answered (accepted or "no thanks"): never asked again. */
  answered: boolean;
  /** The service is turned on (sync.enabled, matrix.enabled). */
  enabled: boolean;
  /** The service's state: Files' sync state or chat's Matrix status. */
  state: string;
  /** The server from the settings (a policy preset), or '' when none. */
  configuredServer: string;
}

/** The offer to make, or null. */
export function decideOffer(input: OfferInput): SignInOffer | null {
  const { kind, app } = input;
  if (!app || app.kind !== kind || !input.signedIn || input.answered || !input.enabled) return null;
  // Only where the one sign-in reaches: an app with a partition of its own does not share it.
  if (app.partition !== SHARED_PARTITION) return null;
  const unconnected = kind === 'files' ? input.state === 'not-configured' : input.state === 'signed-out' || input.state === 'not-configured';
  if (!unconnected) return null;
  const server = input.configuredServer || (kind === 'files' ? nextcloudBase(app.url) : null);
  return server ? { kind, appId: app.id, appName: app.name, server } : null;
}
