// The portal's app list in the sidebar, through the preview host: a navigation server behind a
// session cookie (test/fixtures/portal-navigation.ts; the preview sends the cookie the test gives
// it, as the app sends the shared session's), its categories as labelled groups, and a second
// start with the portal unreachable that still shows them all, saying so in the status bar.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, startPreviewHost } from './fixtures.ts';
import { PortalNavigationServer, SESSION_COOKIE, SESSION_TOKEN, SHARED_SECRET } from '../fixtures/portal-navigation.ts';

const cookie = `${SESSION_COOKIE}=${SESSION_TOKEN}`;

test('Dutch: the portal categories are groups of tabs; offline the next start shows the same and says why', async ({ page }) => {
  const portal = await new PortalNavigationServer().start();
  const policy = { apps: [{ id: 'intranet', name: 'Intranet', url: 'https://intranet.ministerie.nl/' }], locked: { 'catalog.source': { url: portal.url, pin: ['umc'] } } };
  const first = await startPreviewHost({ policy, locale: 'nl-NL', env: { WERKPLEK_TEST_CATALOG_COOKIE: cookie } });
  try {
    await page.goto(first.url);
    const work = page.getByRole('tablist', { name: 'Samenwerken' });
    await expect(work.getByRole('tab')).toHaveText([/Bestanden/, /Chat/, /E-mail/]);
    await expect(page.getByRole('tablist', { name: 'Beheer' }).getByRole('tab', { name: /Gebruikers/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Samenwerken' })).toBeVisible();
    // Pinned first, then the policy's own app, then the portal's in its order.
    await expect(page.getByRole('tab')).toHaveText([/Gebruikers/, /Intranet/, /Bestanden/, /Chat/, /E-mail/]);
    // The icon came from the portal, as an image the shell's CSP allows.
    await expect(work.getByRole('tab', { name: /Bestanden/ }).locator('img')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    expect(portal.navigationRequests()[0]).toMatchObject({ cookie, language: 'nl-NL' });
    // Arrow keys move across the groups as one list.
    await page.getByRole('tab', { name: /Intranet/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('tab', { name: /Bestanden/ })).toBeFocused();
    const axe = await new AxeBuilder({ page }).include('.sidebar').analyze();
    expect(axe.violations.map((violation) => `${violation.impact} ${violation.id}`)).toEqual([]);
  } finally {
    await first.stop();
  }

  await portal.stop();
  const offline = await startPreviewHost({ policy, locale: 'nl-NL', env: { WERKPLEK_TEST_CATALOG_COOKIE: cookie, WERKPLEK_DATA_DIR: first.dataDir } });
  try {
    await page.goto(offline.url);
    await expect(page.getByRole('tablist', { name: 'Samenwerken' }).getByRole('tab')).toHaveCount(3);
    const status = page.getByRole('status');
    await expect(status.getByText(/De lijst met apps kon niet worden bijgewerkt: het portaal is niet bereikbaar\. De zijbalk toont de lijst van/)).toBeVisible();
    await expect(status.getByRole('button', { name: 'Opnieuw proberen' })).toBeVisible();
  } finally {
    await offline.stop();
  }
});

test('English, without a session: the status bar asks to sign in at the portal', async ({ page }) => {
  const portal = await new PortalNavigationServer().start();
  const host = await startPreviewHost({ policy: { apps: [{ id: 'intranet', name: 'Intranet', url: 'https://intranet.ministerie.nl/' }], locked: { 'catalog.source': { url: portal.url } } } });
  try {
    await page.goto(host.url);
    await expect(page.getByRole('status').getByText("The portal's app list is not available: sign in to the portal first.")).toBeVisible();
    await expect(page.getByRole('tab')).toHaveText([/Intranet/]);
    expect(portal.navigationRequests()[0]).toMatchObject({ cookie: null, language: 'en-US' });
  } finally {
    await host.stop();
    await portal.stop();
  }
});

test('English: a hostile answer (only javascript:, file: and http: links) keeps the last good list and says why', async ({ page }) => {
  const portal = await new PortalNavigationServer().start();
  const policy = { locked: { 'catalog.source': { url: portal.url } } };
  const first = await startPreviewHost({ policy, env: { WERKPLEK_TEST_CATALOG_COOKIE: cookie } });
  try {
    await page.goto(first.url);
    await expect(page.getByRole('tablist', { name: 'Collaboration' }).getByRole('tab')).toHaveCount(3);
  } finally {
    await first.stop();
  }
  portal.mode = 'hostile-links';
  const second = await startPreviewHost({ policy, env: { WERKPLEK_TEST_CATALOG_COOKIE: cookie, WERKPLEK_DATA_DIR: first.dataDir } });
  try {
    await page.goto(second.url);
    await expect(page.getByRole('status').getByText(/The app list could not be refreshed: none of the portal's apps has a safe \(https\) address\./)).toBeVisible();
    await expect(page.getByRole('tablist', { name: 'Collaboration' }).getByRole('tab')).toHaveText([/Files/, /Chat/, /Email/]);
    expect(portal.navigationRequests()).toHaveLength(2);
  } finally {
    await second.stop();
    await portal.stop();
  }
});

test('Dutch, a portal read with a shared secret: the secret typed once in the settings fills the sidebar', async ({ page }) => {
  const portal = await new PortalNavigationServer().start();
  const host = await startPreviewHost({ locale: 'nl-NL', policy: { apps: [{ id: 'intranet', name: 'Intranet', url: 'https://intranet.ministerie.nl/' }], locked: { 'catalog.source': { url: portal.url, auth: 'secret', user: 'jan.jansen' } } } });
  try {
    await page.goto(host.url);
    await expect(page.getByRole('status').getByText(/het gedeelde geheim van het portaal ontbreekt in de sleutelbos/)).toBeVisible();
    await page.getByRole('button', { name: 'Instellingen' }).click();
    const section = page.getByRole('region', { name: 'Apps van het portaal' });
    await expect(section.getByText(`Werkplek haalt de apps van je organisatie op bij ${portal.url}.`)).toBeVisible();
    await section.getByLabel('Gedeeld geheim van het portaal').fill(SHARED_SECRET);
    await section.getByRole('button', { name: 'Opslaan' }).click();
    await expect(section.getByRole('status')).toHaveText('Opgeslagen. De lijst met apps wordt opnieuw opgevraagd.');
    await expect(section.getByLabel('Gedeeld geheim van het portaal')).toHaveValue('');
    await expect(page.getByRole('tablist', { name: 'Samenwerken' }).getByRole('tab')).toHaveCount(3);
    expect(Buffer.from(portal.navigationRequests()[0]!.authorization!.slice('Basic '.length), 'base64').toString()).toBe(`jan.jansen:${SHARED_SECRET}`);
    const axe = await new AxeBuilder({ page }).include('.settings-page').analyze();
    expect(axe.violations.map((violation) => `${violation.impact} ${violation.id}`)).toEqual([]);
  } finally {
    await host.stop();
    await portal.stop();
  }
});
