// Opens the page where connecting Files or chat signs in, the way sign-in-route.ts decides: the
// host's in-app window on the shared partition (Electron main: sign-in-window.ts), or the system
// browser. The caller closes it when its flow completes; the person closing it cancels the flow.
import type { CoreContext } from '../context.ts';
import { decideSignInRoute, type SignInPurpose, type SignInRoute } from './sign-in-route.ts';

export interface SignInWindowRequest {
  url: string;
  partition: string;
  /** Origins the window may show (sign-in-route.ts judgeSignInNavigation adds the provider's on redirect). */
  allowedOrigins: string[];
  /** The window closes itself once a page here has loaded (the Matrix loopback redirect). */
  returnUrl: string | null;
}

export interface SignInWindowHandle {
  close(): void;
}

export interface SignInPageRequest {
  purpose: SignInPurpose;
  serverUrl: string;
  startUrl: string;
  returnUrl?: string | null;
  /** The person closed the in-app window before the flow completed. */
  onCancel(): void;
}

export interface OpenedSignInPage {
  route: SignInRoute;
  close(): void;
}

export async function openSignInPage(ctx: CoreContext, request: SignInPageRequest): Promise<OpenedSignInPage> {
  const host = ctx.shell.host;
  const route = decideSignInRoute({
    purpose: request.purpose,
    serverUrl: request.serverUrl,
    startUrl: request.startUrl,
    returnUrl: request.returnUrl ?? null,
    apps: ctx.catalog.enabledApps(),
    ssoOrigins: ctx.settings.get('shell.ssoOrigins'),
    browserByPolicy: ctx.settings.get('shell.signInInBrowser'),
    hasWindow: typeof host.signInWindow === 'function',
  });
  if (route.way === 'in-app' && host.signInWindow) {
    ctx.log.info(`sign-in (${request.purpose}): in-app window on ${route.partition}`);
    const handle = host.signInWindow({ url: request.startUrl, partition: route.partition, allowedOrigins: route.allowedOrigins, returnUrl: request.returnUrl ?? null }, request.onCancel);
    return { route, close: () => handle.close() };
  }
  ctx.log.info(`sign-in (${request.purpose}): system browser (${route.way === 'browser' ? route.reason : 'no window'})`);
  await ctx.openExternal(request.startUrl);
  return { route, close: () => {} };
}
