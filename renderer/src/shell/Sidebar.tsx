// The app list: vertical tablists (arrow keys move across all of them, Enter/Space activate,
// Ctrl+1..9 from anywhere). Apps of one portal category form a group under its name; ARIA lets a
// tablist own only tabs, so each group is its own tablist labelled by its heading.
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogEntry } from '../../../electron/core/config/catalog-schema.ts';
import { AppIcon } from './AppIcon.tsx';
import { RemoteApps } from './RemoteApps.tsx';

interface Props {
  apps: CatalogEntry[];
  activeId: string | null;
  badges: Record<string, number>;
  onActivate(id: string): void;
}

/** Consecutive apps with the same group, in sidebar order (apps without a group: no heading). */
export function groupRuns(apps: CatalogEntry[]): Array<{ group: string | undefined; first: number; entries: CatalogEntry[] }> {
  const runs: Array<{ group: string | undefined; first: number; entries: CatalogEntry[] }> = [];
  apps.forEach((entry, index) => {
    const last = runs.at(-1);
    if (last && last.group === entry.group) last.entries.push(entry);
    else runs.push({ group: entry.group, first: index, entries: [entry] });
  });
  return runs;
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

  const tab = (entry: CatalogEntry, index: number) => {
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
  };

  return (
    <nav className="sidebar" aria-label={t('apps')}>
      {groupRuns(apps).map((run) =>
        run.group === undefined ? (
          <div key={`run-${run.first}`} role="tablist" aria-orientation="vertical" aria-label={t('apps')} className="app-tabs">
            {run.entries.map((entry, offset) => tab(entry, run.first + offset))}
          </div>
        ) : (
          <div key={`run-${run.first}`} className="app-group">
            <h2 id={`app-group-${run.first}`} className="app-group-name">
              {run.group}
            </h2>
            <div role="tablist" aria-orientation="vertical" aria-labelledby={`app-group-${run.first}`} className="app-tabs">
              {run.entries.map((entry, offset) => tab(entry, run.first + offset))}
            </div>
          </div>
        ),
      )}
      <RemoteApps />
    </nav>
  );
}
