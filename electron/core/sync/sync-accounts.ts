// Accounts beyond the first (`sync.accounts`): one SyncService, engine host, journal and keyring
// entry each, started and stopped as the list changes. Adding checks the policy
// (`sync.allowAddingAccounts`), the folder (not the same as, inside or around another account's)
// and the login (not one already connected); removing signs out and leaves the files in place.
import { rmSync } from 'node:fs';
import { isAbsolute, posix } from 'node:path';
import type { CoreContext } from '../context.ts';
import type { SyncState } from '../bridge/contract-sync.ts';
import type { SyncAccountsView } from '../bridge/contract-sync-accounts.ts';
import { SettingLockedError } from '../config/settings-service.ts';
import type { SyncAccountEntry } from '../config/settings-sync.ts';
import { accountLabel, accountWithLogin, addedAccountSlot, overlappingAccount } from './account-slot.ts';
import { journalPathFor, normaliseServerUrl, secretName } from './account.ts';
import { accountTexts } from './account-texts.ts';
import type { EngineHost } from './engine-host.ts';
import { expandHome } from './local-dirs.ts';
import { idleStatus } from './status.ts';
import { SyncService } from './sync-service.ts';

export interface AddAccountInput {
  server: string;
  /** `~/…` or absolute; a bare name is taken inside the home folder. */
  localDir: string;
  remoteDir?: string;
  /** With an app password the account is checked and signed in at once; without, Login Flow v2 starts. */
  user?: string;
  appPassword?: string;
}

/** A readable id from the server's host name, unique among the accounts. */
function newId(base: string, taken: Set<string>): string {
  const stem = new URL(base).hostname.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'account';
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  return id;
}

const asFolder = (dir: string): string => (dir === '~' || dir.startsWith('~/') || isAbsolute(dir) ? dir : `~/${dir}`);

export class SyncAccounts {
  private readonly ctx: CoreContext;
  private readonly makeHost: () => EngineHost;
  private readonly running = new Map<string, SyncService>();
  private readonly offSettings: () => void;
  private closed = false;

  constructor(ctx: CoreContext, makeHost: () => EngineHost) {
    this.ctx = ctx;
    this.makeHost = makeHost;
    this.offSettings = ctx.settings.onChange(() => this.match());
    this.match();
  }

  private entries(): SyncAccountEntry[] {
    return this.ctx.settings.get('sync.accounts');
  }

  /** A service for each entry of the list; the service of a removed entry stopped. */
  private match(): void {
    if (this.closed) return;
    const ids = new Set(this.entries().map((a) => a.id));
    let changed = false;
    for (const [id, service] of this.running) {
      if (ids.has(id)) continue;
      this.running.delete(id);
      void service.close();
      changed = true;
    }
    for (const id of ids) {
      if (this.running.has(id)) continue;
      const service = new SyncService(this.ctx, this.makeHost(), addedAccountSlot(this.ctx, id), () => this.publish());
      this.running.set(id, service);
      service.apply().catch((error: unknown) => this.ctx.log.error(`sync account ${id} could not start: ${(error as Error).message}`));
      changed = true;
    }
    if (changed) this.publish();
  }

  private publish(): void {
    if (!this.closed) this.ctx.hub.emit('sync.accounts', this.view());
  }

  allowsAdding(): boolean {
    return this.ctx.settings.get('sync.allowAddingAccounts') && !this.ctx.settings.isLocked('sync.accounts');
  }

  view(): SyncAccountsView {
    const accounts = this.entries().map((entry) => {
      const state: SyncState = this.running.get(entry.id)?.state() ?? {
        ...idleStatus(), state: 'not-configured', localDir: null, serverUrl: entry.serverUrl, user: entry.user || null, demo: false, pendingLogin: null,
      };
      return { id: entry.id, localDir: expandHome(entry.localDir), remoteDir: entry.remoteDir, state };
    });
    return { allowAdding: this.allowsAdding(), accounts };
  }

  /** The service of an added account; throws (in the person's language) for an unknown id. */
  service(id: string): SyncService {
    const service = this.running.get(id);
    if (!service) throw new Error(accountTexts(this.ctx.settings.language()).unknownAccount(id));
    return service;
  }

  async add(input: AddAccountInput): Promise<{ id: string }> {
    const s = this.ctx.settings;
    const say = accountTexts(s.language());
    if (!s.get('sync.allowAddingAccounts')) throw new Error(say.addingForbidden());
    if (s.isLocked('sync.accounts')) throw new SettingLockedError('sync.accounts', s.language());
    const base = normaliseServerUrl(input.server);
    const localDir = asFolder(input.localDir.trim());
    const clash = overlappingAccount(this.ctx, '', localDir);
    if (clash) throw new Error(say.folderOverlap(expandHome(localDir), accountLabel(clash)));
    const withLogin = input.user ? accountWithLogin(this.ctx, '', base, input.user) : null;
    if (withLogin) throw new Error(say.alreadyConnected(accountLabel(withLogin)));
    const id = newId(base, new Set(this.entries().map((a) => a.id)));
    const entry: SyncAccountEntry = { id, serverUrl: base, user: '', davUrl: '', localDir, remoteDir: posix.join('/', input.remoteDir?.trim() || '/'), enabled: true, excludedFolders: [] };
    s.set('sync.accounts', [...this.entries(), entry]); // match() starts its service
    try {
      if (input.user && input.appPassword) await this.service(id).signIn(base, input.user, input.appPassword);
      else await this.service(id).startLogin(base);
    } catch (error) {
      // Nothing kept of an account that could not even start signing in.
      s.set('sync.accounts', this.entries().filter((a) => a.id !== id));
      throw error;
    }
    return { id };
  }

  /** Signs the account out (its keyring entry deleted), forgets its journal; its files stay where they are. */
  async remove(id: string): Promise<SyncAccountsView> {
    const s = this.ctx.settings;
    if (s.isLocked('sync.accounts')) throw new SettingLockedError('sync.accounts', s.language());
    const service = this.service(id);
    const entry = this.entries().find((a) => a.id === id)!;
    this.running.delete(id);
    await service.close();
    if (entry.user) await this.ctx.keyring.delete(secretName(entry.serverUrl, entry.user));
    if (entry.davUrl) {
      // Added again later, the account starts as a fresh merge (nothing deleted for a stale journal).
      const journal = journalPathFor(this.ctx.dataDir, entry.davUrl, entry.remoteDir, expandHome(entry.localDir));
      for (const file of [journal, `${journal}-wal`, `${journal}-shm`]) rmSync(file, { force: true });
    }
    s.set('sync.accounts', this.entries().filter((a) => a.id !== id));
    this.publish(); // its service was stopped above, so the list's change alone does not tell
    return this.view();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.offSettings();
    await Promise.all([...this.running.values()].map((service) => service.close()));
    this.running.clear();
  }
}
