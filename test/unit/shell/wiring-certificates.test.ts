// Client certificates and smart cards: the catalog rule picks without asking, otherwise the person
// chooses; never Chromium's silent first certificate.
import { describe, expect, it, vi } from 'vitest';
import { createTestCore } from '../../fixtures/test-core.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);

const { handleClientCertificates } = await import('../../../electron/main/client-certificates.ts');
const { certificatePickerPage, chooseCertificate, pinAnswer, pinPage } = await import('../../../electron/core/shell/client-certificates.ts');
const { mainTexts } = await import('../../../electron/core/shell/main-texts.ts');
const { app, DoubleBrowserWindow, recorded, settle } = await import('./electron-double.ts');

const year = 365 * 24 * 3600;
const now = Date.UTC(2026, 11, 4);
const cert = (subject: string, issuer: string, org: string, expiresIn = year) => ({
  subjectName: `CN=${subject}`,
  issuerName: `CN=${issuer}`,
  subject: { commonName: subject, organizations: ['Gemeente Voorbeeld'] },
  issuer: { commonName: issuer, organizations: [org] },
  validStart: now / 1000 - year,
  validExpiry: now / 1000 + expiresIn,
  fingerprint: `sha256/${subject}`,
});
const pas = cert('J. Jansen (authenticatie)', 'KPN PKIoverheid Private Persoon CA - G3', 'KPN B.V.');
const sign = cert('J. Jansen (handtekening)', 'KPN PKIoverheid Private Persoon CA - G3', 'KPN B.V.');
const vpn = cert('jjansen', 'Voorbeeld Intern CA', 'Gemeente Voorbeeld');
const expired = cert('oud', 'Voorbeeld Intern CA', 'Gemeente Voorbeeld', -10);
const apps = [
  { url: 'https://mijn.voorbeeld.nl/', origins: ['https://login.voorbeeld.nl'], clientCertificate: { issuer: 'Voorbeeld Intern CA' } },
  { url: 'https://zaak.voorbeeld.nl/', origins: [], clientCertificate: { issuer: 'KPN B.V.' } },
  { url: 'https://chat.voorbeeld.nl/', origins: [] },
];

describe('which certificate', () => {
  it('a catalog rule picks its one match, offers several, or sends none; no rule asks; expired ones never count', () => {
    expect(chooseCertificate(apps, 'https://login.voorbeeld.nl/auth', [pas, vpn, expired], now)).toEqual({ kind: 'use', certificate: vpn });
    expect(chooseCertificate(apps, 'https://zaak.voorbeeld.nl/', [pas, sign, vpn], now)).toEqual({ kind: 'ask', certificates: [pas, sign] });
    expect(chooseCertificate(apps, 'https://zaak.voorbeeld.nl/', [vpn], now)).toEqual({ kind: 'none' });
    expect(chooseCertificate(apps, 'https://chat.voorbeeld.nl/', [pas, vpn], now)).toEqual({ kind: 'ask', certificates: [pas, vpn] });
    expect(chooseCertificate(apps, 'https://elders.example.com/', [expired], now)).toEqual({ kind: 'none' });
  });

  it('the picker page names holder, issuer and expiry, escaped, in both languages', () => {
    const page = certificatePickerPage(mainTexts('nl', 'en'), 'zaak.voorbeeld.nl', [{ ...pas, subject: { commonName: '<img src=x>', organizations: [] } }]);
    expect(page).toContain('zaak.voorbeeld.nl vraagt om een certificaat');
    expect(page).toContain('&#60;img src=x&#62;');
    expect(page).toContain('uitgegeven door KPN PKIoverheid Private Persoon CA - G3');
    expect(page).toContain('geldig tot 2027-12-04');
    expect(page).not.toMatch(/<script|\son\w+=/i);
  });
});

describe('select-client-certificate', () => {
  it('is always handled: rule → at once, otherwise the picker; cancel sends none', async () => {
    const core = await createTestCore({ policy: { apps: [{ id: 'mijn', name: 'Mijn', url: 'https://mijn.voorbeeld.nl/', clientCertificate: { issuer: 'Voorbeeld Intern CA' } }, { id: 'chat', name: 'Chat', url: 'https://chat.voorbeeld.nl/' }] } });
    const window = new DoubleBrowserWindow({});
    handleClientCertificates(app as never, { ctx: core.ctx, window: () => window as never, texts: () => mainTexts('en', 'en') });
    const request = (url: string, list: unknown[]) => {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      const answer = new Promise<unknown[]>((resolve) => app.fire('select-client-certificate', event, null, url, list, (...args: unknown[]) => resolve(args)));
      return { event, answer };
    };
    const byRule = request('https://mijn.voorbeeld.nl/', [pas, vpn]);
    expect(byRule.event.defaultPrevented).toBe(true);
    expect(await byRule.answer).toEqual([vpn]);
    const asked = request('https://chat.voorbeeld.nl/', [pas, vpn]);
    await settle();
    const picker = recorded.windows.at(-1)!;
    expect(picker).not.toBe(window);
    picker.webContents.emit('did-navigate-in-page', {}, 'data:text/html,x#certificate-0', true);
    expect(await asked.answer).toEqual([pas]);
    const cancelled = request('https://chat.voorbeeld.nl/', [pas, vpn]);
    await settle();
    recorded.windows.at(-1)!.webContents.pressKey('Escape');
    expect(await cancelled.answer).toEqual([]);
    // The smart card's PIN: asked in a prompt; cancel rejects (no wrong PIN tried on the card).
    const pin = app.pinHandler!({ hostname: 'zaak.voorbeeld.nl', tokenName: 'PKIoverheid pas', isRetry: true });
    await settle();
    const prompt = recorded.windows.at(-1)!;
    const page = decodeURIComponent(prompt.webContents.loaded[0]!.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(page).toContain('zaak.voorbeeld.nl asks for your certificate on “PKIoverheid pas”');
    expect(page).toContain('a card locks after a few wrong PINs');
    prompt.webContents.emit('will-navigate', { url: 'https://werkplek.invalid/pin?pin=123456', preventDefault: () => {} });
    expect(await pin).toBe('123456');
    const cancelledPin = app.pinHandler!({ hostname: 'zaak.voorbeeld.nl', tokenName: 'pas', isRetry: false });
    await settle();
    recorded.windows.at(-1)!.close();
    await expect(cancelledPin).rejects.toThrow('cancelled');
  });

  it('the PIN page asks without script and reads only its own answer', () => {
    const page = pinPage(mainTexts('en', 'en'), 'h', '<t>', false);
    expect(page).toContain('&#60;t&#62;');
    expect(page).not.toMatch(/<script|\son\w+=/i);
    expect(pinAnswer('https://werkplek.invalid/pin?pin=0000')).toBe('0000');
    expect(pinAnswer('https://werkplek.invalid/pin?pin=')).toBeNull();
    expect(pinAnswer('https://evil.example.com/pin?pin=1')).toBeNull();
    expect(pinAnswer('data:text/html,x#cancel')).toBe('cancel');
  });
});
