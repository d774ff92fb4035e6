// Electron's 'select-client-certificate': never Chromium's silent "first certificate". The app's
// catalog rule picks without asking; otherwise the person chooses in a picker (prompt-window.ts).
// And the PIN of a smart card, which Chromium on Linux leaves to the application.
import type { App, BrowserWindow } from 'electron';
import type { CoreContext } from '../core/context.ts';
import type { MainTexts } from '../core/shell/main-texts.ts';
import { certificatePickerPage, chooseCertificate, pickedCertificate, pinAnswer, pinPage } from '../core/shell/client-certificates.ts';
import { askInWindow } from './prompt-window.ts';

export function handleClientCertificates(app: App, deps: { ctx: CoreContext; window: () => BrowserWindow | null; texts: () => MainTexts }): void {
  app.on('select-client-certificate', (event, _contents, url, certificates, callback) => {
    event.preventDefault();
    const choice = chooseCertificate(deps.ctx.catalog.enabledApps(), url, certificates, Date.now());
    const host = URL.parse(url)?.host ?? url;
    if (choice.kind === 'use') {
      deps.ctx.log.info(`client certificate for ${host}: ${choice.certificate.subjectName} (catalog rule)`);
      callback(choice.certificate);
      return;
    }
    const parent = deps.window();
    if (choice.kind === 'none' || !parent || parent.isDestroyed()) {
      callback();
      return;
    }
    const t = deps.texts();
    askInWindow(parent, { title: t.certificateTitle, html: certificatePickerPage(t, host, choice.certificates), width: 560, height: 420 }, (answer) => pickedCertificate(answer, choice.certificates))
      .then((certificate) => (certificate ? callback(certificate) : callback()))
      .catch(() => callback());
  });
  // A smart card's PIN: on Linux Chromium asks the application (Electron 33+). Cancel rejects, so
  // no wrong PIN is tried against the card's retry counter.
  app.setClientCertRequestPasswordHandler(async ({ hostname, tokenName, isRetry }) => {
    const parent = deps.window();
    if (!parent || parent.isDestroyed()) throw new Error('no window to ask for the PIN');
    const t = deps.texts();
    const pin = await askInWindow(parent, { title: t.pinTitle, html: pinPage(t, hostname, tokenName, isRetry), width: 440, height: 300 }, pinAnswer);
    if (pin === null) throw new Error('PIN entry cancelled');
    return pin;
  });
}
