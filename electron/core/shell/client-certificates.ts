// Client certificates and smart cards (PKIoverheid): Chromium would silently take the first
// certificate. An app's catalog entry may name which certificate its origins get
// (`clientCertificate`: issuer and/or subject, by common name or organisation — as Chrome's
// AutoSelectCertificateForUrls); exactly one match is sent without asking, several are offered in
// a picker, none is "no certificate". Sites that are no app's, and apps without a rule, are asked
// for in the picker. The picker page is built here (no script, every name escaped).
import type { AppDefinition } from '../config/catalog-schema.ts';
import { appOrigins, webOrigin } from './origins.ts';
import { answerOrigin, escapeHtml, promptPage } from './prompt-page.ts';

export interface CertificateInfo {
  subjectName: string;
  issuerName: string;
  subject: { commonName: string; organizations: string[] };
  issuer: { commonName: string; organizations: string[] };
  validStart: number;
  validExpiry: number;
  fingerprint: string;
}

export interface CertificateRule {
  issuer?: string | undefined;
  subject?: string | undefined;
}

export type CertificateChoice<C> = { kind: 'use'; certificate: C } | { kind: 'ask'; certificates: C[] } | { kind: 'none' };

const principalMatches = (principal: CertificateInfo['subject'], name: string | undefined) => name === undefined || principal.commonName === name || principal.organizations.includes(name);

/** What to do with a certificate request for `url`: the rule of the app that owns the origin, else ask. */
export function chooseCertificate<C extends CertificateInfo>(apps: readonly Pick<AppDefinition, 'url' | 'origins' | 'clientCertificate'>[], url: string, certificates: readonly C[], now: number): CertificateChoice<C> {
  const valid = certificates.filter((certificate) => certificate.validStart * 1000 <= now && now <= certificate.validExpiry * 1000);
  if (valid.length === 0) return { kind: 'none' };
  const origin = webOrigin(url);
  const rule = origin ? apps.find((app) => app.clientCertificate && appOrigins(app).has(origin))?.clientCertificate : undefined;
  if (!rule) return { kind: 'ask', certificates: valid };
  const matching = valid.filter((certificate) => principalMatches(certificate.issuer, rule.issuer) && principalMatches(certificate.subject, rule.subject));
  if (matching.length === 1) return { kind: 'use', certificate: matching[0]! };
  return matching.length === 0 ? { kind: 'none' } : { kind: 'ask', certificates: matching };
}

export interface CertificateTexts {
  lang: string;
  certificateTitle: string;
  certificateMessage: string;
  certificateIssuedBy: string;
  certificateValidUntil: string;
  certificateNone: string;
}

export function certificatePickerPage(t: CertificateTexts, host: string, certificates: readonly CertificateInfo[]): string {
  const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
  const items = certificates
    .map((certificate, index) => {
      const issuedBy = t.certificateIssuedBy.replace('{issuer}', certificate.issuer.commonName || certificate.issuerName);
      const until = t.certificateValidUntil.replace('{date}', day(certificate.validExpiry));
      return `<li><a href="#certificate-${index}"><span>${escapeHtml(certificate.subject.commonName || certificate.subjectName)}</span><span>${escapeHtml(issuedBy)}</span><span>${escapeHtml(until)}</span></a></li>`;
    })
    .join('');
  return promptPage(t.lang, t.certificateTitle, escapeHtml(t.certificateMessage.replace('{host}', host)), `<ul>${items}</ul><a class="cancel" href="#cancel">${escapeHtml(t.certificateNone)}</a>`);
}

/** The picker's choice from its in-page navigation: a certificate, 'cancel', or null. */
export function pickedCertificate<C>(url: string, certificates: readonly C[]): C | 'cancel' | null {
  const hash = url.includes('#') ? url.slice(url.indexOf('#') + 1) : null;
  if (hash === 'cancel') return 'cancel';
  const match = hash ? /^certificate-(\d{1,4})$/.exec(hash) : null;
  return match ? (certificates[Number(match[1])] ?? null) : null;
}

export interface PinTexts {
  lang: string;
  pinTitle: string;
  pinMessage: string;
  pinRetry: string;
  pin: string;
  pinUnlock: string;
  cancel: string;
}

/** The smart card's PIN prompt (Chromium on Linux leaves it to the application). */
export function pinPage(t: PinTexts, host: string, token: string, isRetry: boolean): string {
  const retry = isRetry ? `<p><strong>${escapeHtml(t.pinRetry)}</strong></p>` : '';
  const body = `${retry}<form method="get" action="${answerOrigin}/pin"><label for="pin">${escapeHtml(t.pin)}</label><input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="off" autofocus required>
<div class="buttons"><button type="submit">${escapeHtml(t.pinUnlock)}</button><a href="#cancel">${escapeHtml(t.cancel)}</a></div></form>`;
  return promptPage(t.lang, t.pinTitle, escapeHtml(t.pinMessage.replace('{host}', host).replace('{token}', token)), body);
}

export function pinAnswer(url: string): string | 'cancel' | null {
  if (url.endsWith('#cancel')) return 'cancel';
  const parsed = URL.parse(url);
  if (!parsed || parsed.origin !== answerOrigin || parsed.pathname !== '/pin') return null;
  const pin = parsed.searchParams.get('pin') ?? '';
  return pin === '' ? null : pin;
}
