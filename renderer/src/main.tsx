// Renderer entry: connect the bridge, pick the language, render the window.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBridge } from './bridge/connect.ts';
import { BridgeProvider } from './bridge/context.tsx';
import { initI18n, pickLanguage } from './i18n/index.ts';
import { App } from './App.tsx';
import { SettingsProvider } from './settings/use-settings.tsx';
import { applyTheme } from './theme/apply-theme.ts';
// NL Design System: component styles for plain elements inside .utrecht-html, and the Rijkshuisstijl
// theme's tokens (active under html.rhc-theme). Werkplek's own tokens follow in styles.css.
import '@utrecht/component-library-css/dist/html.css';
import '@rijkshuisstijl-community/design-tokens/dist/index.css';

async function start(root: HTMLElement) {
  const reactRoot = createRoot(root);
  try {
    const api = await connectBridge();
    const [info, settings] = await Promise.all([api['app.info']({}), api['settings.get']({})]);
    const i18n = await initI18n(pickLanguage(String(settings.values['general.locale']), info.locale));
    // Follow a language change without a reload.
    api.on('settings.changed', (view) => {
      const next = pickLanguage(String(view.values['general.locale']), info.locale);
      if (next !== i18n.language) void i18n.changeLanguage(next).then(() => (document.documentElement.lang = next));
    });
    const rejected = applyTheme(info.theme);
    if (rejected.length > 0) console.warn(`policy theme: too little contrast with white text, not used: ${rejected.join(', ')}`);
    document.title = info.organisation ? `Werkplek — ${info.organisation}` : 'Werkplek';
    reactRoot.render(
      <StrictMode>
        <BridgeProvider value={api}>
          <SettingsProvider>
            <App info={info} />
          </SettingsProvider>
        </BridgeProvider>
      </StrictMode>,
    );
  } catch (error) {
    // No settings without the bridge: the browser's language picks Dutch or English.
    const message = error instanceof Error ? error.message : String(error);
    root.textContent = await initI18n(pickLanguage('auto', navigator.language))
      .then((i18n) => i18n.t('bridgeError', { message }))
      .catch(() => `Werkplek cannot reach its background services: ${message}`);
    root.setAttribute('role', 'alert');
  }
}

void start(document.getElementById('root')!);
