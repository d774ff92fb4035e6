// Defaults for every web contents Electron creates, before anything more specific is attached:
// no <webview> can ever attach (checklist #11), and a window.open nobody decided on is denied.
// Tab views and the shell window replace the open handler with their own right after creation.
import type { App } from 'electron';

export function hardenAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
