// What the right-click menu of an app view offers: spelling suggestions for a misspelled word,
// adding it to the dictionary, the edit actions the page allows, and copying or opening a link
// (opened outside only through safeExternalUrl). Main turns these into an Electron Menu.
import { safeExternalUrl } from './external-url.ts';

export interface ContextFacts {
  misspelledWord: string;
  dictionarySuggestions: readonly string[];
  isEditable: boolean;
  selectionText: string;
  linkURL: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export type ContextItem =
  | { kind: 'suggestion'; word: string }
  | { kind: 'add-to-dictionary'; word: string }
  | { kind: 'edit'; role: 'cut' | 'copy' | 'paste' | 'selectAll' }
  | { kind: 'copy-link'; url: string }
  | { kind: 'open-link-outside'; url: string }
  | { kind: 'separator' };

const maxSuggestions = 5;

export function contextMenuItems(facts: ContextFacts): ContextItem[] {
  const groups: ContextItem[][] = [];
  if (facts.misspelledWord) {
    groups.push([
      ...facts.dictionarySuggestions.slice(0, maxSuggestions).map((word): ContextItem => ({ kind: 'suggestion', word })),
      { kind: 'add-to-dictionary', word: facts.misspelledWord },
    ]);
  }
  const edit: ContextItem[] = [];
  if (facts.isEditable && facts.editFlags.canCut) edit.push({ kind: 'edit', role: 'cut' });
  if (facts.selectionText.trim() !== '' && facts.editFlags.canCopy) edit.push({ kind: 'edit', role: 'copy' });
  if (facts.isEditable && facts.editFlags.canPaste) edit.push({ kind: 'edit', role: 'paste' });
  if (facts.isEditable && facts.editFlags.canSelectAll) edit.push({ kind: 'edit', role: 'selectAll' });
  if (edit.length) groups.push(edit);
  const link = facts.linkURL ? safeExternalUrl(facts.linkURL) : null;
  if (link) groups.push([{ kind: 'copy-link', url: link }, { kind: 'open-link-outside', url: link }]);
  return groups.flatMap((group, index) => (index === 0 ? group : [{ kind: 'separator' } as const, ...group]));
}
