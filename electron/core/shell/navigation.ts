// What happens when a hosted app navigates (link, redirect, form) or calls window.open. Pure: the
// main process only carries the verdict out (checklist #13–#15, RELIABILITY scenarios 44–45).
import type { AppDefinition } from '../config/catalog-schema.ts';
import { appOrigins, isAllowedNavigation, webOrigin } from './origins.ts';
import { safeExternalUrl } from './external-url.ts';

export type NavigationVerdict =
  | { kind: 'stay' }
  | { kind: 'switch'; appId: string; url: string }
  | { kind: 'external'; url: string }
  | { kind: 'refuse'; reason: string };

export type WindowOpenVerdict = NavigationVerdict | { kind: 'child'; width: number; height: number } | { kind: 'navigate'; url: string };

export interface WindowOpenInput extends NavigationInput {
  /** Electron's disposition: a link with target=_blank is 'foreground-tab'/'background-tab', window.open with features 'new-window'. */
  disposition?: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
  /** window.open's features ("width=600,height=400"). */
  features?: string;
}

export interface NavigationInput {
  /** Enabled catalog apps. */
  apps: readonly AppDefinition[];
  /** The app whose tab navigates. */
  appId: string;
  url: string;
  /** Shared identity-provider origins (setting shell.ssoOrigins): sign-in stays in the tab. */
  ssoOrigins?: readonly string[];
}

/** Path prefix match on whole segments: `/apps/files` matches `/apps/files/x`, not `/apps/filesx`. */
function pathScore(appUrl: string, target: URL): number {
  const base = new URL(appUrl).pathname.replace(/\/+$/, '');
  if (base === '') return 0;
  return target.pathname === base || target.pathname.startsWith(`${base}/`) ? base.length : -1;
}

/** Another catalog app that owns the URL's origin; the one whose start path fits best wins. */
function owningApp(apps: readonly AppDefinition[], exceptId: string, url: URL): AppDefinition | null {
  let best: { app: AppDefinition; score: number } | null = null;
  for (const app of apps) {
    if (app.id === exceptId || !appOrigins(app).has(url.origin)) continue;
    const score = pathScore(app.url, url);
    if (!best || score > best.score) best = { app, score };
  }
  return best?.app ?? null;
}

export function decideNavigation(input: NavigationInput): NavigationVerdict {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { kind: 'refuse', reason: 'not a valid URL' };
  }
  const app = input.apps.find((candidate) => candidate.id === input.appId);
  if (!app) return { kind: 'refuse', reason: `no app "${input.appId}"` };
  if (url.protocol === 'mailto:') {
    const safe = safeExternalUrl(url.href);
    return safe ? { kind: 'external', url: safe } : { kind: 'refuse', reason: 'malformed mailto link' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'refuse', reason: `the ${url.protocol} scheme is not allowed` };
  if (url.username || url.password) return { kind: 'refuse', reason: 'links with a user name or password are not opened' };
  if (isAllowedNavigation(app, url.href, input.ssoOrigins)) return { kind: 'stay' };
  const other = owningApp(input.apps, app.id, url);
  if (other) return { kind: 'switch', appId: other.id, url: url.href };
  const safe = safeExternalUrl(url.href);
  return safe ? { kind: 'external', url: safe } : { kind: 'refuse', reason: 'not a URL the browser may open' };
}

/**
 * window.open and target=_blank: a link to the app's own pages opens in its tab (there are no
 * browser tabs to open it in); a real pop-up on the app's own origin or a sign-in origin opens as a
 * child window of the app (same session, so the sign-in completes), as large as the page asks
 * within sensible bounds; anything else follows the navigation rules, and the pop-up itself is
 * always denied.
 */
export function decideWindowOpen(input: WindowOpenInput): WindowOpenVerdict {
  const verdict = decideNavigation(input);
  if (verdict.kind !== 'stay') return verdict;
  const app = input.apps.find((candidate) => candidate.id === input.appId);
  const ownPage = app !== undefined && appOrigins(app).has(new URL(input.url).origin);
  if (ownPage && (input.disposition === 'foreground-tab' || input.disposition === 'background-tab')) return { kind: 'navigate', url: input.url };
  return { kind: 'child', ...popupSize(input.features ?? '', ownPage ? { width: 1024, height: 768 } : { width: 520, height: 680 }) };
}

/** The pop-up's size from window.open's features, between 320×240 and 1920×1200; else the default. */
export function popupSize(features: string, fallback: { width: number; height: number }): { width: number; height: number } {
  const asked = Object.fromEntries(features.split(',').map((part) => part.split('=').map((side) => side.trim().toLowerCase()) as [string, string | undefined]));
  const size = (key: 'width' | 'height', min: number, max: number) => {
    const value = Number.parseInt(asked[key] ?? asked[`inner${key}`] ?? '', 10);
    return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback[key];
  };
  return { width: size('width', 320, 1920), height: size('height', 240, 1200) };
}

/** Previews an app shows in a frame from data it holds: images and PDF (no HTML, no SVG: those run script). */
const dataPreview = /^data:(image\/(png|jpeg|gif|webp|avif|bmp)|application\/pdf)[;,]/i;

/**
 * Subframes (will-frame-navigate): the app's own origins (an embedded service such as Collabora in
 * Nextcloud or Jitsi in Element is listed in the app's `origins`), sign-in origins, about:blank and
 * srcdoc, `blob:` URLs the app made on one of those origins (previews, downloads), and `data:`
 * images and PDF. Third-party frames (ads, trackers, other sites) stay blocked, never opened elsewhere.
 */
export function isAllowedSubframe(app: AppDefinition, rawUrl: string, ssoOrigins: readonly string[] = []): boolean {
  if (rawUrl === 'about:blank' || rawUrl === 'about:srcdoc') return true;
  if (dataPreview.test(rawUrl)) return true;
  const url = rawUrl.startsWith('blob:') ? rawUrl.slice('blob:'.length) : rawUrl;
  return webOrigin(url) !== null && isAllowedNavigation(app, url, ssoOrigins);
}
