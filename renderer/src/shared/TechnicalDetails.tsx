// What the core said in its own words (English, technical: for IT), folded away behind the
// translated sentence a person reads. Nothing when there is nothing to add.
import { useTranslation } from 'react-i18next';

export function TechnicalDetails({ text }: { text: string | null | undefined }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <details className="technical-details">
      <summary>{t('technicalDetails')}</summary>
      <code lang="en">{text}</code>
    </details>
  );
}
