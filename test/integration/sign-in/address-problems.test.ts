// What the person reads when the address they typed, or the server's sign-in answer, is wrong:
// through the bridge handlers of a real core, in Dutch and in English, never the runtime's own
// English ("Invalid URL") or a technical text in the Dutch window.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';
import { stopSync } from '../../../electron/core/sync/sync-handlers.ts';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';

type Core = Awaited<ReturnType<typeof createTestCore>>;

describe('sign-in address problems, in the person\'s language', () => {
  let notNextcloud: Server;
  let url: string;
  beforeAll(async () => {
    // A web server that is not Nextcloud: every path is 404.
    notNextcloud = createServer((_request, response) => response.writeHead(404).end('not here'));
    await new Promise<void>((done) => notNextcloud.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(notNextcloud.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => notNextcloud.close(() => done())));

  const withCore = async (language: 'nl' | 'en', work: (core: Core) => Promise<void>): Promise<void> => {
    const core = await createTestCore();
    core.ctx.settings.set('general.locale', language);
    try {
      await work(core);
    } finally {
      await stopSync(core.ctx);
      await core.close();
    }
  };

  // Each call made only when awaited, so no rejection goes unhandled in between.
  const cases = (core: Core) => ({
    missing: () => core.handlers['sync.signIn']({ server: '   ', user: 'jan', appPassword: 'x' }),
    invalid: () => core.handlers['sync.signIn']({ server: 'https://[cloud', user: 'jan', appPassword: 'x' }),
    scheme: () => core.handlers['sync.signIn']({ server: 'ftp://cloud.example.org', user: 'jan', appPassword: 'x' }),
    credentials: () => core.handlers['sync.startLogin']({ server: 'https://jan:geheim@cloud.example.org' }),
    notNextcloud: () => core.handlers['sync.startLogin']({ server: url }),
    noFolder: () => core.handlers['sync.openFolder']({}),
    addAccount: () => core.handlers['sync.addAccount']({ server: 'ftp://cloud.example.org', localDir: join(core.ctx.dataDir, 'second') }),
  });

  /** What each case says, in each language. */
  const said: Record<keyof ReturnType<typeof cases>, Record<'nl' | 'en', string>> = {
    missing: { nl: 'vul het adres van je server in', en: 'enter the address of your server' },
    invalid: { nl: '"https://[cloud" is geen webadres', en: '"https://[cloud" is not a web address' },
    scheme: { nl: 'ftp: is geen webadres: gebruik https://', en: 'ftp: is not a web address: use https://' },
    credentials: { nl: 'vul gebruikersnaam en wachtwoord in hun eigen velden in', en: 'put the user name and password in their own fields' },
    notNextcloud: { nl: 'de server biedt geen Nextcloud-aanmelding aan (HTTP 404)', en: 'the server does not offer Nextcloud sign-in (HTTP 404)' },
    noFolder: { nl: 'er is nog geen synchronisatiemap', en: 'there is no sync folder yet' },
    addAccount: { nl: 'ftp: is geen webadres', en: 'ftp: is not a web address' },
  };

  for (const language of ['nl', 'en'] as const) {
    it(`in ${language === 'nl' ? 'Dutch' : 'English'}`, () => withCore(language, async (core) => {
      const c = cases(core);
      for (const [name, text] of Object.entries(said)) await expect(c[name as keyof typeof said](), name).rejects.toThrow(text[language]);
    }));
  }

  it('a browser sign-in the server ends with an error says so in the sync state, in Dutch', async () => {
    // Login Flow v2 starts, then the server answers the poll with 500.
    const broken = createServer((request, response) => {
      if (request.url === '/index.php/login/v2') {
        const base = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ login: `${base}/login/flow`, poll: { token: 't', endpoint: `${base}/login/v2/poll` } }));
      } else response.writeHead(500).end();
    });
    await new Promise<void>((done) => broken.listen(0, '127.0.0.1', done));
    try {
      await withCore('nl', async (core) => {
        const ended = new Promise<SyncState>((done) => core.hub.subscribe((name, payload) => {
          const state = payload as SyncState;
          if (name === 'sync.state' && !state.pendingLogin && state.signInProblem) done(state);
        }));
        await core.handlers['sync.startLogin']({ server: `http://127.0.0.1:${(broken.address() as AddressInfo).port}` });
        expect((await ended).signInProblem).toBe('aanmelden mislukt (HTTP 500)');
        expect((await core.handlers['sync.state']({})).signInProblem).toBe('aanmelden mislukt (HTTP 500)');
      });
    } finally {
      await new Promise<void>((done) => broken.close(() => done()));
    }
  });
});
