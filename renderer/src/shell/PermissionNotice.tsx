// "Chat asked for your location: blocked." The app area shows who asked for what and the verdict,
// as text (never HTML) so a page cannot inject markup through its origin or a permission name.
import { useTranslation } from 'react-i18next';
import type { CatalogEntry } from '../../../electron/core/config/catalog-schema.ts';
import { useLatestPermissionNote } from './use-shell-state.ts';

export function PermissionNotice({ apps }: { apps: CatalogEntry[] }) {
  const { t } = useTranslation('shell');
  const [note, dismiss] = useLatestPermissionNote();
  if (!note || note.allowed) return null;
  const app = apps.find((entry) => entry.app.id === note.appId)?.app.name ?? note.appId;
  const permission = t(`permission_${note.permission}`, { defaultValue: note.permission });
  return (
    <p className="permission-notice utrecht-html" role="status">
      {t('permissionDenied', { app, permission, origin: note.origin, reason: note.reason ?? '' })}{' '}
      <button type="button" onClick={dismiss}>
        {t('dismiss')}
      </button>
    </p>
  );
}
