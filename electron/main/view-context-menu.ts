// The right-click menu of app views (Electron shows none by default): spelling suggestions,
// add to dictionary, edit actions, copy or open a link outside. The items come from core.
import { clipboard, Menu, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { contextMenuItems } from '../core/shell/context-menu.ts';
import type { MainTexts } from '../core/shell/main-texts.ts';

export function attachContextMenu(contents: WebContents, texts: () => MainTexts, openExternal: (url: string) => void): void {
  contents.on('context-menu', (_event, params) => {
    const t = texts();
    const template: MenuItemConstructorOptions[] = contextMenuItems(params).map((item): MenuItemConstructorOptions => {
      switch (item.kind) {
        case 'suggestion':
          return { label: item.word, click: () => contents.replaceMisspelling(item.word) };
        case 'add-to-dictionary':
          return { label: t.addToDictionary, click: () => contents.session.addWordToSpellCheckerDictionary(item.word) };
        case 'edit':
          return { role: item.role, label: t[item.role] };
        case 'copy-link':
          return { label: t.copyLink, click: () => clipboard.writeText(item.url) };
        case 'open-link-outside':
          return { label: t.openLinkOutside, click: () => openExternal(item.url) };
        case 'separator':
          return { type: 'separator' };
      }
    });
    if (template.length > 0) Menu.buildFromTemplate(template).popup();
  });
}
