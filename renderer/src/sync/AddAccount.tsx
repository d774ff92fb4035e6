// "Add an account" in the Files panel: a second Nextcloud with a folder of its own. The same two
// ways in as the first account: Login Flow v2 (the sign-in window), or a user name and app password
// (checked before anything is kept). The core refuses a folder that overlaps another account's and
// adding at all where the policy forbids it (this form is not shown then).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context.tsx';
import { useAsyncAction } from '../shared/use-async-action.ts';

/** A folder named after the server, in the home folder, until the person types their own. */
function suggestedFolder(server: string): string {
  try {
    const host = new URL(/^[a-z]+:\/\//i.test(server) ? server : `https://${server}`).hostname;
    return host ? `~/Werkplek ${host}` : '';
  } catch {
    return '';
  }
}

export function AddAccount() {
  const { t } = useTranslation('sync');
  const api = useBridge();
  const action = useAsyncAction();
  const [open, setOpen] = useState(false);
  const [server, setServer] = useState('');
  const [folder, setFolder] = useState<string | null>(null);
  const [serverFolder, setServerFolder] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const localDir = folder ?? suggestedFolder(server);
  // Empty: the whole account; the core makes it absolute ("Projecten" is /Projecten).
  const remoteDir = serverFolder.trim() ? { remoteDir: serverFolder.trim() } : {};
  const done = (ok: boolean) => {
    setPassword('');
    if (ok) {
      setOpen(false);
      setServer('');
      setFolder(null);
      setServerFolder('');
      setUser('');
    }
  };
  const withLogin = async (event: FormEvent) => {
    event.preventDefault();
    done(await action.run(() => api['sync.addAccount']({ server, localDir, ...remoteDir })));
  };
  const withPassword = async () => done(await action.run(() => api['sync.addAccount']({ server, localDir, ...remoteDir, user, appPassword: password })));

  if (!open) {
    return (
      <div className="sync-actions">
        <button type="button" onClick={() => setOpen(true)}>{t('accounts.add')}</button>
      </div>
    );
  }
  return (
    <section className="sync-signin sync-add-account" aria-labelledby="sync-add-heading">
      <h2 id="sync-add-heading">{t('accounts.add')}</h2>
      <p>{t('accounts.addIntro')}</p>
      <form onSubmit={(event) => void withLogin(event)}>
        <label htmlFor="sync-add-server">{t('accounts.server')}</label>
        <input id="sync-add-server" type="url" inputMode="url" autoComplete="url" required placeholder="https://cloud.example.org"
          value={server} onChange={(e) => setServer(e.target.value)} />
        <label htmlFor="sync-add-folder">{t('accounts.folder')}</label>
        <input id="sync-add-folder" required aria-describedby="sync-add-folder-hint" value={localDir} onChange={(e) => setFolder(e.target.value)} />
        <span className="muted" id="sync-add-folder-hint">{t('accounts.folderHint')}</span>
        <label htmlFor="sync-add-server-folder">{t('accounts.serverFolder')}</label>
        <input id="sync-add-server-folder" aria-describedby="sync-add-server-folder-hint" placeholder="/" value={serverFolder} onChange={(e) => setServerFolder(e.target.value)} />
        <span className="muted" id="sync-add-server-folder-hint">{t('accounts.serverFolderHint')}</span>
        <button type="submit" disabled={action.busy || !server || !localDir}>{t('accounts.withBrowser')}</button>
        <details>
          <summary>{t('accounts.appPassword')}</summary>
          <label htmlFor="sync-add-user">{t('signIn.user')}</label>
          <input id="sync-add-user" autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} />
          <label htmlFor="sync-add-password">{t('signIn.password')}</label>
          <input id="sync-add-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="button" disabled={action.busy || !server || !localDir || !user || !password} onClick={() => void withPassword()}>{t('accounts.submit')}</button>
        </details>
      </form>
      <button type="button" onClick={() => setOpen(false)}>{t('accounts.cancel')}</button>
      {action.error && <p role="alert" className="error">{action.error}</p>}
    </section>
  );
}
