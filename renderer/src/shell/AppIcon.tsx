// An app's icon: its own image when the catalog gives one (data: or same-origin), else its initial.
import type { AppDefinition } from '../../../electron/core/config/catalog-schema.ts';

const palette = ['#154273', '#39870c', '#a90061', '#e17000', '#007bc7', '#5c2483', '#275937'];

function colourFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length]!;
}

export function AppIcon({ app }: { app: AppDefinition }) {
  if (app.icon?.startsWith('data:image/')) return <img className="app-icon" src={app.icon} alt="" />;
  return (
    <span className="app-icon" aria-hidden="true" style={{ background: colourFor(app.id) }}>
      {app.name.slice(0, 1).toUpperCase()}
    </span>
  );
}
