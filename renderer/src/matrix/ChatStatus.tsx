// Status-bar item for chat: unread conversations, do-not-disturb, or what needs the user (sign in,
// offline). A click opens the notification centre.
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context.tsx';
import { useMatrixStatus } from './use-matrix.ts';
import './matrix.css';

export function ChatStatus() {
  const { t } = useTranslation('matrix');
  const api = useBridge();
  const status = useMatrixStatus();
  if (!status || status.state === 'not-configured') return null;
  const attention = status.state === 'needs-sign-in' || status.state === 'error';
  let text: string;
  if (status.state === 'syncing') text = status.doNotDisturb ? t('status.dnd', { count: status.unreadRooms }) : t('status.unread', { count: status.unreadRooms });
  else text = t(`status.${status.state}`);
  return (
    <button
      type="button"
      className={`chat-status${attention ? ' chat-status-attention' : ''}`}
      onClick={() => void api['shell.setPanel']({ panel: 'notifications' })}
      aria-label={t('status.open', { status: text })}
    >
      <span aria-hidden="true">{attention ? '⚠' : status.doNotDisturb ? '☾' : '✉'}</span> {text}
    </button>
  );
}
