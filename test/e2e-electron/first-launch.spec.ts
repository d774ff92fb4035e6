// Issue 17 under real Electron: find and focus, Ctrl+W, close and quit, close-to-tray, a deep link
// from a second launch, hibernation rules and the screen-share picker. Runs wherever the binary,
// a display (Xvfb) and a normal user are there; skips with the reason elsewhere.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { electronBinary, electronSkipReason } from './electron-binary.ts';
import { inVisibleView, keyInView, launchWerkplek, root, viewFocused, visibleViewUrl, type Launched } from './launch.ts';

const skip = electronSkipReason();
if (skip) console.log(`[electron e2e] first-launch specs skipped: ${skip}`);

const pages: Record<string, string> = {
  wiki: '<title>Wiki</title><p>meeting at ten, meeting at two, meeting at four</p>',
  mail: '<title>(3) Mail</title><p>Inbox</p>',
  meet: '<title>Meet</title><p>Room</p>',
};
const servers: Server[] = [];
const urls: Record<string, string> = {};

test.beforeAll(async () => {
  if (skip) return;
  for (const id of Object.keys(pages)) {
    const server = createServer((_request, response) => response.setHeader('content-type', 'text/html; charset=utf-8').end(pages[id]));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    servers.push(server);
    urls[id] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }
});

test.afterAll(() => {
  for (const server of servers) server.close();
});

const catalog = () => [
  { id: 'wiki', name: 'Wiki', url: urls.wiki },
  { id: 'mail', name: 'Mail', url: urls.mail },
  { id: 'meet', name: 'Meet', url: urls.meet, permissions: ['media', 'display-capture', 'fullscreen'] },
];

async function start(locked: Record<string, unknown> = {}, args: string[] = []): Promise<Launched> {
  const launched = await launchWerkplek({ apps: catalog(), locked: { 'shell.closeToTray': false, ...locked } }, args);
  await expect(launched.window.getByRole('tablist', { name: 'Apps' }).getByRole('tab')).toHaveCount(3);
  await expect.poll(() => visibleViewUrl(launched.app), { timeout: 20_000 }).toBe(urls.wiki);
  return launched;
}

/** Start Werkplek, run the body, and always close it again. */
async function withWerkplek(locked: Record<string, unknown>, body: (launched: Launched) => Promise<void>): Promise<void> {
  const launched = await start(locked);
  try {
    await body(launched);
  } finally {
    await launched.app.close();
  }
}

/** Click an app in the sidebar and wait until its view is the one shown. */
async function showApp({ app, window }: Launched, name: 'Mail' | 'Meet'): Promise<void> {
  await window.getByRole('tab', { name: new RegExp(name) }).click();
  await expect.poll(() => visibleViewUrl(app)).toBe(urls[name.toLowerCase()]);
}

const views = (launched: Launched) => launched.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.contentView.children.flatMap((child) => ('webContents' in child ? [(child as Electron.WebContentsView).webContents.getURL()] : [])));

test.describe('first launch fixes under Electron', () => {
  test.skip(skip !== null, skip ?? '');

  test('find: Ctrl+F in an app gives the find field the keyboard, Enter steps, Escape gives it back', async () => {
    await withWerkplek({}, async (launched) => {
      const { app, window } = launched;
      await keyInView(app, 'F', ['control']);
      await expect(window.getByRole('searchbox')).toBeFocused();
      await window.keyboard.type('meeting');
      await expect(window.getByText('1 of 3')).toBeVisible();
      await window.keyboard.press('Enter');
      await expect(window.getByText('2 of 3')).toBeVisible();
      await window.keyboard.press('Enter');
      await expect(window.getByText('3 of 3')).toBeVisible();
      await window.keyboard.press('Shift+Enter');
      await expect(window.getByText('2 of 3')).toBeVisible();
      await window.keyboard.press('Escape');
      await expect.poll(() => viewFocused(app)).toBe(true);
    });
  });

  test('Ctrl+W closes the app’s tab and never the window', async () => {
    await withWerkplek({}, async (launched) => {
      const { app } = launched;
      await showApp(launched, 'Mail');
      await keyInView(app, 'W', ['control']);
      await expect.poll(() => views(launched)).not.toContain(urls.mail);
      await expect.poll(() => visibleViewUrl(app)).toBe(urls.wiki);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible())).toBe(true);
    });
  });

  test('closing the window with close-to-tray off quits cleanly', async () => {
    const { app } = await start();
    const exited = new Promise<number | null>((done) => app.process().once('exit', (code) => done(code)));
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    expect(await exited).toBe(0);
  });

  test('close-to-tray on: closing hides the window and Werkplek keeps running', async () => {
    await withWerkplek({ 'shell.closeToTray': true }, async ({ app }) => {
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.isVisible()))).toEqual([false]);
    });
  });

  test('a werkplek:// link from a second launch opens that app in the running one', async () => {
    await withWerkplek({}, async (launched) => {
      const { app, window, userData } = launched;
      const binary = electronBinary() as { path: string };
      const second = spawn(binary.path, [root, `--user-data-dir=${userData}`, 'werkplek://app/mail'], { env: { ...process.env, HOME: userData }, stdio: 'ignore' });
      await new Promise((done) => second.once('exit', done));
      await expect(window.getByRole('tab', { name: /Mail/ })).toHaveAttribute('aria-selected', 'true');
      await expect.poll(() => visibleViewUrl(app)).toBe(urls.mail);
    });
  });

  test('hibernation keeps the tab with a badge and discards the idle plain one', async () => {
    test.setTimeout(180_000);
    await withWerkplek({ 'shell.hibernateAfterMinutes': 1 }, async (launched) => {
      await showApp(launched, 'Mail');
      await showApp(launched, 'Meet');
      await expect.poll(() => views(launched), { timeout: 120_000, intervals: [5_000] }).not.toContain(urls.wiki);
      expect(await views(launched)).toContain(urls.mail); // "(3) Mail": its badge keeps it
    });
  });

  test('screen sharing: the picker offers the screen and the chosen one is shared', async () => {
    await withWerkplek({}, async (launched) => {
      const { app } = launched;
      await showApp(launched, 'Meet');
      await inVisibleView(app, `window.shared = navigator.mediaDevices.getDisplayMedia({ video: true }).then((stream) => stream.getVideoTracks()[0].label, (error) => error.name); true`);
      const pickerCount = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((candidate) => candidate.isModal()).length);
      await expect.poll(pickerCount, { timeout: 20_000 }).toBe(1);
      // The picker runs no script: choose the first source with the keyboard, as a person would.
      await app.evaluate(({ BrowserWindow }) => {
        const picker = BrowserWindow.getAllWindows().find((candidate) => candidate.isModal())!;
        picker.webContents.focus();
        for (const keyCode of ['Tab', 'Enter']) {
          picker.webContents.sendInputEvent({ type: 'keyDown', keyCode });
          picker.webContents.sendInputEvent({ type: 'keyUp', keyCode });
        }
      });
      await expect.poll(pickerCount).toBe(0);
      const label = await inVisibleView<string>(app, 'window.shared');
      expect(label).not.toBe('NotAllowedError');
      expect(label.length).toBeGreaterThan(0);
    });
  });

  // A notification click opening the chat room needs a Matrix homeserver with a sender; the unit
  // wiring (test/unit/matrix, bind-matrix-notifications) covers it until such a fixture exists here.
  test.fixme('a chat notification click opens the room in the chat tab', () => {});
});
