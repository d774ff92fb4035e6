// File sync: state for the sync panel and status bar, and the user's controls (pause, sync now,
// answer the "many deletions" question, sign in with Nextcloud Login Flow v2 or an app password).
import { z } from 'zod';
import { command, noInput, ok } from './define.ts';

export const syncConfirmationSchema = z.object({
  kind: z.enum(['mass-delete', 'remote-empty', 'local-empty']),
  localDeletes: z.number().int(),
  remoteDeletes: z.number().int(),
  /** The deletions held (top-most item of each; at most 200 listed). */
  held: z.array(z.object({ path: z.string(), side: z.enum(['local', 'server']), type: z.enum(['file', 'dir']), files: z.number().int() })),
});

/** What the activity list says sync did (the renderer translates each, `sync:activity.kind.*`). */
export const syncActivityKinds = ['uploaded', 'downloaded', 'deletedHere', 'deletedOnServer', 'movedHere', 'movedOnServer', 'conflict', 'keptMine', 'keptTheirs', 'keptBoth'] as const;

export const syncStateSchema = z.object({
  state: z.enum(['not-configured', 'idle', 'syncing', 'paused', 'offline', 'error', 'needs-confirmation', 'needs-sign-in']),
  message: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  localDir: z.string().nullable(),
  serverUrl: z.string().nullable(),
  /** Signed-in account; null when none. */
  user: z.string().nullable(),
  /** Syncing the embedded demo server (no organisation configured). */
  demo: z.boolean(),
  progress: z.object({ filesDone: z.number(), filesTotal: z.number(), bytesDone: z.number(), bytesTotal: z.number(), etaSeconds: z.number().nullable() }),
  transfers: z.array(z.object({ path: z.string(), direction: z.enum(['up', 'down']), bytesDone: z.number(), bytesTotal: z.number() })),
  /** Conflicts waiting for a choice (kept across restarts): `path` holds the server's version, `conflictCopy` the local edit. */
  conflicts: z.array(z.object({ path: z.string(), conflictCopy: z.string(), at: z.string() })),
  /** What sync did lately, newest first (at most 100, kept across restarts). `from`: a move's old place. */
  activity: z.array(z.object({ at: z.string(), kind: z.enum(syncActivityKinds), path: z.string(), from: z.string().nullable() })),
  /**
   * `kind`: the code the renderer translates (a RemoteError kind such as 'locked' or 'quota', or the
   * error's name such as 'WaitingForSpace'); `message`: the technical detail, in English.
   * `action`: what the user can do about it: 'sign-in', 'retry', 'free-space', 'rename', or null.
   */
  errors: z.array(z.object({ path: z.string(), kind: z.string(), message: z.string(), action: z.string().nullable() })),
  /** Items skipped on purpose (symlinks, names the server refuses…): shown, not alarming. */
  skipped: z.array(z.object({ path: z.string(), kind: z.string(), message: z.string() })),
  /** Set while deletions wait for the user's answer (state 'needs-confirmation'). */
  confirmation: syncConfirmationSchema.nullable(),
  /** Set while a Login Flow v2 sign-in waits for approval (`way`: in Werkplek's sign-in window or the browser). */
  pendingLogin: z.object({ loginUrl: z.string(), way: z.enum(['in-app', 'browser']).optional() }).nullable(),
  /** Why the last sign-in in the browser or sign-in window ended without an account, in the person's language; cleared by the next try. */
  signInProblem: z.string().nullable().optional(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

const serverInput = z.string().trim().min(1).max(2048);
/** An added account's id (sync.accounts); absent: the first account. */
const account = z.string().min(1).max(64).optional();
const forAccount = z.object({ account }).strict();

export const syncCommands = {
  'sync.state': command(noInput, syncStateSchema),
  'sync.pause': command(forAccount, syncStateSchema),
  'sync.resume': command(forAccount, syncStateSchema),
  'sync.now': command(forAccount, syncStateSchema),
  /** accept: delete them; otherwise they are brought back from the other side. */
  'sync.confirmDeletes': command(z.object({ accept: z.boolean(), account }).strict(), syncStateSchema),
  /** Show the sync folder in the file manager. */
  'sync.openFolder': command(forAccount, ok),
  /** A conflict's choice: keep mine (the local edit), theirs (the server's) or both; the discarded version goes to the trash. */
  'sync.resolveConflict': command(z.object({ conflictCopy: z.string().max(4096), choice: z.enum(['mine', 'theirs', 'both']), account }).strict(), syncStateSchema),
  /** Open a file of the sync folder (relative path) with its default app, or show it in the file manager. */
  'sync.openItem': command(z.object({ path: z.string().max(4096), action: z.enum(['open', 'show']), account }).strict(), z.object({
    /** Why it was not done (null: done): gone, refused (outside the folder, not a file), would start a program, not in the preview, or the desktop could not. */
    refused: z.enum(['missing', 'refused', 'runs-program', 'unavailable', 'failed']).nullable(),
    detail: z.string().nullable(),
  })),
  /** The desktop's folder dialog for the local folder (desktop app only); null when cancelled. */
  'sync.chooseLocalFolder': command(noInput, z.object({ path: z.string().nullable() })),
  /** Nextcloud Login Flow v2: opens the login page in the browser, then waits for approval. */
  'sync.startLogin': command(z.object({ server: serverInput, account }).strict(), z.object({ loginUrl: z.string() })),
  'sync.cancelLogin': command(forAccount, syncStateSchema),
  /** Manual sign-in with an app password (checked against the server before it is kept). */
  'sync.signIn': command(z.object({ server: serverInput, user: z.string().trim().min(1).max(256), appPassword: z.string().min(1).max(1024), account }).strict(), syncStateSchema),
  'sync.signOut': command(forAccount, syncStateSchema),
  /** The server's folders in `path` (from the account's root): choosing the synced folder and which subfolders sync. */
  'sync.serverFolders': command(z.object({ path: z.string().max(4096) }).strict(), z.object({ folders: z.array(z.object({ path: z.string(), name: z.string(), size: z.number().nullable() })) })),
  /** The ignore patterns (one glob a line) the engine reads at every run. */
  'sync.ignorePatterns': command(noInput, z.object({ text: z.string() })),
  'sync.setIgnorePatterns': command(z.object({ text: z.string().max(65536) }).strict(), syncStateSchema),
} as const;

export const syncEvents = {
  'sync.state': syncStateSchema,
} as const;
