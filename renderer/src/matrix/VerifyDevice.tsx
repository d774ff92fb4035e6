// Verifying the notifier's own device with the recovery key (Element: "Verify with Security Key"),
// and what verifying adds: without it Werkplek already reads new messages from senders whose apps
// share keys with unverified devices; verified, it is trusted by the other sessions, also gets keys
// from senders who share only with verified devices, and restores missed keys from the key backup.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixVerifyResult } from '../../../electron/core/bridge/contract-matrix.ts';
import { useBridge } from '../bridge/context.tsx';
import { useAsyncAction } from '../shared/use-async-action.ts';
import { EmojiVerification } from './EmojiVerification.tsx';

type Verification = Omit<MatrixVerifyResult, 'restoredKeys' | 'error'>;

export function VerifyDevice() {
  const { t } = useTranslation('matrix');
  const api = useBridge();
  const [state, setState] = useState<Verification | null>(null);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [result, setResult] = useState<MatrixVerifyResult | null>(null);
  const action = useAsyncAction();
  useEffect(() => {
    let live = true;
    void api['matrix.verification']({}).then((s) => live && setState(s)).catch(() => {});
    return () => {
      live = false;
    };
  }, [api]);
  const verify = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const outcome = await api['matrix.verifyWithRecoveryKey']({ recoveryKey });
      setResult(outcome);
      setState(outcome);
      // The key is not kept in the form, whether it worked or not.
      setRecoveryKey('');
    });
  };
  if (!state) return null;

  return (
    <section className="matrix-verify" aria-labelledby="matrix-verify-heading">
      <h3 id="matrix-verify-heading">{t('verify.heading')}</h3>
      {state.verified ? (
        <p role="status">{t('verify.verified')}{state.keyBackup ? ` ${t('verify.backupOn')}` : ''}</p>
      ) : (
        <>
          <p>{t('verify.unverified')}</p>
          <p>{t('verify.adds')}</p>
          {state.recoveryAvailable ? (
            <form onSubmit={verify}>
              <label htmlFor="matrix-recovery-key">{t('verify.recoveryKey')}</label>
              <input id="matrix-recovery-key" type="password" autoComplete="off" spellCheck={false} required
                value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} />
              <button type="submit" disabled={action.busy || !recoveryKey}>{t('verify.submit')}</button>
            </form>
          ) : (
            <p>{t('verify.noRecovery')}</p>
          )}
          <p>{t('verify.orEmoji')}</p>
        </>
      )}
      <EmojiVerification />
      {result && !result.error && result.restoredKeys !== null && <p role="status">{t('verify.restored', { count: result.restoredKeys })}</p>}
      {result?.error && <p role="alert" className="error">{t(`verify.error.${result.error}`)}</p>}
      {action.error && <p role="alert" className="error">{action.error}</p>}
    </section>
  );
}
