// Accounts beyond the first (a second Nextcloud, for a project shared with another organisation):
// the list with each account's own state, adding and removing. The controls of one account are
// the sync.* commands with its id as `account` (contract-sync.ts).
import { z } from 'zod';
import { command, noInput } from './define.ts';
import { syncStateSchema } from './contract-sync.ts';

export const syncAccountsSchema = z.object({
  /** False when the policy forbids adding accounts (sync.allowAddingAccounts false, or the list locked). */
  allowAdding: z.boolean(),
  /** The accounts beyond the first, each with its folders and its own state. */
  accounts: z.array(z.object({ id: z.string(), localDir: z.string(), remoteDir: z.string(), state: syncStateSchema })),
});
export type SyncAccountsView = z.infer<typeof syncAccountsSchema>;

const login = z.string().trim().min(1).max(256);
const appPassword = z.string().min(1).max(1024);

export const syncAccountCommands = {
  'sync.accounts': command(noInput, syncAccountsSchema),
  /**
   * Adds an account with its own folder (refused when the policy forbids adding, when the folder is
   * the same as, inside or around another account's, or the login is connected already): with
   * `user` + `appPassword` it is checked and signed in at once, otherwise Login Flow v2 starts for it.
   */
  'sync.addAccount': command(z.object({
    server: z.string().trim().min(1).max(2048), localDir: z.string().trim().min(1).max(4096), remoteDir: z.string().max(4096).optional(),
    user: login.optional(), appPassword: appPassword.optional(),
  }).strict(), z.object({ id: z.string() })),
  /** Signs the account out (its keyring entry deleted) and forgets it; its local files stay. */
  'sync.removeAccount': command(z.object({ account: z.string().min(1).max(64) }).strict(), syncAccountsSchema),
} as const;

export const syncAccountEvents = {
  'sync.accounts': syncAccountsSchema,
} as const;
