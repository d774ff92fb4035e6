// The one-click offers after a web sign-in (core/shell/sign-in-offers.ts): "Keep your files
// offline too?" when the Files app is signed in, "Get chat notifications too?" for the chat app.
// Yes starts the same sign-in as the panels (in-app, so only "Grant access" / "Continue" is left);
// No thanks is remembered. Either answer is asked once.
import { useTranslation } from 'react-i18next';
import { useBridge, useBridgeState } from '../bridge/context.tsx';
import { useAsyncAction } from '../shared/use-async-action.ts';

export function SignInOffers() {
  const { t } = useTranslation(['sync', 'matrix']);
  const api = useBridge();
  const offers = useBridgeState('signIn.offers', 'signIn.offers') ?? [];
  const action = useAsyncAction();
  if (offers.length === 0 && !action.error) return null;
  return (
    <span className="sign-in-offers" role="group" aria-label={t('sync:offer.group')}>
      {offers.map((offer) => {
        const ns = offer.kind === 'files' ? 'sync' : 'matrix';
        const answer = (accept: boolean) => void action.run(() => api['signIn.answerOffer']({ kind: offer.kind, accept }));
        return (
          <span key={offer.kind} className="sign-in-offer">
            <span>{t(`${ns}:offer.question`)}</span>{' '}
            <button type="button" disabled={action.busy} onClick={() => answer(true)}>{t(`${ns}:offer.yes`)}</button>{' '}
            <button type="button" disabled={action.busy} onClick={() => answer(false)}>{t(`${ns}:offer.no`)}</button>
          </span>
        );
      })}
      {action.error && <span role="alert" className="error">{action.error}</span>}
    </span>
  );
}
