// The notification centre (the `notifications` shell panel): sign-in when needed; otherwise recent
// notifications, do-not-disturb, what a notification shows, per-conversation mute, sign-out.
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context.tsx';
import { useSettings } from '../settings/use-settings.tsx';
import { SettingSelect, SettingToggle } from '../settings/fields.tsx';
import { DoNotDisturb } from './DoNotDisturb.tsx';
import { MatrixSignIn } from './MatrixSignIn.tsx';
import { NotificationList } from './NotificationList.tsx';
import { RoomList } from './RoomList.tsx';
import { VerifyDevice } from './VerifyDevice.tsx';
import { isSignedIn, useMatrixNotifications, useMatrixRooms, useMatrixStatus } from './use-matrix.ts';
import './matrix.css';

export function NotificationsPanel() {
  const { t } = useTranslation('matrix');
  const api = useBridge();
  const status = useMatrixStatus();
  const rooms = useMatrixRooms();
  const [items, setItems] = useMatrixNotifications();
  const { view } = useSettings();
  if (!status) return <p role="status">{t('loading')}</p>;

  if (!isSignedIn(status)) {
    return (
      <div className="matrix-panel">
        <h2>{t('title')}</h2>
        <MatrixSignIn status={status} user={String(view?.values['matrix.user'] ?? '')} />
      </div>
    );
  }
  return (
    <div className="matrix-panel">
      <h2>{t('title')}</h2>
      <p className="matrix-who">
        {t('signedInAs', { user: status.userId, homeserver: status.homeserver })}
        {status.state === 'offline' && <span role="status" className="error"> · {t('status.offline')}</span>}
      </p>
      <NotificationList items={items} onClear={() => void api['matrix.clearNotifications']({}).then(setItems)} />
      <DoNotDisturb enabled={status.doNotDisturb} />
      <section aria-labelledby="matrix-privacy-heading">
        <h3 id="matrix-privacy-heading">{t('privacy.heading')}</h3>
        <SettingSelect settingKey="matrix.notificationContent" label={t('privacy.content')}
          options={[{ value: 'full', label: t('privacy.full') }, { value: 'sender', label: t('privacy.sender') }, { value: 'none', label: t('privacy.none') }]} />
        <SettingToggle settingKey="matrix.sound" label={t('privacy.sound')} />
      </section>
      <RoomList rooms={rooms ?? []} />
      <VerifyDevice />
      <p>
        <button type="button" onClick={() => void api['matrix.signOut']({})}>{t('signOut')}</button>
      </p>
    </div>
  );
}
