// The one keyboard map: no key means two things, every binding has words in both languages, and
// README.md lists exactly this map.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceleratorOf, bindingFor, keyboardMap, keyboardMapMarkdown } from '../../../electron/core/shell/shortcuts.ts';
import { inputOf } from './electron-double.ts';

describe('the keyboard map', () => {
  it('every key of every binding means that binding, and no key means two things', () => {
    const seen = new Map<string, string>();
    for (const binding of keyboardMap) {
      binding.keys.forEach((_, index) => {
        const accelerator = acceleratorOf({ ...binding, keys: binding.keys.slice(index) });
        expect(bindingFor(inputOf(accelerator)), accelerator).toBe(binding);
        expect(seen.has(accelerator), `${accelerator} twice`).toBe(false);
        seen.set(accelerator, binding.en);
      });
      expect(binding.en.length).toBeGreaterThan(2);
      expect(binding.nl.length).toBeGreaterThan(2);
    }
    expect([...seen.keys()]).toEqual(expect.arrayContaining(['Ctrl+,', 'Ctrl+W', 'Ctrl+Q', 'Ctrl+F', 'F11', 'Alt+Left']));
  });

  it('README.md lists exactly this map', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(keyboardMapMarkdown());
  });
});
