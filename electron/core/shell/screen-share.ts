// Screen sharing for meeting apps (getDisplayMedia): which screens and windows the person can
// choose from, and the picker page that asks. The page is built here from data only — no script
// (the picker window runs with JavaScript off), every name escaped, thumbnails only as PNG data
// URLs — and a choice is a link to `#source-N` or `#cancel`, which main reads from the in-page
// navigation. On Wayland the desktop portal (PipeWire) asks instead, and Werkplek shows no picker.
import { escapeHtml, promptPage } from './prompt-page.ts';

export interface ShareSource {
  id: string;
  name: string;
  /** A PNG data URL of the screen or window, or '' when none was taken. */
  thumbnail: string;
}

export interface PickerTexts {
  shareTitle: string;
  shareMessage: string;
  screens: string;
  windows: string;
  cancel: string;
}

const pngDataUrl = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

/** desktopCapturer ids: `screen:…` for screens, `window:…` for windows. */
export function sourceKind(id: string): 'screen' | 'window' {
  return id.startsWith('screen:') ? 'screen' : 'window';
}

/** Wayland sessions: getSources() opens the desktop portal, where the person picks one source. */
export function isWaylandSession(env: Record<string, string | undefined>): boolean {
  return env.XDG_SESSION_TYPE === 'wayland' || (env.XDG_SESSION_TYPE === undefined && Boolean(env.WAYLAND_DISPLAY));
}

export function screenPickerPage(sources: readonly ShareSource[], t: PickerTexts, appName: string, lang: string): string {
  const item = (source: ShareSource, index: number) => {
    const image = pngDataUrl.test(source.thumbnail) ? `<img src="${source.thumbnail}" alt="">` : '<span class="none"></span>';
    return `<li><a href="#source-${index}">${image}<span>${escapeHtml(source.name)}</span></a></li>`;
  };
  const group = (title: string, kind: 'screen' | 'window') => {
    const items = sources.map((source, index) => (sourceKind(source.id) === kind ? item(source, index) : '')).join('');
    return items ? `<h2>${escapeHtml(title)}</h2><ul>${items}</ul>` : '';
  };
  return promptPage(lang, t.shareTitle, escapeHtml(t.shareMessage.replace('{app}', appName)), `${group(t.screens, 'screen')}${group(t.windows, 'window')}<a class="cancel" href="#cancel">${escapeHtml(t.cancel)}</a>`);
}

/** What the picker's in-page navigation chose: a source, 'cancel', or null (not a choice). */
export function pickedSource(url: string, sources: readonly ShareSource[]): ShareSource | 'cancel' | null {
  const hash = url.slice(url.indexOf('#') + 1);
  if (url.indexOf('#') < 0) return null;
  if (hash === 'cancel') return 'cancel';
  const match = /^source-(\d{1,4})$/.exec(hash);
  return match ? (sources[Number(match[1])] ?? null) : null;
}
