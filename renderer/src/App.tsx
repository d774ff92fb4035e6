// The window: sidebar with the apps and panel buttons, the app area (or an open panel), status bar.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { X } from 'lucide-react';
import { useBridge, useBridgeState } from './bridge/context.tsx';
import type { CommandOutput } from '../../electron/core/bridge/contract.ts';
import type { Panel } from '../../electron/core/bridge/contract-shell.ts';
import { Sidebar } from './shell/Sidebar.tsx';
import { AppArea } from './shell/AppArea.tsx';
import { StatusBar } from './shell/StatusBar.tsx';
import { useAppShortcuts } from './shell/use-shortcuts.ts';
import { panels, statusItems } from './panels.tsx';
import { useSettings } from './settings/use-settings.tsx';
import { FirstRun } from './firstrun/FirstRun.tsx';

export function App({ info }: { info: CommandOutput<'app.info'> }) {
  const { t, i18n } = useTranslation();
  const api = useBridge();
  const catalog = useBridgeState('catalog.list', 'catalog.changed') ?? [];
  const badges = useBridgeState('shell.badges', 'shell.badges') ?? {};
  const { view } = useSettings();
  // The tabs: enabled web apps. Remote apps run in FreeRDP's own window (the sidebar's RemoteApps).
  const apps = catalog.filter((entry) => entry.enabled && entry.app.kind !== 'remote-app');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel | null>(null);

  // The app we asked the main side to show; its echo event must not close a panel opened since.
  const requested = useRef<string | null>(null);
  const show = useCallback(
    (id: string, keepPanel: boolean) => {
      requested.current = id;
      setActiveId(id);
      void api['shell.activate']({ appId: id, keepPanel });
    },
    [api],
  );
  /** The user picked an app: show it and close any panel (the main side closes its own too). */
  const activate = useCallback(
    (id: string) => {
      setPanel(null);
      show(id, false);
    },
    [show],
  );
  const openPanel = useCallback(
    (next: Panel | null) => {
      setPanel(next);
      void api['shell.setPanel']({ panel: next });
    },
    [api],
  );

  // The main process may switch apps too (a cross-app link, a notification click, werkplek:// URL).
  useEffect(
    () =>
      api.on('shell.activate', ({ appId }) => {
        setActiveId(appId);
        if (requested.current === appId) requested.current = null;
        else setPanel(null);
      }),
    [api],
  );
  useEffect(() => api.on('shell.panel', ({ panel: next }) => setPanel(next)), [api]);
  useEffect(() => {
    // The first app is shown at start (or when the shown one goes away) without closing a panel
    // the user may already have opened.
    if ((activeId === null || !apps.some((entry) => entry.app.id === activeId)) && apps[0]) show(apps[0].app.id, true);
  }, [apps, activeId, show]);

  // The first run covers the app area until it is done or skipped (general.firstRunDone).
  const firstRunDone = view?.values['general.firstRunDone'];
  const firstRunShown = useRef(false);
  useEffect(() => {
    if (firstRunDone === false && !firstRunShown.current) {
      firstRunShown.current = true;
      openPanel('welcome');
    }
  }, [firstRunDone, openPanel]);

  const ids = apps.map((entry) => entry.app.id);
  useAppShortcuts(ids, activeId, activate);
  const openPanelEntry = panels.find((entry) => entry.id === panel);

  return (
    <div className="window">
      <aside className="sidebar-column">
        {info.theme?.logo && <img className="org-logo" src={info.theme.logo} alt={info.organisation ?? ''} />}
        <Sidebar apps={apps} activeId={panel ? null : activeId} badges={badges} onActivate={activate} />
        <div className="panel-buttons" role="group" aria-label={t('tools')}>
          {panels.map((entry) => (
            <button key={entry.id} type="button" className="panel-button" aria-pressed={panel === entry.id} onClick={() => openPanel(panel === entry.id ? null : entry.id)}>
              <entry.icon size={20} aria-hidden="true" />
              <span>{t(entry.labelKey)}</span>
            </button>
          ))}
        </div>
      </aside>
      <main className="main-column">
        {info.demo && <p className="banner utrecht-html">{t('demoBanner')}</p>}
        {view?.policyProblems.map((problem) => (
          <p key={`${problem.line}:${problem.column}:${problem.message}`} role="alert" className="banner error utrecht-html">
            {t(problem.line > 0 ? 'policyProblem' : 'policyProblemFile', { ...problem, message: i18n.language === 'nl' ? problem.nl : problem.message })}
          </p>
        ))}
        {panel === 'welcome' && (
          <div className="panel utrecht-html">
            <FirstRun info={info} onDone={() => openPanel(null)} />
          </div>
        )}
        {openPanelEntry ? (
          <section className="panel utrecht-html" aria-label={t(openPanelEntry.labelKey)}>
            <button type="button" className="panel-close" onClick={() => openPanel(null)}>
              <X size={18} aria-hidden="true" />
              {t('close')}
            </button>
            {openPanelEntry.render()}
          </section>
        ) : null}
        <div hidden={Boolean(openPanelEntry) || panel === 'welcome'} className="app-area-wrap">
          <AppArea apps={apps} activeId={activeId} host={info.host} />
        </div>
        <StatusBar>
          {statusItems.map((item) => (
            <span key={item.id} className="status-item">
              {item.render()}
            </span>
          ))}
        </StatusBar>
      </main>
    </div>
  );
}
