// The application menu speaks the person's language in every item: Electron names role items (undo,
// cut, paste…) in English only, so each needs its own label. Built through the Electron double.
import { describe, expect, it, vi } from 'vitest';
import type { DoubleMenu, DoubleMenuItem } from './electron-double.ts';

vi.mock('electron', async () => (await import('./electron-double.ts')).electronModule);

const { buildAppMenu } = await import('../../../electron/main/app-menu.ts');
const { mainTexts } = await import('../../../electron/core/shell/main-texts.ts');

type Item = DoubleMenuItem & { submenu?: Item[] };

/** Every item but separators, with its menu path, submenus included. */
function items(list: Item[], path = ''): Array<{ path: string; item: Item }> {
  return list.filter((item) => item.type !== 'separator').flatMap((item) => [{ path: `${path}/${item.label ?? item.role}`, item }, ...items(item.submenu ?? [], `${path}/${item.label ?? item.role}`)]);
}

const menu = (language: 'nl' | 'en') =>
  buildAppMenu(mainTexts(language, 'en_GB'), { run: () => {}, openPanel: () => {}, minimize: () => {}, closeWindow: () => {}, apps: ['Portaal', 'Chat'], allowDevTools: true, about: () => {} }) as unknown as DoubleMenu;

describe('application menu language', () => {
  it('every item has a label of its own, in Dutch for Dutch', () => {
    const all = items(menu('nl').items as Item[]);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter(({ item }) => !item.label).map(({ path }) => path)).toEqual([]);
    const edit = all.filter(({ path }) => path.startsWith('/Bewerken/')).map(({ item }) => item.label);
    expect(edit).toEqual(['Ongedaan maken', 'Opnieuw uitvoeren', 'Knippen', 'Kopiëren', 'Plakken', 'Alles selecteren']);
  });

  it('English stays English', () => {
    const edit = items(menu('en').items as Item[]).filter(({ path }) => path.startsWith('/Edit/')).map(({ item }) => item.label);
    expect(edit).toEqual(['Undo', 'Redo', 'Cut', 'Copy', 'Paste', 'Select all']);
  });
});
