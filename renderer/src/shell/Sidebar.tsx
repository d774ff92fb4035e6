// The app list: a vertical tablist (arrow keys move, Enter/Space activate, Ctrl+1..9 from anywhere).
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogEntry } from '../../../electron/core/config/catalog-schema.ts';
import { AppIcon } from './AppIcon.tsx';

interface Props {
  apps: CatalogEntry[];
  activeId: string | null;
  badges: Record<string, number>;
  onActivate(id: string): void;
}

export function Sidebar({ apps, activeId, badges, onActivate }: Props) {
  const { t } = useTranslation();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = apps.length - 1;
    const target = { ArrowDown: index === last ? 0 : index + 1, ArrowUp: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    tabs.current[target]?.focus();
  };

  return (
    <nav className="sidebar" aria-label={t('apps')}>
      <div role="tablist" aria-orientation="vertical" aria-label={t('apps')} className="app-tabs">
        {apps.map((entry, index) => {
          const selected = entry.app.id === activeId;
          const count = badges[entry.app.id] ?? 0;
          return (
            <button
              key={entry.app.id}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`tab-${entry.app.id}`}
              aria-selected={selected}
              aria-controls={`panel-${entry.app.id}`}
              tabIndex={selected || (activeId === null && index === 0) ? 0 : -1}
              className="app-tab"
              title={index < 9 ? `${entry.app.name} (${t('appsShortcut', { n: index + 1 })})` : entry.app.name}
              onClick={() => onActivate(entry.app.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <AppIcon app={entry.app} />
              <span className="app-name">{entry.app.name}</span>
              {count > 0 && (
                <span className="badge" aria-label={t('unread', { count })}>
                  {count > 99 ? '99+' : count}
                </span>
              )}
            </button>
          );
        })}
      </div>
    </nav>
  );
}
