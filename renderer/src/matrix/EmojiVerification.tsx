// Emoji verification started from another of the person's own sessions (Element: "Verify other
// device"): accept, compare the seven emoji with the other screen, confirm they match or not. The
// emoji's names are the spec's (data-definitions/sas-emoji.json), in English and Dutch.
import { useTranslation } from 'react-i18next';
import { useBridge, useBridgeState } from '../bridge/context.tsx';
import { useAsyncAction } from '../shared/use-async-action.ts';

export function EmojiVerification() {
  const { t } = useTranslation('matrix');
  const api = useBridge();
  const state = useBridgeState('matrix.emojiVerification', 'matrix.emojiVerification');
  const action = useAsyncAction();
  if (!state || state.phase === 'none') return null;
  const device = state.otherDeviceId ?? '';
  const cancel = <button type="button" disabled={action.busy} onClick={() => void action.run(() => api['matrix.cancelEmojiVerification']({}))}>{t('emoji.cancel')}</button>;

  return (
    <div className="matrix-emoji" role="group" aria-labelledby="matrix-emoji-heading">
      <h4 id="matrix-emoji-heading">{t('emoji.heading')}</h4>
      {state.phase === 'requested' && (
        <p>
          {t('emoji.requested', { device })}{' '}
          <button type="button" disabled={action.busy} onClick={() => void action.run(() => api['matrix.acceptEmojiVerification']({}))}>{t('emoji.accept')}</button> {cancel}
        </p>
      )}
      {state.phase === 'waiting' && <p role="status">{t('emoji.waiting', { device })} {cancel}</p>}
      {state.phase === 'compare' && (
        <>
          <p>{t('emoji.compare', { device })}</p>
          <ul className="matrix-emoji-list">
            {(state.emojis ?? []).map((e, i) => (
              <li key={i}>
                <span className="matrix-emoji-glyph" aria-hidden="true">{e.emoji}</span> {t(`emoji.names.${e.name}`, { defaultValue: e.name })}
              </li>
            ))}
          </ul>
          <p>
            <button type="button" disabled={action.busy} onClick={() => void action.run(() => api['matrix.confirmEmojiVerification']({ match: true }))}>{t('emoji.match')}</button>{' '}
            <button type="button" disabled={action.busy} onClick={() => void action.run(() => api['matrix.confirmEmojiVerification']({ match: false }))}>{t('emoji.noMatch')}</button>
          </p>
        </>
      )}
      {state.phase === 'done' && <p role="status">{t('emoji.done')}</p>}
      {state.phase === 'cancelled' && <p role="alert" className="error">{t('emoji.cancelled')}</p>}
      {action.error && <p role="alert" className="error">{action.error}</p>}
    </div>
  );
}
