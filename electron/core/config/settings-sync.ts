// Settings of the file sync engine (electron/core/sync).
import { z } from 'zod';

/**
 * An account beyond the first (a second Nextcloud, for a project shared with another
 * organisation): its own server, folder pair, journal and keyring entry. The first account stays in
 * the `sync.serverUrl` … keys above.
 */
export const syncAccountSchema = z.object({
  /** Stable name of the account inside Werkplek (letters, digits, dashes). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  serverUrl: z.string().min(1),
  /** The login name; empty until signed in. */
  user: z.string().default(''),
  /** The WebDAV root, found at sign-in (as sync.davUrl). */
  davUrl: z.string().default(''),
  /** `~/…` or absolute: a relative folder would depend on where Werkplek was started. */
  localDir: z.string().regex(/^(~$|~\/|\/)/),
  remoteDir: z.string().default('/'),
  enabled: z.boolean().default(true),
  excludedFolders: z.array(z.string()).default([]),
}).strict();
export type SyncAccountEntry = z.output<typeof syncAccountSchema>;

export const syncSettings = {
  'sync.enabled': z.boolean().default(true),
  'sync.serverUrl': z.string().default(''),
  /** The login name (for the app password; the WebDAV paths use the user id instead). */
  'sync.user': z.string().default(''),
  /** The account's WebDAV root, found at sign-in (Nextcloud: …/remote.php/dav/files/USER-ID/, the id from OCS cloud/user, not the login name). */
  'sync.davUrl': z.string().default(''),
  'sync.localDir': z.string().default('~/Werkplek'),
  'sync.remoteDir': z.string().default('/'),
  'sync.pollIntervalSeconds': z.number().int().min(5).max(3600).default(30),
  'sync.parallelTransfers': z.number().int().min(1).max(32).default(6),
  'sync.deleteThresholdFiles': z.number().int().min(1).default(100),
  'sync.excludedFolders': z.array(z.string()).default([]),
  'sync.uploadLimitKiBps': z.number().int().min(0).default(0),
  'sync.downloadLimitKiBps': z.number().int().min(0).default(0),
  /** MiB downloads leave free on the disk; null = automatic (the larger of 1 GiB and 5 % of the disk, at most 10 GiB), 0 = none. */
  'sync.freeSpaceReserveMiB': z.number().int().min(0).nullable().default(null),
  /** Accounts beyond the first, each syncing its own folder pair. */
  'sync.accounts': z.array(syncAccountSchema).default([]),
  /** Whether the person may add accounts beyond the first (policy: false forbids it). */
  'sync.allowAddingAccounts': z.boolean().default(true),
};
