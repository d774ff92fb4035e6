// The status bar's calm notice that a downloaded update waits for a restart. Nothing restarts on
// its own: the person restarts now with the button, or later (the notice stays, and the update is
// installed when Werkplek is next quit). Deb installs, policy off and the preview show nothing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge, useBridgeState } from '../bridge/context.tsx';

export function UpdateNotice() {
  const { t } = useTranslation('shell');
  const api = useBridge();
  const status = useBridgeState('update.status', 'update.status');
  const [restarting, setRestarting] = useState(false);
  if (status?.state !== 'ready') return null;
  const restart = () => {
    setRestarting(true);
    void api['update.restart']({})
      .then(({ restarting: started }) => setRestarting(started))
      .catch(() => setRestarting(false));
  };
  return (
    <span className="update-notice">
      <span>{t('updateReady', { version: status.version })}</span>{' '}
      <button type="button" className="update-restart" disabled={restarting} aria-label={t('updateRestartLabel', { version: status.version })} title={t('updateRestartHint')} onClick={restart}>
        {restarting ? t('updateRestarting') : t('updateRestart')}
      </button>
    </span>
  );
}
