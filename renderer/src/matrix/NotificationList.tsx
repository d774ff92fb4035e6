// The notification centre's list: recent notifications, newest first; a click opens the room in
// the chat tab (a summary opens nothing more than this list).
import { useTranslation } from 'react-i18next';
import type { MatrixNotification } from '../../../electron/core/bridge/contract-matrix.ts';
import { useBridge } from '../bridge/context.tsx';

export function NotificationList({ items, onClear }: { items: MatrixNotification[]; onClear(): void }) {
  const { t, i18n } = useTranslation('matrix');
  const api = useBridge();
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' });
  return (
    <section aria-labelledby="matrix-recent-heading">
      <div className="matrix-heading-row">
        <h3 id="matrix-recent-heading">{t('centre.recent')}</h3>
        {items.length > 0 && <button type="button" onClick={onClear}>{t('centre.clear')}</button>}
      </div>
      {items.length === 0 ? (
        <p className="muted">{t('centre.empty')}</p>
      ) : (
        <ul className="matrix-list">
          {items.map((n) => (
            <li key={n.id} className={n.highlight ? 'matrix-highlight' : undefined}>
              {n.icon && <img src={n.icon} alt="" width={32} height={32} />}
              <div className="matrix-item-text">
                {n.roomId ? (
                  <button type="button" className="matrix-link" onClick={() => void api['matrix.openRoom']({ roomId: n.roomId! })}>
                    {n.title}
                  </button>
                ) : (
                  <strong>{n.title}</strong>
                )}
                <span className="matrix-body">{n.body}</span>
                <span className="muted">
                  <time dateTime={new Date(n.ts).toISOString()}>{time.format(n.ts)}</time>
                  {!n.popup && ` · ${t('centre.heldBack')}`}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
