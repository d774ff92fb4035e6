// The icons a site declares for itself: `<link rel="icon" | "apple-touch-icon" | "manifest">` in
// its start page's head, and the icons of its web app manifest. Pure text work on an untrusted
// page: a small attribute reader (no HTML parser, no scripts, no entities beyond the few an href
// needs), only the head, only same-origin http(s) addresses. Ordered best first for the sidebar:
// scalable SVG, then PNG-like images nearest a crisp 32–192 px, the .ico last.

export interface IconCandidate {
  url: string;
  /** Lower is better. */
  rank: number;
}

/** How much of the page is read for its head. */
export const MAX_HEAD_CHARS = 256 * 1024;

const attribute = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const entities: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&lt;': '<', '&gt;': '>' };

function attributesOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of tag.matchAll(attribute)) {
    const name = match[1]!.toLowerCase();
    if (!out.has(name)) out.set(name, (match[2] ?? match[3] ?? match[4] ?? '').replace(/&(amp|quot|#39|apos|lt|gt);/g, (entity) => entities[entity]!));
  }
  return out;
}

/** `href` resolved against the page, if it stays on the page's own origin over http(s). */
function sameOriginUrl(href: string, pageUrl: string): string | null {
  if (href.trim() === '') return null; // an empty href would name the page itself
  try {
    const url = new URL(href.trim(), pageUrl);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === new URL(pageUrl).origin && !url.username && !url.password ? url.href : null;
  } catch {
    return null;
  }
}

/** Rank by declared type and largest declared size (`sizes="32x32 64x64"`, `any`). */
function rankOf(url: string, type: string, sizes: string, appleTouch: boolean): number {
  const path = new URL(url).pathname.toLowerCase();
  if (type === 'image/svg+xml' || path.endsWith('.svg') || sizes.split(/\s+/).includes('any')) return 0;
  if (type === 'image/x-icon' || type === 'image/vnd.microsoft.icon' || path.endsWith('.ico')) return 60;
  const largest = Math.max(0, ...sizes.split(/\s+/).map((size) => Number(/^(\d+)x\d+$/i.exec(size)?.[1] ?? 0)));
  if (largest === 0) return appleTouch ? 12 : 20; // undeclared: an apple-touch-icon is 180 px by convention
  if (largest >= 32 && largest <= 192) return 10 + Math.abs(largest - 96) / 100;
  return largest > 192 ? 30 + largest / 1000 : 40 + (32 - largest);
}

/**
 * The inside of each `<link …>` tag, a `>` within quotes included. One pass over the text (a regular
 * expression that tracks quotes went quadratic on a page of unclosed tags).
 */
function* linkTags(head: string): Generator<string> {
  const lower = head.toLowerCase();
  let at = 0;
  for (;;) {
    const start = lower.indexOf('<link', at);
    if (start < 0) return;
    let i = start + 5;
    if (i < head.length && !/[\s/>]/.test(head[i]!)) {
      at = i; // <linkish>: another element
      continue;
    }
    let quote = '';
    for (; i < head.length; i++) {
      const char = head[i];
      if (quote) quote = char === quote ? '' : quote;
      else if (char === '"' || char === "'") quote = char;
      else if (char === '>') break;
    }
    if (i >= head.length) return; // an unfinished tag runs to the end: nothing after it counts
    yield head.slice(start + 5, i);
    at = i + 1;
  }
}

/** The icons and the manifest a page's head declares; hostile markup yields at worst nothing. */
export function iconLinks(html: string, pageUrl: string): { icons: IconCandidate[]; manifest: string | null } {
  const head = html.slice(0, MAX_HEAD_CHARS);
  const end = head.search(/<\/head\s*>|<body[\s>]/i);
  const icons: IconCandidate[] = [];
  let manifest: string | null = null;
  for (const tag of linkTags(end >= 0 ? head.slice(0, end) : head)) {
    const attrs = attributesOf(tag);
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const url = sameOriginUrl(attrs.get('href') ?? '', pageUrl);
    if (!url) continue;
    if (rel.includes('manifest')) manifest ??= url;
    const appleTouch = rel.includes('apple-touch-icon') || rel.includes('apple-touch-icon-precomposed');
    if (rel.includes('icon') || appleTouch) icons.push({ url, rank: rankOf(url, (attrs.get('type') ?? '').toLowerCase(), attrs.get('sizes') ?? '', appleTouch) });
  }
  return { icons: icons.sort((a, b) => a.rank - b.rank), manifest };
}

/** The icons of a web app manifest (its JSON text), resolved against the manifest's address. */
export function manifestIcons(json: string, manifestUrl: string): IconCandidate[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  const list = (parsed as { icons?: unknown } | null)?.icons;
  if (!Array.isArray(list)) return [];
  return list
    .filter((icon): icon is { src: string; type?: unknown; sizes?: unknown; purpose?: unknown } => typeof (icon as { src?: unknown } | null)?.src === 'string')
    // A maskable-only icon is drawn for cropping into a shape: it looks wrong as a plain tile.
    .filter((icon) => typeof icon.purpose !== 'string' || icon.purpose.split(/\s+/).includes('any'))
    .flatMap((icon) => {
      const url = sameOriginUrl(icon.src, manifestUrl);
      return url ? [{ url, rank: rankOf(url, typeof icon.type === 'string' ? icon.type.toLowerCase() : '', typeof icon.sizes === 'string' ? icon.sizes : '', false) }] : [];
    })
    .sort((a, b) => a.rank - b.rank);
}
