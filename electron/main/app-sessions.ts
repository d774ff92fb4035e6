// Every session a hosted app uses gets the same guards before its first view: the permission
// request, check and device handlers (deny by default, core/shell/permissions.ts), downloads into
// the downloads list, spell checking in Dutch and English, and the proxy from settings.
// Certificate errors are never overridden: there is no 'certificate-error' handler and no
// setCertificateVerifyProc anywhere, so Chromium's verdict stands (scenario 48).
import { session, type Session, type WebContents } from 'electron';
import type { CoreContext } from '../core/context.ts';
import type { AppDefinition } from '../core/config/catalog-schema.ts';
import { decidePermission } from '../core/shell/permissions.ts';
import { dictionaryBaseUrl, pickSpellLanguages } from '../core/shell/spellcheck.ts';
import { parseProxySetting } from '../core/shell/proxy.ts';
import { webOrigin } from '../core/shell/origins.ts';
import { integratedAuthDomains } from '../core/shell/http-auth.ts';

export interface SessionOwners {
  appFor(contents: WebContents | null | undefined): AppDefinition | null;
  appIdFor(contents: WebContents | null | undefined): string | null;
  /** Camera or microphone was granted to these contents: a call is starting there. */
  noteCall?(contents: WebContents): void;
  /** A permission was granted (asked or checked) to these contents. */
  noteGranted?(contents: WebContents, permission: string): void;
}

/** Whether do-not-disturb is on right now (manual switch or schedule). */
export type DndCheck = () => boolean;
/** Whether Werkplek's Matrix notifier is signed in (then chat apps' own notifications are suppressed). */
export type NotifierCheck = () => boolean;

/** Installs the guards; resolves once the proxy is set (a first page load must wait for it). */
export function guardSession(ses: Session, ctx: CoreContext, owners: SessionOwners, doNotDisturb: DndCheck, chatNotifierActive: NotifierCheck = () => false): Promise<void> {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const app = owners.appFor(contents);
    const verdict = decidePermission({ app, permission, requestingOrigin: details.requestingUrl, isMainFrame: details.isMainFrame, doNotDisturb: doNotDisturb(), chatNotifierActive: chatNotifierActive() });
    const appId = owners.appIdFor(contents);
    if (appId) {
      ctx.shell.notePermission({ appId, permission, origin: webOrigin(details.requestingUrl) ?? details.requestingUrl, allowed: verdict.allow, reason: verdict.allow ? null : verdict.reason, at: Date.now() });
    }
    if (!verdict.allow) ctx.log.info(`permission ${permission} for ${appId ?? 'unknown contents'} denied: ${verdict.reason}`);
    else if (contents) {
      owners.noteGranted?.(contents, permission);
      if (permission === 'media') owners.noteCall?.(contents);
    }
    callback(verdict.allow);
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    const allow = decidePermission({ app: owners.appFor(contents), permission, requestingOrigin, embeddingOrigin: details.embeddingOrigin, isMainFrame: details.isMainFrame, doNotDisturb: doNotDisturb(), chatNotifierActive: chatNotifierActive() }).allow;
    if (allow && contents) owners.noteGranted?.(contents, permission);
    return allow;
  });
  ses.setDevicePermissionHandler(() => false);
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (event, _portList, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('will-download', (event, item, contents) => {
    const downloads = ctx.shell.downloads;
    const appId = owners.appIdFor(contents);
    if (!downloads || !appId) {
      event.preventDefault(); // only hosted apps download; the shell UI never does
      return;
    }
    let path: string;
    try {
      path = downloads.target(item.getFilename());
    } catch (error) {
      ctx.log.warn('download refused', error instanceof Error ? error.message : error);
      event.preventDefault();
      return;
    }
    item.setSavePath(path);
    const entry = downloads.begin({ appId, url: item.getURL(), path, totalBytes: item.getTotalBytes(), cancel: () => item.cancel() });
    item.on('updated', () => downloads.progress(entry.id, item.getReceivedBytes(), item.getTotalBytes()));
    item.once('done', (_event, state) => {
      downloads.progress(entry.id, item.getReceivedBytes(), item.getTotalBytes());
      downloads.finish(entry.id, state === 'completed' ? 'completed' : state === 'cancelled' ? 'cancelled' : 'interrupted', state === 'interrupted' ? 'the download was interrupted' : null);
    });
  });
  applySpellcheck(ses, ctx);
  applyIntegratedAuth(ses, ctx);
  return applyProxy(ses, ctx).catch((error: unknown) => ctx.log.warn('setting the proxy failed', error instanceof Error ? error.message : error));
}

/** Kerberos/NTLM with the desktop login only to the hosts of apps with `integratedAuth: true`. */
export function applyIntegratedAuth(ses: Session, ctx: CoreContext): void {
  ses.allowNTLMCredentialsForDomains(integratedAuthDomains(ctx.catalog.enabledApps()));
}

export function applySpellcheck(ses: Session, ctx: CoreContext): void {
  const dictionary = dictionaryBaseUrl(ctx.settings.get('shell.spellcheckDictionaryUrl'));
  if (!dictionary.ok) ctx.log.warn(dictionary.error);
  else if (dictionary.url) ses.setSpellCheckerDictionaryDownloadURL(dictionary.url);
  const languages = pickSpellLanguages(ctx.settings.get('shell.spellcheckLanguages'), ses.availableSpellCheckerLanguages);
  ses.setSpellCheckerLanguages(languages);
  ses.setSpellCheckerEnabled(languages.length > 0);
}

export async function applyProxy(ses: Session, ctx: CoreContext): Promise<void> {
  const verdict = parseProxySetting(ctx.settings.get('shell.proxy'));
  if (!verdict.ok) {
    ctx.log.warn(`${verdict.error}; using the system proxy`);
    await ses.setProxy({ mode: 'system' });
    return;
  }
  await ses.setProxy(verdict.config);
}

/** One guarded session per partition, prepared once; `ready` resolves when its proxy is set. */
export function sessionPreparer(
  ctx: CoreContext,
  owners: SessionOwners,
  doNotDisturb: DndCheck,
  chatNotifierActive: NotifierCheck = () => false,
  more?: (ses: Session) => void,
): { prepare(partition: string): Session; ready(partition: string): Promise<void>; all(): Session[] } {
  const prepared = new Map<string, { ses: Session; ready: Promise<void> }>();
  const prepare = (partition: string) => {
    let entry = prepared.get(partition);
    if (!entry) {
      const ses = session.fromPartition(partition);
      entry = { ses, ready: guardSession(ses, ctx, owners, doNotDisturb, chatNotifierActive) };
      more?.(ses);
      prepared.set(partition, entry);
    }
    return entry;
  };
  return {
    prepare: (partition) => prepare(partition).ses,
    ready: (partition) => prepare(partition).ready,
    all: () => [...prepared.values()].map((entry) => entry.ses),
  };
}
