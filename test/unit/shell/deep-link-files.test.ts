// werkplek://file links: the real path must be inside the real sync folder (a symlink in it proves
// nothing), only files and folders are opened, and a file that would start something is opened
// only after a question that names its type, in Dutch or English.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLinkedFile, linkedFileQuestion, type LinkedFile } from '../../../electron/core/shell/linked-files.ts';
import { mainTexts } from '../../../electron/core/shell/main-texts.ts';
import type { LaunchKind } from '../../../electron/core/shell/launchers.ts';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'werkplek-links-')));
const sync = join(base, 'sync');
// The configured sync folder is itself a symlink to the real one: that is allowed.
const syncLink = join(base, 'sync-link');

beforeAll(() => {
  mkdirSync(join(sync, 'Team'), { recursive: true });
  mkdirSync(join(base, 'sync-evil'));
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside/secret.txt'), 'secret');
  writeFileSync(join(base, 'sync-evil/x.txt'), 'x');
  symlinkSync(sync, syncLink);
  const files: Record<string, string | Buffer> = {
    'notes.txt': 'notes',
    'report.pdf': '%PDF-1.7',
    'Team/plan.odt': 'PK',
    'run.sh': 'echo hi',
    'tool': 'no shebang, but executable',
    'noext': '#!/bin/sh\nrm -rf ~\n',
    'launcher.desktop': '[Desktop Entry]\nExec=sh -c evil\n',
    'Launcher.DESKTOP': 'x',
    'readme': '# a comment\n[Desktop Entry]\nType=Application\nExec=evil\n',
    'elf': Buffer.from('\x7fELF\x02\x01\x01', 'latin1'),
    'app.AppImage': 'x',
    'setup.exe': 'MZ',
    'game.com': 'x',
    'tool.jar': 'PK',
    'pkg.deb': '!<arch>',
    'installer.run': 'x',
    'data.bin': 'x',
    'payload.desktop': '[Desktop Entry]\n',
    'windows-bytes': 'MZ\x90\x00',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(sync, name), content, { mode: 0o644 });
  chmodSync(join(sync, 'tool'), 0o755);
  symlinkSync('/etc', join(sync, 'to-etc'));
  symlinkSync('/etc/passwd', join(sync, 'passwd-link'));
  symlinkSync('../outside/secret.txt', join(sync, 'outside-link'));
  symlinkSync('../outside', join(sync, 'outside-dir'));
  symlinkSync(join(base, 'sync-evil'), join(sync, 'evil-prefix'));
  symlinkSync('notes.txt', join(sync, 'inner-link.txt'));
  symlinkSync('payload.desktop', join(sync, 'innocent.txt'));
  symlinkSync('nowhere.txt', join(sync, 'dangling'));
  execFileSync('mkfifo', [join(sync, 'pipe')]);
});

const check = (path: string) => checkLinkedFile(join(syncLink, path), syncLink);

describe('checkLinkedFile: the real path stays inside the real sync folder', () => {
  it.each([
    ['to-etc/passwd', /leads outside the sync folder \(to \/etc\/passwd\)/],
    ['passwd-link', /leads outside the sync folder/],
    ['outside-link', /leads outside the sync folder/],
    ['outside-dir/secret.txt', /leads outside the sync folder/],
    ['outside-dir', /leads outside the sync folder/],
    ['evil-prefix/x.txt', /leads outside the sync folder/],
    ['ghost.txt', /is not in the sync folder \(yet\)/],
    ['dangling', /is not in the sync folder \(yet\)/],
    ['pipe', /is not a regular file/],
  ])('refuses %s', async (path, reason) => {
    const verdict = await check(path);
    expect(verdict.action).toBe('refuse');
    expect(verdict.action === 'refuse' && verdict.reason).toMatch(reason);
  });

  it.each([
    ['notes.txt', 'notes.txt'],
    ['report.pdf', 'report.pdf'],
    ['Team/plan.odt', 'Team/plan.odt'],
    ['Team', 'Team'],
    ['inner-link.txt', 'notes.txt'],
  ])('opens %s as its real path', async (path, real) => {
    expect(await check(path)).toEqual<LinkedFile>({ action: 'open', path: join(sync, real) });
  });

  it('refuses every file when the sync folder is missing', async () => {
    expect(await checkLinkedFile(join(base, 'gone/a.txt'), join(base, 'gone'))).toMatchObject({ action: 'refuse', reason: expect.stringMatching(/sync folder .* cannot be read \(ENOENT\)/) });
  });
});

describe('checkLinkedFile: files that would start something need a question', () => {
  it.each<[string, LaunchKind, string?]>([
    ['tool', 'program'],
    ['elf', 'program'],
    ['installer.run', 'program'],
    ['data.bin', 'program'],
    ['run.sh', 'script'],
    ['noext', 'script'],
    ['launcher.desktop', 'desktop-entry'],
    ['Launcher.DESKTOP', 'desktop-entry'],
    ['readme', 'desktop-entry'],
    ['innocent.txt', 'desktop-entry', 'payload.desktop'],
    ['app.AppImage', 'appimage'],
    ['setup.exe', 'windows-program'],
    ['game.com', 'windows-program'],
    ['windows-bytes', 'windows-program'],
    ['tool.jar', 'java-program'],
    ['pkg.deb', 'software-package'],
  ])('%s is %s', async (path, kind, real) => {
    expect(await check(path)).toEqual<LinkedFile>({ action: 'confirm', path: join(sync, real ?? path), kind });
  });
});

describe('linkedFileQuestion', () => {
  const verdict = { path: join(sync, 'run.sh'), kind: 'script' as const };

  it('names the file and its type in English and Dutch; Enter and Escape never open it', () => {
    const en = linkedFileQuestion(mainTexts('en', 'en-GB'), verdict);
    expect(en.options).toMatchObject({ type: 'warning', message: '“run.sh” is a script.', buttons: ['Show in folder', 'Open anyway', 'Cancel'], defaultId: 0, cancelId: 2 });
    expect(en.options.detail).toMatch(/start a program/);
    const nl = linkedFileQuestion(mainTexts('auto', 'nl-NL'), { ...verdict, kind: 'desktop-entry' });
    expect(nl.options).toMatchObject({ title: 'Een bestand uit een link openen?', message: '“run.sh” is een starter voor het bureaublad (.desktop) die elk programma kan starten.', buttons: ['Tonen in map', 'Toch openen', 'Annuleren'] });
    expect([0, 1, 2, -1, 7].map((response) => en.choice(response))).toEqual(['show', 'open', 'cancel', 'cancel', 'cancel']);
  });

  it('has a Dutch and an English name for every kind of launcher', () => {
    const en = mainTexts('en', '').launchKinds;
    const nl = mainTexts('nl', '').launchKinds;
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const kind of Object.keys(en) as LaunchKind[]) expect(nl[kind]).not.toBe(en[kind]);
  });
});
