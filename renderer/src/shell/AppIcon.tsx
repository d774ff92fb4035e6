// An app's icon: its own image when the catalog gives one as a data: URL, else the image the core
// fetched and keeps (catalog.favicons: the entry's icon address, else the site's own icon), else its
// initial on a colour tile (the last fallback). Tiles are classes, not inline styles (strict CSP).
import type { AppDefinition } from '../../../electron/core/config/catalog-schema.ts';
import { useBridgeState } from '../bridge/context.tsx';

/** Number of tile colours in styles.css (.app-tile-0 … .app-tile-6). */
const TILE_COLOURS = 7;

export function tileFor(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % TILE_COLOURS;
}

export function AppIcon({ app }: { app: AppDefinition }) {
  const favicons = useBridgeState('catalog.favicons', 'catalog.favicons');
  const image = app.icon?.startsWith('data:image/') ? app.icon : favicons?.[app.id];
  if (image) return <img className="app-icon" src={image} alt="" />;
  return (
    <span className={`app-icon app-tile-${tileFor(app.id)}`} aria-hidden="true">
      {app.name.slice(0, 1).toUpperCase()}
    </span>
  );
}
