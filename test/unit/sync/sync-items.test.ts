// Opening a file of the sync folder from the Files panel: only a plain relative path whose real
// path is inside the real sync folder reaches the desktop; '..', absolute paths and links out are
// refused; a file that would start a program is only shown in its folder. The desktop itself
// (Electron's shell) is the host: here a recorder of what it was asked, on a real folder tree.
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewShellHost, type ShellHost } from '../../../electron/core/shell/shell-host.ts';
import { chooseLocalFolder, openSyncItem } from '../../../electron/core/sync/sync-items.ts';

let base: string;
let root: string;
let asked: string[];
let host: ShellHost;

beforeEach(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'werkplek-items-')));
  root = join(base, 'Werkplek');
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs', 'plan.odt'), 'plan');
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'elsewhere', 'secret.txt'), 'secret');
  asked = [];
  host = { ...previewShellHost(), openPath: async (p) => void asked.push(`open ${p}`), showInFolder: (p) => void asked.push(`show ${p}`) };
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('openSyncItem', () => {
  it('opens a file inside the sync folder, or shows it in its folder', async () => {
    expect(await openSyncItem(host, root, 'docs/plan.odt', 'open')).toEqual({ refused: null, detail: null });
    expect(await openSyncItem(host, root, 'docs/plan.odt', 'show')).toEqual({ refused: null, detail: null });
    expect(asked).toEqual([`open ${root}/docs/plan.odt`, `show ${root}/docs/plan.odt`]);
  });

  it('refuses hostile paths without asking the desktop', async () => {
    symlinkSync(join(base, 'elsewhere', 'secret.txt'), join(root, 'link.txt'));
    symlinkSync(join(base, 'elsewhere'), join(root, 'linked-folder'));
    for (const path of ['../elsewhere/secret.txt', `${base}/elsewhere/secret.txt`, '/etc/passwd', 'docs/../../elsewhere/secret.txt', './docs/plan.odt', '', 'docs//plan.odt', 'a\0b']) {
      expect((await openSyncItem(host, root, path, 'open')).refused, path).toBe('refused');
    }
    for (const path of ['link.txt', 'linked-folder/secret.txt']) {
      for (const action of ['open', 'show'] as const) {
        const result = await openSyncItem(host, root, path, action);
        expect(result.refused, `${action} ${path}`).toBe('refused');
        expect(result.detail).toMatch(/outside the sync folder/);
      }
    }
    expect(asked).toEqual([]);
  });

  it('a file that would start a program is shown in its folder, never opened', async () => {
    writeFileSync(join(root, 'run.sh'), '#!/bin/sh\necho hi\n');
    chmodSync(join(root, 'run.sh'), 0o755);
    writeFileSync(join(root, 'app.desktop'), '[Desktop Entry]\nExec=true\n');
    for (const name of ['run.sh', 'app.desktop']) expect((await openSyncItem(host, root, name, 'open')).refused).toBe('runs-program');
    expect(await openSyncItem(host, root, 'run.sh', 'show')).toEqual({ refused: null, detail: null });
    expect(asked).toEqual([`show ${root}/run.sh`]);
  });

  it('says when the file is gone or there is no sync folder', async () => {
    expect((await openSyncItem(host, root, 'docs/deleted.odt', 'open')).refused).toBe('missing');
    expect((await openSyncItem(host, null, 'docs/plan.odt', 'open')).refused).toBe('missing');
  });

  it('the preview host says it cannot, in words the renderer translates', async () => {
    expect((await openSyncItem(previewShellHost(), root, 'docs/plan.odt', 'open')).refused).toBe('unavailable');
    expect((await openSyncItem(previewShellHost(), root, 'docs/plan.odt', 'show')).refused).toBe('unavailable');
    await expect(chooseLocalFolder(previewShellHost(), root)).rejects.toThrow(/desktop app/);
  });

  it('the folder dialog starts at the current folder', async () => {
    const starts: string[] = [];
    expect(await chooseLocalFolder({ ...host, chooseFolder: async (current) => (starts.push(current), '/home/me/Werk') }, root)).toBe('/home/me/Werk');
    expect(starts).toEqual([root]);
  });
});
