// The bottom line: sync and chat status, each a small component of its capability.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function StatusBar({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <footer className="status-bar" role="status" aria-label={t('statusBar')}>
      {children}
    </footer>
  );
}
