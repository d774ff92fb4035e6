// Remote apps (Windows applications over RDP) in the sidebar. They are not tabs: a click starts the
// app in FreeRDP's own window. Each shows whether its session is starting, running or ended (and
// why), with Reconnect once it has ended.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge, useBridgeState } from '../bridge/context.tsx';
import type { RemoteSession } from '../../../electron/core/bridge/contract-remote.ts';
import { AppIcon } from './AppIcon.tsx';
import './remote-apps.css';

export function RemoteApps() {
  const { t } = useTranslation('remote');
  const api = useBridge();
  const catalog = useBridgeState('catalog.list', 'catalog.changed') ?? [];
  const [sessions, setSessions] = useState<Record<string, RemoteSession>>({});
  const note = useCallback((session: RemoteSession) => setSessions((current) => ({ ...current, [session.appId]: session })), []);
  useEffect(() => {
    let live = true;
    const off = api.on('remote.session', note);
    void api['remote.sessions']({}).then((all) => {
      if (live) setSessions((current) => ({ ...all, ...current }));
    });
    return () => {
      live = false;
      off();
    };
  }, [api, note]);

  const remote = catalog.filter((entry) => entry.enabled && entry.app.kind === 'remote-app');
  if (remote.length === 0) return null;
  const start = (appId: string) => void api['remote.start']({ appId }).then(note).catch(() => {});

  return (
    <section className="remote-apps" aria-labelledby="remote-apps-heading">
      <h2 id="remote-apps-heading" className="app-group-name">
        {t('heading')}
      </h2>
      <ul className="app-tabs remote-app-list">
        {remote.map(({ app }) => {
          const session = sessions[app.id];
          const state = session?.state ?? 'idle';
          // A refused user name or password is the person's own typing, not the organisation's setting.
          const typed = session?.reason === 'refused' && (session.detail === 'username' || session.detail === 'password');
          const why = state === 'ended' && session?.reason ? t(typed ? 'reason.refused-typed' : `reason.${session.reason}`, { detail: session.detail ?? '' }) : null;
          return (
            <li key={app.id} className="remote-app">
              <button type="button" className="app-tab" aria-describedby={`remote-state-${app.id}`} disabled={state === 'starting'} title={t('openHint', { name: app.name })} onClick={() => start(app.id)}>
                <AppIcon app={app} />
                <span className="app-name">{app.name}</span>
              </button>
              <span id={`remote-state-${app.id}`} className={`remote-state remote-state-${state}`} aria-live="polite">
                {state === 'idle' ? t('state.idle') : t(`state.${state}`)}
                {why ? `: ${why}` : ''}
              </span>
              {state === 'ended' && (
                <button type="button" className="remote-reconnect" aria-label={t('reconnectLabel', { name: app.name })} onClick={() => start(app.id)}>
                  {t('reconnect')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
