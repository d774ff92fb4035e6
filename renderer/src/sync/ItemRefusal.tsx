// Why a synced file was not opened (or shown), in the person's language; core's words folded away.
import { useTranslation } from 'react-i18next';
import { TechnicalDetails } from '../shared/TechnicalDetails.tsx';
import type { OpenRefusal } from './use-open-item.ts';

export function ItemRefusal({ refusal }: { refusal: OpenRefusal | null }) {
  const { t } = useTranslation('sync');
  if (!refusal) return null;
  return (
    <div role="alert" className="error">
      <p>{t(`activity.refused.${refusal.code}`, { defaultValue: t('activity.refused.failed') })}</p>
      <TechnicalDetails text={refusal.detail} />
    </div>
  );
}
