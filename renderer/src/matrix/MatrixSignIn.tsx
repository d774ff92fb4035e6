// Sign in to the chat homeserver: single sign-on (in Werkplek's sign-in window or the browser, as
// core decides) when the server offers it, or user name and password. The token goes straight to
// the main side's keyring.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixStatus } from '../../../electron/core/bridge/contract-matrix.ts';
import { useBridge } from '../bridge/context.tsx';
import { useAsyncAction } from '../shared/use-async-action.ts';

export function MatrixSignIn({ status, user: savedUser }: { status: MatrixStatus; user: string }) {
  const { t } = useTranslation('matrix');
  const api = useBridge();
  const [homeserver, setHomeserver] = useState(status.homeserver ?? '');
  const [user, setUser] = useState(savedUser);
  const [password, setPassword] = useState('');
  const [flows, setFlows] = useState<{ password: boolean; sso: boolean } | null>(null);
  const action = useAsyncAction();
  const { busy, error } = action;
  const run = async (work: () => Promise<unknown>) => {
    if (await action.run(work)) setPassword('');
  };
  const check = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const found = await api['matrix.loginFlows']({ homeserver });
      setHomeserver(found.homeserver);
      setFlows(found);
    });
  };
  // The token died: one click signs in again the way the server offers (single sign-on first).
  const reconnect = () =>
    void run(async () => {
      const found = await api['matrix.loginFlows']({ homeserver });
      if (found.sso) await api['matrix.signInSso']({ homeserver: found.homeserver });
      else setFlows(found);
    });
  const withPassword = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api['matrix.signInPassword']({ homeserver, user, password }));
  };

  return (
    <section className="matrix-signin" aria-labelledby="matrix-signin-heading">
      <h2 id="matrix-signin-heading">{t('signIn.heading')}</h2>
      <p>{status.state === 'needs-sign-in' ? t('signIn.again', { user: status.userId ?? user }) : t('signIn.intro')}</p>
      {status.state === 'needs-sign-in' && homeserver && (
        <p>
          <button type="button" disabled={busy} onClick={reconnect}>{t('signIn.reconnect')}</button>
        </p>
      )}
      {status.state === 'signing-in' && (
        <p role="status">
          {t('signIn.waitingForBrowser')} <button type="button" onClick={() => void api['matrix.cancelSignIn']({})}>{t('signIn.cancel')}</button>
        </p>
      )}
      <form onSubmit={check}>
        <label htmlFor="matrix-homeserver">{t('signIn.homeserver')}</label>
        <input id="matrix-homeserver" type="text" inputMode="url" autoComplete="url" required placeholder="https://matrix.example.org"
          value={homeserver} onChange={(e) => { setHomeserver(e.target.value); setFlows(null); }} />
        <button type="submit" disabled={busy || !homeserver}>{t('signIn.continue')}</button>
      </form>
      {flows?.sso && (
        <p>
          <button type="button" disabled={busy} onClick={() => void run(() => api['matrix.signInSso']({ homeserver }))}>{t('signIn.withSso')}</button>
        </p>
      )}
      {flows?.password && (
        <form onSubmit={withPassword}>
          <label htmlFor="matrix-user">{t('signIn.user')}</label>
          <input id="matrix-user" autoComplete="username" required value={user} onChange={(e) => setUser(e.target.value)} />
          <label htmlFor="matrix-password">{t('signIn.password')}</label>
          <input id="matrix-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" disabled={busy || !user || !password}>{t('signIn.submit')}</button>
        </form>
      )}
      {flows && !flows.password && !flows.sso && <p role="alert" className="error">{t('signIn.noMethod')}</p>}
      {(error ?? status.message) && <p role="alert" className="error">{error ?? status.message}</p>}
    </section>
  );
}
