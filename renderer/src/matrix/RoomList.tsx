// Conversations with their unread counts, each with a mute switch. Muting writes the room's push
// rule on the homeserver (as Element does), so Element and every other device agree.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixRoom } from '../../../electron/core/bridge/contract-matrix.ts';
import { useBridge } from '../bridge/context.tsx';

export function RoomList({ rooms }: { rooms: MatrixRoom[] }) {
  const { t } = useTranslation('matrix');
  const api = useBridge();
  const [error, setError] = useState<string | null>(null);
  const sorted = [...rooms].sort((a, b) => b.highlightCount - a.highlightCount || b.notificationCount - a.notificationCount || a.name.localeCompare(b.name));
  const mute = async (room: MatrixRoom, muted: boolean) => {
    setError(null);
    try {
      await api['matrix.setRoomMuted']({ roomId: room.roomId, muted });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="matrix-rooms-heading">
      <h3 id="matrix-rooms-heading">{t('rooms.heading')}</h3>
      {sorted.length === 0 ? (
        <p className="muted">{t('rooms.empty')}</p>
      ) : (
        <ul className="matrix-list">
          {sorted.map((room) => (
            <li key={room.roomId}>
              <div className="matrix-item-text">
                <button type="button" className="matrix-link" onClick={() => void api['matrix.openRoom']({ roomId: room.roomId })}>
                  {room.name}
                </button>
                {room.notificationCount > 0 && (
                  <span className="matrix-count">{t(room.highlightCount > 0 ? 'rooms.mentions' : 'rooms.unread', { count: room.highlightCount || room.notificationCount })}</span>
                )}
              </div>
              <label className="matrix-switch">
                <input type="checkbox" role="switch" checked={room.muted} onChange={(e) => void mute(room, e.target.checked)} aria-label={t('rooms.muteRoom', { room: room.name })} />
                {t('rooms.mute')}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
