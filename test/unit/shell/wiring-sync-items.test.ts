// The Files panel's desktop side in the real composition root (electron/main/main.ts) against the
// Electron double: "Choose a folder…" opens the desktop's folder dialog at the sync folder (the
// home folder before one exists), in the UI's language, and a cancelled dialog changes nothing;
// Open without a sync folder does not reach Electron's shell (the paths Open accepts:
// test/unit/sync/sync-items.test.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./electron-double.ts')).DoubleStore }));

const { app: fakeApp, recorded } = await import('./electron-double.ts');
const { call, startMain } = await import('./main-harness.ts');

let home = '';
beforeAll(async () => {
  ({ home } = await startMain());
});

afterAll(() => {
  if (!recorded.exited) fakeApp.quit();
});

describe('sync items on the desktop', () => {
  it('the folder dialog (in the home folder before any sync folder) answers the chosen folder, or null when cancelled', async () => {
    // Not signed in (no sync folder yet): the dialog starts in the home folder.
    recorded.openDialogAnswer = { canceled: false, filePaths: ['/home/me/Werk'] };
    expect(await call('sync.chooseLocalFolder', {})).toEqual({ path: '/home/me/Werk' });
    expect(recorded.openDialogs.at(-1)).toMatchObject({ defaultPath: home, properties: ['openDirectory', 'createDirectory'] });
    expect(recorded.openDialogs.at(-1)!.title).toMatch(/^(Choose the folder on this computer that syncs|Kies de map op deze computer die synchroniseert)$/);
    recorded.openDialogAnswer = { canceled: true, filePaths: [] };
    expect(await call('sync.chooseLocalFolder', {})).toEqual({ path: null });
  });

  it('with no sync folder yet, Open says so and Electron is not asked', async () => {
    expect(await call('sync.openItem', { path: 'Welkom.txt', action: 'open' })).toMatchObject({ refused: 'missing' });
    expect(recorded.openedPaths).toEqual([]);
  });
});
