// Screen sharing for meeting apps (getDisplayMedia): which screens and windows the person can
// choose from, and the picker page that asks. The page is built here from data only — no script
// (the picker window runs with JavaScript off), every name escaped, thumbnails only as PNG data
// URLs — and a choice is a link to `#source-N` or `#cancel`, which main reads from the in-page
// navigation. On Wayland the desktop portal (PipeWire) asks instead, and Werkplek shows no picker.

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

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
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
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(t.shareTitle)}</title><style>
body{font:14px system-ui,sans-serif;margin:16px;background:#f5f6f8;color:#1d2330}
h1{font-size:16px;margin:0 0 12px}h2{font-size:13px;margin:16px 0 8px;color:#4a5363}
ul{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
a{display:flex;flex-direction:column;gap:6px;padding:8px;border:2px solid transparent;border-radius:6px;background:#fff;color:inherit;text-decoration:none}
a:hover,a:focus{border-color:#2457c5;outline:none}img,.none{width:100%;aspect-ratio:16/9;object-fit:contain;background:#dfe3ea}
span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.cancel{display:inline-block;margin-top:16px;padding:6px 12px;background:#fff}
</style></head><body><h1>${escapeHtml(t.shareMessage.replace('{app}', appName))}</h1>
${group(t.screens, 'screen')}${group(t.windows, 'window')}<a class="cancel" href="#cancel">${escapeHtml(t.cancel)}</a></body></html>`;
}

/** What the picker's in-page navigation chose: a source, 'cancel', or null (not a choice). */
export function pickedSource(url: string, sources: readonly ShareSource[]): ShareSource | 'cancel' | null {
  const hash = url.slice(url.indexOf('#') + 1);
  if (url.indexOf('#') < 0) return null;
  if (hash === 'cancel') return 'cancel';
  const match = /^source-(\d{1,4})$/.exec(hash);
  return match ? (sources[Number(match[1])] ?? null) : null;
}
