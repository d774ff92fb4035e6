// Where an account's settings live: the first account in the `sync.serverUrl` … keys (as before
// there were several), each added account in its entry of `sync.accounts`. SyncService reads and
// writes an account only through its slot, so the same service runs either.
import { join } from 'node:path';
import type { CoreContext } from '../context.ts';
import type { SyncAccountEntry } from '../config/settings-sync.ts';
import { SettingLockedError } from '../config/settings-service.ts';
import { normaliseServerUrl } from './account.ts';
import { foldersOverlap } from './local-dirs.ts';

export interface AccountFields {
  serverUrl: string;
  user: string;
  davUrl: string;
  /** As configured (`~` allowed). */
  localDir: string;
  remoteDir: string;
  /** False when this account or sync as a whole is turned off. */
  enabled: boolean;
  excludedFolders: string[];
}

export type WritableField = 'serverUrl' | 'user' | 'davUrl';

export interface AccountSlot {
  /** null: the first account; otherwise its id in `sync.accounts`. */
  readonly id: string | null;
  /** null once the account was removed. */
  read(): AccountFields | null;
  isLocked(field: WritableField): boolean;
  /** Refuses (SettingLockedError) a value the policy fixed to another. */
  ensureAllows(field: WritableField, value: string): void;
  write(field: WritableField, value: string): void;
}

const firstKey = { serverUrl: 'sync.serverUrl', user: 'sync.user', davUrl: 'sync.davUrl' } as const;

export function firstAccountSlot(ctx: CoreContext): AccountSlot {
  const s = ctx.settings;
  return {
    id: null,
    read: () => ({
      serverUrl: s.get('sync.serverUrl'), user: s.get('sync.user'), davUrl: s.get('sync.davUrl'),
      localDir: s.get('sync.localDir'), remoteDir: s.get('sync.remoteDir'), enabled: s.get('sync.enabled'),
      excludedFolders: s.get('sync.excludedFolders'),
    }),
    isLocked: (field) => s.isLocked(firstKey[field]),
    ensureAllows: (field, value) => s.ensureAllows(firstKey[field], value),
    write: (field, value) => {
      if (s.get(firstKey[field]) !== value && !s.isLocked(firstKey[field])) s.set(firstKey[field], value);
    },
  };
}

export function addedAccountSlot(ctx: CoreContext, id: string): AccountSlot {
  const s = ctx.settings;
  const entry = (): SyncAccountEntry | undefined => s.get('sync.accounts').find((a) => a.id === id);
  return {
    id,
    read: () => {
      const a = entry();
      return a ? { ...a, enabled: a.enabled && s.get('sync.enabled') } : null;
    },
    // A locked list fixes every field of every entry.
    isLocked: () => s.isLocked('sync.accounts'),
    ensureAllows: (field, value) => {
      if (s.isLocked('sync.accounts') && entry()?.[field] !== value) throw new SettingLockedError('sync.accounts', s.language());
    },
    write: (field, value) => {
      const list = s.get('sync.accounts');
      if (s.isLocked('sync.accounts') || list.find((a) => a.id === id)?.[field] === value) return;
      s.set('sync.accounts', list.map((a) => (a.id === id ? { ...a, [field]: value } : a)));
    },
  };
}

export interface AccountSummary {
  id: string | null;
  serverUrl: string;
  user: string;
  localDir: string;
}

/** Every account's server, user and folder (the first account's demo folder while it syncs the demo). */
export function allAccounts(ctx: CoreContext): AccountSummary[] {
  const s = ctx.settings;
  const firstDir = !s.get('sync.serverUrl') && ctx.demo ? join(ctx.dataDir, 'Demo files') : s.get('sync.localDir');
  return [
    { id: null, serverUrl: s.get('sync.serverUrl'), user: s.get('sync.user'), localDir: firstDir },
    ...s.get('sync.accounts').map(({ id, serverUrl, user, localDir }) => ({ id, serverUrl, user, localDir })),
  ];
}

/** The first other account whose folder overlaps `localDir` (the same, or one inside the other). */
export function overlappingAccount(ctx: CoreContext, id: string | null, localDir: string): AccountSummary | null {
  return allAccounts(ctx).find((a) => a.id !== id && foldersOverlap(a.localDir, localDir)) ?? null;
}

const sameServer = (a: string, b: string): boolean => {
  try {
    return normaliseServerUrl(a) === normaliseServerUrl(b);
  } catch {
    return false;
  }
};

/** Another account already signed in as this user on this server (they would share one keyring entry). */
export function accountWithLogin(ctx: CoreContext, id: string | null, server: string, user: string): AccountSummary | null {
  return allAccounts(ctx).find((a) => a.id !== id && a.user === user && !!a.serverUrl && sameServer(a.serverUrl, server)) ?? null;
}

/** How the person recognises an account in a message: "user @ server", or the server alone. */
export const accountLabel = (a: AccountSummary): string => (a.user ? `${a.user} @ ${a.serverUrl}` : a.serverUrl || a.localDir);
