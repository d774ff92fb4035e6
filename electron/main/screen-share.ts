// getDisplayMedia in a meeting app: the app must hold `display-capture` (and ask from its own
// origin), then the person picks a screen or a window in Werkplek's picker (thumbnails from
// desktopCapturer), or — on Wayland — in the desktop portal that desktopCapturer opens itself.
// Nothing is shared without a choice; closing the picker or Escape shares nothing (prompt-window.ts).
import { desktopCapturer, type BrowserWindow, type Session, type WebContents } from 'electron';
import type { CoreContext } from '../core/context.ts';
import type { MainTexts } from '../core/shell/main-texts.ts';
import { decidePermission } from '../core/shell/permissions.ts';
import { isWaylandSession, pickedSource, screenPickerPage, type ShareSource } from '../core/shell/screen-share.ts';
import { askInWindow } from './prompt-window.ts';
import type { SessionOwners } from './app-sessions.ts';

export interface ScreenShareDeps {
  window: () => BrowserWindow | null;
  texts: () => MainTexts;
  /** A tab that shares its screen is in a call (never hibernated, not throttled). */
  onShare?(contents: WebContents): void;
}

export function handleScreenShare(ses: Session, ctx: CoreContext, owners: SessionOwners, contentsOfFrame: (frame: Electron.WebFrameMain) => WebContents | null, deps: ScreenShareDeps): void {
  ses.setDisplayMediaRequestHandler((request, callback) => {
    const frame = request.frame;
    const contents = frame ? contentsOfFrame(frame) : null;
    const app = owners.appFor(contents);
    const verdict = decidePermission({ app, permission: 'display-capture', requestingOrigin: request.securityOrigin, embeddingOrigin: frame?.top?.origin, isMainFrame: frame?.parent === null, doNotDisturb: false });
    const appId = owners.appIdFor(contents);
    if (appId) ctx.shell.notePermission({ appId, permission: 'display-capture', origin: request.securityOrigin, allowed: verdict.allow, reason: verdict.allow ? null : verdict.reason, at: Date.now() });
    if (!verdict.allow || !app || !contents) {
      ctx.log.info(`screen sharing for ${appId ?? 'unknown contents'} refused: ${verdict.allow ? 'no app view' : verdict.reason}`);
      callback(null);
      return;
    }
    chooseSource(app.name, deps)
      .then((source) => {
        if (source) deps.onShare?.(contents);
        callback(source ? { video: { id: source.id, name: source.name } } : null);
      })
      .catch((error: unknown) => {
        ctx.log.warn('screen sharing: no source', error instanceof Error ? error.message : error);
        callback(null);
      });
  });
}

async function chooseSource(appName: string, deps: ScreenShareDeps): Promise<ShareSource | null> {
  if (isWaylandSession(process.env)) {
    // The portal has asked already; it returns the one source the person chose (or none).
    const [chosen] = await desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } });
    return chosen ? { id: chosen.id, name: chosen.name, thumbnail: '' } : null;
  }
  const found = await desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 320, height: 180 } });
  const sources = found.map((source) => ({ id: source.id, name: source.name, thumbnail: source.thumbnail.isEmpty() ? '' : source.thumbnail.toDataURL() }));
  const parent = deps.window();
  if (sources.length === 0 || !parent || parent.isDestroyed()) return null;
  return showPicker(parent, sources, appName, deps.texts());
}

function showPicker(parent: BrowserWindow, sources: ShareSource[], appName: string, t: MainTexts): Promise<ShareSource | null> {
  return askInWindow(parent, { title: t.shareTitle, html: screenPickerPage(sources, t, appName, t.lang), width: 720, height: 520 }, (url) => pickedSource(url, sources));
}
