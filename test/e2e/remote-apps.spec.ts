// Remote apps in the sidebar, through the preview host: listed under "Windows apps" apart from the
// tabs, each with its session state; a click starts it (the preview cannot start FreeRDP and says
// so), and an ended session offers Reconnect. Both languages; axe finds nothing serious.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, startPreviewHost } from './fixtures.ts';

const policy = {
  apps: [
    { id: 'portaal', name: 'Portaal', url: 'https://portaal.gemeente.nl/' },
    { id: 'zaak', name: 'Zaaksysteem', kind: 'remote-app', url: 'rdp://rds.gemeente.nl', rdp: { program: '||Zaak' } },
    { id: 'gateway', name: 'Werkplek op afstand', kind: 'web-gateway', url: 'https://gateway.gemeente.nl/guacamole/' },
  ],
};

test('a remote app is listed apart, is no tab, and shows its session state with Reconnect', async ({ page }) => {
  const host = await startPreviewHost({ policy });
  try {
    await page.goto(host.url);
    await expect(page.getByRole('tab', { name: /Portaal/ })).toBeVisible();
    await expect(page.getByRole('tab', { name: /Werkplek op afstand/ })).toBeVisible(); // the web gateway is a web app
    await expect(page.getByRole('tab', { name: /Zaaksysteem/ })).toHaveCount(0);
    const list = page.getByRole('region', { name: 'Windows apps' });
    const open = list.getByRole('button', { name: 'Zaaksysteem', exact: true });
    await expect(open).toHaveAccessibleDescription('Opens in its own window');
    await open.click();
    await expect(open).toHaveAccessibleDescription('Ended: only the Werkplek desktop app can start Windows apps');
    await expect(list.getByRole('button', { name: 'Reconnect Zaaksysteem' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /Portaal/ })).toHaveAttribute('aria-selected', 'true'); // the shown app stays
    const axe = await new AxeBuilder({ page }).include('.sidebar').analyze();
    expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
  } finally {
    await host.stop();
  }
});

test('Dutch: "Windows-apps" and "Opnieuw verbinden"', async ({ page }) => {
  const host = await startPreviewHost({ policy, locale: 'nl-NL' });
  try {
    await page.goto(host.url);
    const list = page.getByRole('region', { name: 'Windows-apps' });
    await list.getByRole('button', { name: 'Zaaksysteem', exact: true }).click();
    await expect(list.getByRole('button', { name: 'Zaaksysteem opnieuw verbinden' })).toHaveText('Opnieuw verbinden');
    await expect(list.getByRole('button', { name: 'Zaaksysteem', exact: true })).toHaveAccessibleDescription('Beëindigd: alleen de Werkplek-desktopapp kan Windows-apps starten');
  } finally {
    await host.stop();
  }
});
