// Where the active app shows. In Electron the main process lays the app's WebContentsView exactly
// over the slot below the toolbar (the renderer reports its rectangle with shell.layout); when the
// app cannot load, main hides the view and this component shows the offline page in its place.
// In the preview host each visited app is an iframe here, labelled as preview.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrowLeft, ArrowRight, RotateCw } from 'lucide-react';
import type { CatalogEntry } from '../../../electron/core/config/catalog-schema.ts';
import { useBridge } from '../bridge/context.tsx';
import { FindBar } from './FindBar.tsx';
import { OfflinePage, kindFor } from './OfflinePage.tsx';
import { PermissionNotice } from './PermissionNotice.tsx';
import { useLoadStates, useOnline } from './use-shell-state.ts';
import { usePreviewMessages } from './preview-messages.ts';
import './shell.css';

interface Props {
  apps: CatalogEntry[];
  activeId: string | null;
  host: 'electron' | 'preview';
}

/**
 * Reports the slot's rectangle whenever it moves or resizes (Electron only). Takes the element
 * itself (state from a callback ref), not a ref object: the slot appears only once the apps are
 * known, after the first render, and the report must start then.
 */
function useLayoutReport(element: HTMLDivElement | null, enabled: boolean): void {
  const api = useBridge();
  useEffect(() => {
    if (!enabled || !element) return;
    let last = '';
    const report = () => {
      const box = element.getBoundingClientRect();
      const rect = { x: Math.max(0, box.x), y: Math.max(0, box.y), width: Math.max(0, box.width), height: Math.max(0, box.height) };
      const key = JSON.stringify(rect);
      if (key === last) return;
      last = key;
      void api['shell.layout'](rect);
    };
    const observer = new ResizeObserver(report);
    observer.observe(element);
    window.addEventListener('resize', report);
    report();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', report);
    };
  }, [api, element, enabled]);
}

export function AppArea({ apps, activeId, host }: Props) {
  const { t } = useTranslation();
  const { t: ts } = useTranslation('shell');
  const api = useBridge();
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  const electron = host === 'electron';
  const online = useOnline(electron);
  const loadStates = useLoadStates();
  // Preview: apps are created on first use, like the desktop app's views; a retry remounts the frame.
  const [visited, setVisited] = useState<Record<string, number>>({});
  const frames = useRef(new Map<string, HTMLIFrameElement>());
  useEffect(() => {
    if (activeId && visited[activeId] === undefined) setVisited((current) => ({ ...current, [activeId]: 0 }));
  }, [activeId, visited]);
  useEffect(() => {
    // Back online in the preview: reload the frames that could not load.
    if (online && !electron) setVisited((current) => Object.fromEntries(Object.entries(current).map(([id, n]) => [id, n + 1])));
  }, [online, electron]);
  usePreviewMessages(!electron, apps, frames.current);
  useLayoutReport(slot, electron);

  if (apps.length === 0) return <div className="app-area empty">{t('noApps')}</div>;
  const active = apps.find((entry) => entry.app.id === activeId);
  const activeState = activeId ? loadStates[activeId] : undefined;

  return (
    <div className="app-area">
      {electron && active && (
        <div className="app-toolbar" role="toolbar" aria-label={ts('toolbar')}>
          <button type="button" className="icon-button" aria-label={ts('back')} title={`${ts('back')} (Alt+←)`} onClick={() => void api['shell.navigate']({ appId: active.app.id, action: 'back' })}>
            <ArrowLeft size={18} aria-hidden="true" />
          </button>
          <button type="button" className="icon-button" aria-label={ts('forward')} title={`${ts('forward')} (Alt+→)`} onClick={() => void api['shell.navigate']({ appId: active.app.id, action: 'forward' })}>
            <ArrowRight size={18} aria-hidden="true" />
          </button>
          <button type="button" className="icon-button" aria-label={ts('reload')} title={`${ts('reload')} (Ctrl+R)`} onClick={() => void api['shell.navigate']({ appId: active.app.id, action: 'reload' })}>
            <RotateCw size={18} aria-hidden="true" />
          </button>
          <FindBar appName={active.app.name} />
        </div>
      )}
      <PermissionNotice apps={apps} />
      {host === 'preview' && active && (
        <p className="preview-note">
          <span className="preview-label">{t('previewLabel')}</span> {t('previewNote')}
        </p>
      )}
      <div className="app-slot" ref={setSlot}>
        {apps.map((entry) => {
          const isActive = entry.app.id === activeId;
          const state = loadStates[entry.app.id];
          const failure = kindFor(state, online);
          return (
            <div key={entry.app.id} role="tabpanel" id={`panel-${entry.app.id}`} aria-labelledby={`tab-${entry.app.id}`} hidden={!isActive} className="app-panel">
              {isActive && failure && (
                <OfflinePage
                  name={entry.app.name}
                  kind={failure}
                  error={state?.errorText ?? null}
                  retryAt={failure === 'offline' ? null : (activeState?.retryAt ?? null)}
                  onRetry={electron ? () => void api['shell.retry']({ appId: entry.app.id }) : online ? () => setVisited((current) => ({ ...current, [entry.app.id]: (current[entry.app.id] ?? 0) + 1 })) : null}
                />
              )}
              {!electron && visited[entry.app.id] !== undefined && !(isActive && failure) && (
                <iframe
                  key={visited[entry.app.id]}
                  ref={(element) => {
                    if (element) frames.current.set(entry.app.id, element);
                    else frames.current.delete(entry.app.id);
                  }}
                  title={t('frameTitle', { name: entry.app.name })}
                  src={entry.app.url}
                  className="app-frame"
                  sandbox="allow-scripts allow-forms allow-same-origin allow-popups"
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
