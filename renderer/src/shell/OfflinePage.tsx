// Shown in an app's place when it cannot load: offline, server unreachable, a load error, or an
// untrusted certificate (never with a way around it). Offline and unreachable retry by themselves.
import { useTranslation } from 'react-i18next';
import type { LoadState } from '../../../electron/core/bridge/contract-shell.ts';

interface Props {
  name: string;
  kind: 'offline' | 'unreachable' | 'error' | 'certificate';
  error: string | null;
  retryAt: number | null;
  onRetry: (() => void) | null;
}

export function kindFor(state: LoadState | undefined, online: boolean): Props['kind'] | null {
  if (!online && state?.state !== 'certificate') return 'offline';
  if (!state) return null;
  if (state.state === 'offline') return 'unreachable';
  if (state.state === 'certificate') return 'certificate';
  if (state.state === 'error') return 'error';
  return null;
}

export function OfflinePage({ name, kind, error, retryAt, onRetry }: Props) {
  const { t, i18n } = useTranslation('shell');
  const titleKey = { offline: 'offlineTitle', unreachable: 'unreachableTitle', error: 'errorTitle', certificate: 'certificateTitle' }[kind];
  const textKey = { offline: 'offlineText', unreachable: 'unreachableText', error: 'errorText', certificate: 'certificateText' }[kind];
  return (
    <section className={`offline-page offline-${kind} utrecht-html`} role="alert" aria-labelledby="offline-title">
      <h2 id="offline-title">{t(titleKey, { name })}</h2>
      <p>{t(textKey, { name, error: error ?? '—' })}</p>
      {retryAt !== null && kind !== 'certificate' && <p className="offline-retry">{t('retryAt', { time: new Date(retryAt).toLocaleTimeString(i18n.language) })}</p>}
      {onRetry && kind !== 'certificate' && (
        <button type="button" onClick={onRetry}>
          {t('retryNow')}
        </button>
      )}
    </section>
  );
}
