// The one-click offers to connect Files and chat notifications (rules: sign-in-offer-rules.ts).
// Follows the tabs' loads (shell.load), the sync state and the Matrix status; publishes the offers
// as 'signIn.offers' (chat's homeserver: matrix.homeserver, else the chat app's Element config);
// remembers every answer in the data folder, so an offer is made once. Accepting
// starts the same sign-in as the panels (sync.startLogin, matrix.signInSso): the in-app window.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CoreContext } from '../context.ts';
import type { CommandHandlers } from '../bridge/contract.ts';
import type { LoadState } from '../bridge/contract-shell.ts';
import type { signInCommands } from '../bridge/contract-sign-in.ts';
import { decideOffer, looksSignedIn, type OfferKind, type SignInOffer } from './sign-in-offer-rules.ts';
import { homeserverFromElementConfig } from './chat-homeserver.ts';
import { nodeProxyEnvForSetting } from './proxy.ts';

type OfferHandlers = Pick<CommandHandlers, keyof typeof signInCommands>;

const kinds: OfferKind[] = ['files', 'chat'];

function readAnswered(file: string): Set<OfferKind> {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { answered?: unknown };
    return new Set((Array.isArray(saved.answered) ? saved.answered : []).filter((k): k is OfferKind => kinds.includes(k as OfferKind)));
  } catch {
    return new Set(); // none yet (or unreadable: asking once more is harmless)
  }
}

/** `handlers`: the core's own commands, read when needed (they are built alongside these). */
export function createSignInOfferHandlers(ctx: CoreContext, handlers: () => CommandHandlers): OfferHandlers {
  const file = join(ctx.dataDir, 'sign-in-offers.json');
  const answered = readAnswered(file);
  /** Apps whose tab reached a signed-in page in this run. */
  const signedIn = new Set<string>();
  let offers: SignInOffer[] = [];

  /** Homeservers read from chat apps' Element config, per app URL (asked once per run). */
  const discovered = new Map<string, Promise<string | null>>();
  const homeserverOf = (appUrl: string): Promise<string | null> => {
    if (!discovered.has(appUrl)) discovered.set(appUrl, homeserverFromElementConfig(appUrl, { proxyEnv: nodeProxyEnvForSetting(ctx.settings.get('shell.proxy'), process.env).env }));
    return discovered.get(appUrl)!;
  };
  const serverFor = async (kind: OfferKind, appUrl: string | null): Promise<string> => {
    const preset = ctx.settings.get(kind === 'files' ? 'sync.serverUrl' : 'matrix.homeserver');
    if (preset || kind === 'files' || appUrl === null) return preset;
    return (await homeserverOf(appUrl)) ?? '';
  };

  const compute = async (): Promise<SignInOffer[]> => {
    const apps = ctx.catalog.enabledApps();
    const [sync, matrix] = await Promise.all([handlers()['sync.state']({}), handlers()['matrix.status']({})]);
    const out: SignInOffer[] = [];
    for (const kind of kinds) {
      const app = apps.find((a) => a.kind === kind && signedIn.has(a.id)) ?? null;
      const offer = decideOffer({
        kind, app, signedIn: app !== null, answered: answered.has(kind),
        enabled: ctx.settings.get(kind === 'files' ? 'sync.enabled' : 'matrix.enabled'),
        state: kind === 'files' ? (sync.demo ? 'demo' : sync.state) : matrix.state,
        configuredServer: answered.has(kind) ? '' : await serverFor(kind, app?.url ?? null),
      });
      if (offer) out.push(offer);
    }
    return out;
  };
  let queue: Promise<unknown> = Promise.resolve();
  const refresh = (): Promise<SignInOffer[]> => {
    const next = queue.then(async () => {
      const now = await compute();
      if (JSON.stringify(now) !== JSON.stringify(offers)) {
        offers = now;
        ctx.hub.emit('signIn.offers', offers);
      }
      return offers;
    });
    queue = next.catch((error: unknown) => ctx.log.warn(`sign-in offers: ${error instanceof Error ? error.message : String(error)}`));
    return next;
  };

  ctx.hub.subscribe((name, payload) => {
    if (name === 'shell.load') {
      const load = payload as LoadState;
      const app = ctx.catalog.enabledApps().find((a) => a.id === load.appId);
      if (load.state !== 'ready' || !app || (app.kind !== 'files' && app.kind !== 'chat') || !load.url) return;
      if (!looksSignedIn(app, load.url, ctx.settings.get('shell.ssoOrigins'))) return;
      signedIn.add(app.id);
      void refresh().catch(() => {});
    } else if ((name === 'sync.state' || name === 'matrix.status' || name === 'catalog.changed') && signedIn.size > 0) {
      void refresh().catch(() => {});
    }
  });

  const remember = (kind: OfferKind) => {
    answered.add(kind);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ answered: [...answered] }));
    renameSync(`${file}.tmp`, file);
  };

  return {
    'signIn.offers': async () => refresh(),
    'signIn.answerOffer': async ({ kind, accept }) => {
      const offer = offers.find((o) => o.kind === kind);
      remember(kind);
      if (accept && offer) {
        if (kind === 'files') await handlers()['sync.startLogin']({ server: offer.server });
        else void handlers()['matrix.signInSso']({ homeserver: offer.server }).catch((error: unknown) => ctx.log.warn(`chat sign-in from the offer: ${error instanceof Error ? error.message : String(error)}`));
      }
      return refresh();
    },
  };
}
