// Which frames may call the bridge (Electron checklist #17): only the shell UI's own top frame,
// served from app://werkplek. Hosted web apps, their iframes and destroyed frames never can.

export const shellOrigin = 'app://werkplek';

export interface SenderFrameInfo {
  url: string | null;
  isTopFrame: boolean;
}

export function isTrustedSender(frame: SenderFrameInfo | null): boolean {
  if (!frame || !frame.url || !frame.isTopFrame) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === 'app:' && url.host === 'werkplek';
  } catch {
    return false;
  }
}
