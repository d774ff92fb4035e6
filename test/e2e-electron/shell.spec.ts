// The shell under real Electron: tab views switch, cross-app links move to the right tab,
// pop-ups follow the policy, downloads land in the list and folder, permissions are denied, and
// the app views see nothing of Node or the bridge. Needs the Electron binary and `npm run build`;
// skips with the reason where the binary is missing (it cannot be downloaded on every machine).
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronBinary, electronSkipReason } from './electron-binary.ts';

const binary = electronBinary();
const skip = electronSkipReason(); // no binary, no display (run under Xvfb) or root (the sandbox stays on)
const root = resolve(import.meta.dirname, '../..');

if (skip) console.log(`[electron e2e] shell specs skipped: ${skip}`);

interface Launched {
  app: ElectronApplication;
  window: Page;
  downloadsDir: string;
}

async function launch(): Promise<Launched> {
  const userData = mkdtempSync(join(tmpdir(), 'werkplek-electron-'));
  const downloadsDir = join(userData, 'Downloads');
  const policy = join(userData, 'policy.json');
  writeFileSync(policy, JSON.stringify({ defaults: { 'shell.downloadsDir': downloadsDir, 'shell.closeToTray': false } }));
  const app = await electron.launch({
    executablePath: (binary as { path: string }).path,
    args: [root, `--user-data-dir=${userData}`],
    env: { ...process.env, WERKPLEK_POLICY: policy, HOME: userData, XDG_CONFIG_HOME: join(userData, 'config') },
  });
  const window = await app.firstWindow();
  await expect(window.getByRole('tablist', { name: 'Apps' }).getByRole('tab')).toHaveCount(3);
  return { app, window, downloadsDir };
}

/** URL of the app view that is visible now (main process side). */
function visibleViewUrl(app: ElectronApplication): Promise<string | null> {
  return app.evaluate(({ BrowserWindow }) => {
    const window = BrowserWindow.getAllWindows()[0]!;
    const view = window.contentView.children.find((child) => child.getVisible() && 'webContents' in child) as Electron.WebContentsView | undefined;
    return view ? view.webContents.getURL() : null;
  });
}

/** Runs a script inside the visible app view. */
function inVisibleView<T>(app: ElectronApplication, script: string): Promise<T> {
  return app.evaluate(({ BrowserWindow }, code) => {
    const window = BrowserWindow.getAllWindows()[0]!;
    const view = window.contentView.children.find((child) => child.getVisible() && 'webContents' in child) as Electron.WebContentsView;
    return view.webContents.executeJavaScript(code, true) as Promise<T>;
  }, script);
}

async function waitForView(app: ElectronApplication, pattern: RegExp): Promise<void> {
  await expect.poll(() => visibleViewUrl(app), { timeout: 20_000 }).toMatch(pattern);
  await expect.poll(() => inVisibleView<string>(app, 'document.readyState'), { timeout: 20_000 }).toBe('complete');
}

test.describe('shell under Electron', () => {
  test.skip(skip !== null, skip ?? '');

  test('tabs: a view per app, switched by click and Ctrl+2, nothing of Node or the bridge inside', async () => {
    const { app, window } = await launch();
    try {
      await waitForView(app, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const portal = await visibleViewUrl(app);
      await window.getByRole('tab', { name: /Documenten/ }).click();
      await expect.poll(() => visibleViewUrl(app)).not.toBe(portal);
      await window.getByRole('tab', { name: /Portaal/ }).click();
      await window.keyboard.press('Control+2');
      await expect(window.getByRole('tab', { name: /Chat/ })).toHaveAttribute('aria-selected', 'true');
      await waitForView(app, /127\.0\.0\.1/);
      expect(await inVisibleView(app, 'typeof window.werkplek + typeof require + typeof process')).toBe('undefinedundefinedundefined');
      await expect(window.getByRole('tab', { name: /Chat/ }).getByLabel('2 unread')).toBeVisible();
    } finally {
      await app.close();
    }
  });

  test('a link to another catalog app opens in that app’s tab; file: never loads inside', async () => {
    const { app, window } = await launch();
    try {
      await waitForView(app, /127\.0\.0\.1/);
      const portal = await visibleViewUrl(app);
      await inVisibleView(app, `document.querySelector('a[href*="127.0.0.1"]:not([href="${portal}"])').click(); true`);
      await expect(window.getByRole('tab', { name: /Chat/ })).toHaveAttribute('aria-selected', 'true');
      await window.getByRole('tab', { name: /Portaal/ }).click();
      await waitForView(app, new RegExp(portal!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      // (An external https link would start the system browser; file: is refused without side effects.)
      await inVisibleView(app, `location.href = 'file:///etc/passwd'; true`);
      await new Promise((r) => setTimeout(r, 1000)); // give a (wrong) navigation the chance to start
      expect(await visibleViewUrl(app)).toBe(portal);
    } finally {
      await app.close();
    }
  });

  test('pop-ups: a same-origin pop-up opens a child window, anything else is denied', async () => {
    const { app } = await launch();
    try {
      await waitForView(app, /127\.0\.0\.1/);
      const count = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
      expect(await count()).toBe(1);
      expect(await inVisibleView(app, `window.open('https://example.org/') === null`)).toBe(true);
      expect(await inVisibleView(app, `window.open('file:///etc/passwd') === null`)).toBe(true);
      expect(await count()).toBe(1);
      await inVisibleView(app, `window.open(location.origin + '/popup', 'popup', 'width=600,height=500') !== null`); // a pop-up (features): a child window; target=_blank links stay in the tab
      await expect.poll(count).toBe(2);
      // The pop-up is an app contents like the view: no Node, no bridge, guarded the same way.
      const inPopup = await app.evaluate(({ BrowserWindow }) => {
        const popup = BrowserWindow.getAllWindows().find((w) => w.getParentWindow() !== null)!;
        return popup.webContents.executeJavaScript('typeof require + typeof window.werkplek + (window.open("file:///etc/passwd") === null)', true);
      });
      expect(inPopup).toBe('undefinedundefinedtrue');
    } finally {
      await app.close();
    }
  });

  test('downloads land in the downloads folder and the list', async () => {
    const { app, window, downloadsDir } = await launch();
    try {
      await window.getByRole('tab', { name: /Documenten/ }).click();
      await waitForView(app, /127\.0\.0\.1/);
      await inVisibleView(app, `document.querySelector('a[href="/bestanden/welkom.txt"]').click(); true`);
      await window.getByRole('button', { name: 'Downloads' }).click();
      await expect(window.getByRole('list', { name: 'Downloads' }).getByRole('listitem').filter({ hasText: 'Welkom bij Werkplek.txt' })).toContainText('Done');
      expect(existsSync(join(downloadsDir, 'Welkom bij Werkplek.txt'))).toBe(true);
      expect(readFileSync(join(downloadsDir, 'Welkom bij Werkplek.txt'), 'utf8')).toContain('Welkom');
    } finally {
      await app.close();
    }
  });

  test('permissions outside the allow-list are denied by request and check handlers', async () => {
    const { app } = await launch();
    try {
      await waitForView(app, /127\.0\.0\.1/);
      expect(await inVisibleView(app, `navigator.permissions.query({ name: 'geolocation' }).then((s) => s.state)`)).toBe('denied');
      expect(await inVisibleView(app, `new Promise((r) => navigator.geolocation.getCurrentPosition(() => r('granted'), (e) => r(e.code)))`)).toBe(1);
      expect(await inVisibleView(app, `navigator.mediaDevices.getUserMedia({ audio: true }).then(() => 'granted', (e) => e.name)`)).toBe('NotAllowedError');
      expect(await inVisibleView(app, `navigator.permissions.query({ name: 'notifications' }).then((s) => s.state)`)).toBe('granted');
    } finally {
      await app.close();
    }
  });
});
