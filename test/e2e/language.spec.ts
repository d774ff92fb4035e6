// The Dutch UI is Dutch throughout: a walk through every view and form with a Dutch system locale
// fails on English words in what a person sees or hears (text, accessible names, tooltips,
// placeholders), including what the core reports (sync state, policy problems, download states).
import type { Page } from '@playwright/test';
import { test, expect, startPreviewHost } from './fixtures.ts';
import { openView, text, views } from './walk.ts';

/** Words that are English and not also Dutch (so "in", "is", "open", "apps", "status", "server" are left out). */
const english = [
  'the', 'and', 'your', 'you', 'with', 'this', 'that', 'from', 'not', 'for', 'are', 'was', 'were', 'please', 'will',
  'settings', 'folder', 'files', 'file', 'sign', 'signed', 'close', 'cancel', 'loading', 'waiting', 'failed', 'error',
  'unread', 'conversation', 'conversations', 'notification', 'notifications', 'message', 'messages', 'syncing',
  'uploading', 'choose', 'show', 'shown', 'hide', 'enabled', 'disabled', 'retry', 'again', 'connect', 'password',
  'user', 'address', 'language', 'system', 'keep', 'running', 'window', 'when', 'start', 'add', 'remove', 'to',
  'move', 'up', 'down', 'tools', 'mute', 'quiet', 'hours', 'days', 'until', 'sound', 'content', 'sender',
  'only', 'new', 'nothing', 'yet', 'here', 'done', 'preview', 'mode', 'organisation', 'local', 'sample',
];
const pattern = new RegExp(`\\b(${english.join('|')})\\b`, 'gi');

/** Everything a person can read or hear on the page outside the apps' frames. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = [document.body.innerText, document.title];
    for (const element of document.querySelectorAll<HTMLElement>('[aria-label], [title], [placeholder], img[alt]')) {
      if (element.closest('[hidden]')) continue;
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(attribute);
        if (value) out.push(value);
      }
    }
    return out;
  });
}

/** English words found, with their context; app names, paths and addresses are data, not UI text. */
function englishIn(texts: string[], data: string[]): string[] {
  const found: string[] = [];
  for (const raw of texts) {
    let cleaned = raw.replace(/https?:\/\/\S+/g, ' ');
    for (const item of data) cleaned = cleaned.split(item).join(' ');
    for (const match of cleaned.matchAll(pattern)) found.push(`"${match[0]}" in "${cleaned.slice(Math.max(0, match.index - 30), match.index + 30).replace(/\s+/g, ' ')}"`);
  }
  return found;
}

test.describe.configure({ timeout: 180_000 });

test('the Dutch UI has no English words in any view or form', async ({ page }) => {
  // A policy with a mistake: the banner that reports it must be Dutch too.
  const host = await startPreviewHost({ locale: 'nl-NL', policy: '{\n  "locked": { "shell.startAtLogin": "yes" }\n}\n' });
  try {
    // Data, not UI text: app names, paths (the demo's sync folder is a folder name), a setting's key,
    // the values the proxy setting takes.
    const data = ['Portaal', 'Chat', 'Documenten', 'Werkplek', `${host.dataDir}/Demo files`, host.dataDir, 'shell.startAtLogin', 'policy.json', 'system, direct, pac:URL'];
    for (const view of views) {
      await page.goto(host.url);
      await openView(page, view, 'nl');
      expect(englishIn(await visibleTexts(page), data), view.id).toEqual([]);
    }
    await page.goto(host.url);
    await openView(page, views.find((v) => v.id === 'files')!, 'nl');
    await page.getByRole('button', { name: text('nl', 'sync', 'actions.connect'), exact: true }).click();
    await page.locator('.sync-signin details summary').click();
    expect(englishIn(await visibleTexts(page), data), 'files sign-in').toEqual([]);
  } finally {
    await host.stop();
  }
});

test('the word list finds English (the check can fail)', () => {
  expect(englishIn(['Sign in to your server'], [])).toHaveLength(3); // sign, to, your
  expect(englishIn(['Meld je aan bij je server', 'Portaal: 3 ongelezen'], ['Portaal'])).toEqual([]);
});
