// The look: NL Design System tokens with a neutral default, the Rijkshuisstijl theme and the
// organisation's colours and logo from the policy, light and dark after the system, all under the
// strict CSP (a violation of it fails the test).
import { createServer } from 'node:http';
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost } from './fixtures.ts';

/** Records CSP violations from the start of the page. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber} ${event.sample}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

const token = (page: Page, name: string, selector = 'html') =>
  page.locator(selector).first().evaluate((element, property) => getComputedStyle(element).getPropertyValue(property).trim(), name);
const background = (page: Page, selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).backgroundColor);

// A 1×1 PNG.
const logo = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

test('neutral by default; light and dark follow the system', async ({ page, preview }) => {
  const violations = await watchCsp(page);
  await page.goto(preview.url);
  await expect(page.getByRole('tab').first()).toBeVisible();
  await expect(page.locator('html')).not.toHaveClass(/rhc-theme/);
  expect(await background(page, '.sidebar-column')).toBe('rgb(31, 41, 55)');
  expect(await background(page, '.status-bar')).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background(page, '.status-bar')).toBe('rgb(30, 33, 39)');
  // Every tool has a visible label and an icon, not a glyph.
  for (const name of ['Settings', 'Files', 'Downloads', 'Chat notifications']) {
    const button = page.getByRole('group', { name: 'Tools' }).getByRole('button', { name, exact: true });
    await expect(button).toBeVisible();
    await expect(button.locator('svg')).toHaveCount(1);
  }
  expect(await violations()).toEqual([]);
});

test('the policy chooses the Rijkshuisstijl theme, the organisation’s colours and logo', async ({ page }) => {
  const host = await startPreviewHost({
    policy: { organisation: 'Ministerie van Voorbeelden', theme: { base: 'rijkshuisstijl', logo, colours: { sidebar: '#01689b', accent: '#ffff00' } } },
  });
  try {
    const violations = await watchCsp(page);
    await page.goto(host.url);
    await expect(page.getByRole('tab').first()).toBeVisible();
    await expect(page.locator('html')).toHaveClass(/rhc-theme/);
    await expect(page.getByRole('img', { name: 'Ministerie van Voorbeelden' })).toBeVisible();
    expect(await background(page, '.sidebar-column')).toBe('rgb(1, 104, 155)');
    // Yellow cannot carry white text (contrast < 4.5:1): the theme's own lint blue stays.
    expect(await token(page, '--wp-color-accent')).toBe('#154273');
    // The dark look keeps its own colours.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(page, '.sidebar-column')).toBe('rgb(14, 16, 20)');
    expect(await violations()).toEqual([]);
  } finally {
    await host.stop();
  }
});

test('an app without an icon shows its site’s favicon; one without either a letter tile', async ({ page }) => {
  const png = Buffer.from(logo.split(',')[1]!, 'base64');
  const site = createServer((request, response) => {
    if (request.url === '/favicon.ico') response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Intranet</title><p>Intranet</p>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(site.address() as { port: number }).port}/`;
  const host = await startPreviewHost({
    policy: { apps: [{ id: 'intranet', name: 'Intranet', url }, { id: 'gone', name: 'Archief', url: 'http://127.0.0.1:9/' }] },
  });
  try {
    const violations = await watchCsp(page);
    await page.goto(host.url);
    const intranet = page.getByRole('tab', { name: /Intranet/ });
    await expect(intranet.locator('img.app-icon')).toHaveAttribute('src', `data:image/png;base64,${png.toString('base64')}`);
    await expect(page.getByRole('tab', { name: /Archief/ }).locator('.app-icon')).toHaveText('A');
    expect(await violations()).toEqual([]);
  } finally {
    await host.stop();
    site.close();
  }
});

test('a site’s declared SVG icon shows in the sidebar, and a script or address in it does nothing there', async ({ page }) => {
  const asked: string[] = [];
  let origin = '';
  const svg = () =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 16 16"><script>fetch('${origin}/ran-script')</script>` +
    `<image href="${origin}/loaded-image.png" width="16" height="16"/><rect width="16" height="16" fill="#154273" onload="fetch('${origin}/ran-onload')"/></svg>`;
  const site = createServer((request, response) => {
    asked.push(request.url ?? '');
    if (request.url === '/brand.svg') response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(svg());
    else if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><head><link rel="icon" href="/brand.svg"></head><p>Intranet</p>');
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  const host = await startPreviewHost({ policy: { apps: [{ id: 'intranet', name: 'Intranet', url: `${origin}/` }] } });
  try {
    const violations = await watchCsp(page);
    await page.goto(host.url);
    const icon = page.getByRole('tab', { name: /Intranet/ }).locator('img.app-icon');
    await expect(icon).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    await expect.poll(() => icon.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect(asked.filter((url) => /ran-|loaded-/.test(url))).toEqual([]);
    expect(await violations()).toEqual([]);
  } finally {
    await host.stop();
    site.close();
  }
});
