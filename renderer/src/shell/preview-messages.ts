// Preview host only: apps are cross-origin iframes, so the renderer cannot read their titles or
// see their downloads. Apps that want badges and downloads in the preview (the demo apps do) post
// `{ werkplek: 'title', title }` or `{ werkplek: 'download', url }` to the parent. A message counts
// only when it comes from that app's own frame (event.source) and origin (event.origin); the core
// then applies the same badge rule and the same origin check as in the desktop app, where main
// reads titles (page-title-updated) and downloads (will-download) itself.
import { useEffect } from 'react';
import { z } from 'zod';
import type { CatalogEntry } from '../../../electron/core/config/catalog-schema.ts';
import { useBridge } from '../bridge/context.tsx';

// No code generation: under the shell's CSP (no unsafe-eval, Trusted Types) zod's probe for it
// would only be refused and reported as a violation.
z.config({ jitless: true });

const messageSchema = z.discriminatedUnion('werkplek', [
  z.object({ werkplek: z.literal('title'), title: z.string().max(1000) }),
  z.object({ werkplek: z.literal('download'), url: z.string().max(4000) }),
]);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function usePreviewMessages(enabled: boolean, apps: CatalogEntry[], frames: Map<string, HTMLIFrameElement>): void {
  const api = useBridge();
  useEffect(() => {
    if (!enabled) return;
    const onMessage = (event: MessageEvent) => {
      const entry = apps.find((candidate) => frames.get(candidate.app.id)?.contentWindow === event.source);
      if (!entry || originOf(entry.app.url) !== event.origin) return;
      const message = messageSchema.safeParse(event.data);
      if (!message.success) return;
      if (message.data.werkplek === 'title') void api['shell.reportTitle']({ appId: entry.app.id, title: message.data.title });
      else void api['shell.download']({ appId: entry.app.id, url: new URL(message.data.url, entry.app.url).href }).catch(() => {});
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [api, enabled, apps, frames]);
}
