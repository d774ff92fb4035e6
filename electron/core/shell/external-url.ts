// The one gate for handing a URL to the system (browser, mail client): the scheme is allow-listed
// and the URL is re-serialised after parsing, so what is opened is exactly what was checked.

const externalSchemes = new Set(['http:', 'https:', 'mailto:']);

export function safeExternalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!externalSchemes.has(url.protocol)) return null;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) return null;
  return url.href;
}
