// The frame of a page main shows in a prompt window (electron/main/prompt-window.ts): no script at
// all, a Content-Security-Policy that allows only inline style, data: images and a form sent to
// https://werkplek.invalid (which main reads and stops), and every text escaped by the caller
// through `escapeHtml`.

export const answerOrigin = 'https://werkplek.invalid';

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const style = `body{font:14px system-ui,sans-serif;margin:16px;background:#f5f6f8;color:#1d2330}
h1{font-size:16px;margin:0 0 12px}h2{font-size:13px;margin:16px 0 8px;color:#4a5363}
ul{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
ul a{display:flex;flex-direction:column;gap:6px;padding:8px;border:2px solid transparent;border-radius:6px;background:#fff;color:inherit;text-decoration:none}
ul a:hover,ul a:focus{border-color:#2457c5;outline:none}img,.none{width:100%;aspect-ratio:16/9;object-fit:contain;background:#dfe3ea}
ul span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.cancel{display:inline-block;margin-top:16px;padding:6px 12px;background:#fff}
label{display:block;margin:10px 0 4px}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:6px}
.buttons{margin-top:16px;display:flex;gap:8px}button,.buttons a{padding:6px 12px}`;

/** `heading` and `body` are HTML the caller built with escapeHtml. */
export function promptPage(lang: string, title: string, heading: string, body: string): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action ${answerOrigin}">
<title>${escapeHtml(title)}</title><style>
${style}
</style></head><body><h1>${heading}</h1>
${body}</body></html>`;
}
