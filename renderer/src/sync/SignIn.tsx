// Sign in to the file server: Nextcloud Login Flow v2 (recommended; in Werkplek's sign-in window on
// the apps' shared session, or the browser, as core decides), or a user name and app password
// typed in. The secret goes straight to the main side's keyring. `account`: an added account's id
// (its own ids in the page); absent: the first account.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../electron/core/bridge/contract-sync.ts';
import { useBridge } from '../bridge/context.tsx';
import { useAsyncAction } from '../shared/use-async-action.ts';

export function SignIn({ state, account }: { state: SyncState; account?: string }) {
  const { t } = useTranslation('sync');
  const api = useBridge();
  const [server, setServer] = useState(state.serverUrl ?? '');
  const [user, setUser] = useState(state.user ?? '');
  const [password, setPassword] = useState('');
  const action = useAsyncAction();
  const id = (name: string) => (account ? `${name}-${account}` : name);
  const { busy, error } = action;
  const run = async (work: () => Promise<unknown>) => {
    if (await action.run(work)) setPassword('');
  };
  const browser = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api['sync.startLogin']({ server, account }));
  };
  const manual = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api['sync.signIn']({ server, user, appPassword: password, account }));
  };

  // The kept app password stopped working: one click goes the same way as the first sign-in.
  const revoked = state.state === 'needs-sign-in' && !!state.user;

  if (state.pendingLogin) {
    return (
      <section className="sync-signin" aria-labelledby={id('sync-signin-heading')}>
        <h2 id={id('sync-signin-heading')}>{t('signIn.heading')}</h2>
        <p role="status">{t(state.pendingLogin.way === 'in-app' ? 'signIn.waitingInApp' : 'signIn.waiting')}</p>
        {state.pendingLogin.way !== 'in-app' && <p className="muted">{t('signIn.waitingHint')}</p>}
        <button type="button" onClick={() => void api['sync.cancelLogin']({ account })}>{t('signIn.cancel')}</button>
      </section>
    );
  }
  return (
    <section className="sync-signin" aria-labelledby={id('sync-signin-heading')}>
      <h2 id={id('sync-signin-heading')}>{t('signIn.heading')}</h2>
      <p>{revoked ? t('signIn.again', { user: state.user }) : t('signIn.intro')}</p>
      {/* Why the last sign-in in the browser or sign-in window ended without an account (core's words, in the person's language). */}
      {state.signInProblem && <p role="alert" className="error">{state.signInProblem}</p>}
      {revoked && state.serverUrl && (
        <p>
          <button type="button" disabled={busy} onClick={() => void run(() => api['sync.startLogin']({ server: state.serverUrl!, account }))}>{t('signIn.reconnect')}</button>
        </p>
      )}
      <form onSubmit={browser}>
        <label htmlFor={id('sync-server')}>{t('signIn.server')}</label>
        <input id={id('sync-server')} type="url" inputMode="url" autoComplete="url" required placeholder="https://cloud.example.org"
          value={server} onChange={(e) => setServer(e.target.value)} />
        <button type="submit" disabled={busy || !server}>{t('signIn.withBrowser')}</button>
      </form>
      <details>
        <summary>{t('signIn.appPassword')}</summary>
        <form onSubmit={manual}>
          <label htmlFor={id('sync-user')}>{t('signIn.user')}</label>
          <input id={id('sync-user')} autoComplete="username" required value={user} onChange={(e) => setUser(e.target.value)} />
          <label htmlFor={id('sync-password')}>{t('signIn.password')}</label>
          <input id={id('sync-password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" disabled={busy || !server || !user || !password}>{t('signIn.submit')}</button>
        </form>
      </details>
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
