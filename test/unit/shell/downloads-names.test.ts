// Download names: sanitised into the downloads folder, nothing overwritten, no way out of it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isInside, partialDownloadPath, resolveDownloadsDir, sanitizeDownloadName, uniqueDownloadPath } from '../../../electron/core/shell/download-names.ts';
import { launchKindOfName } from '../../../electron/core/shell/launchers.ts';

describe('sanitizeDownloadName', () => {
  const cases: Array<[string, string]> = [
    ['report.pdf', 'report.pdf'],
    ['Jaarverslag 2025 (concept).docx', 'Jaarverslag 2025 (concept).docx'],
    ['../../.bashrc', 'bashrc'],
    ['/etc/passwd', 'passwd'],
    ['..\\..\\Windows\\evil.exe', 'evil.exe'],
    ['.hidden', 'hidden'],
    ['...', 'download'],
    ['', 'download'],
    ['   ', 'download'],
    ['a\u0000b.txt', 'ab.txt'],
    ['line\nbreak.txt', 'linebreak.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['zero\u200Bwidth.txt', 'zerowidth.txt'],
    ['what?.txt', 'what_.txt'],
    ['a<b>c:d"e|f*.txt', 'a_b_c_d_e_f_.txt'],
    ['trailing dots...', 'trailing dots'],
    ['trailing space.txt  ', 'trailing space.txt'],
    ['Café.txt', 'Café.txt'],
    ['📄 notulen.odt', '📄 notulen.odt'],
    // A desktop launcher is saved as text, whatever its case or what hid its ending.
    ['invoice.desktop', 'invoice.desktop.txt'],
    ['Invoice.DESKTOP', 'Invoice.DESKTOP.txt'],
    ['evil.desktop...', 'evil.desktop.txt'],
    ['evil.desktop   ', 'evil.desktop.txt'],
    ['evil.desk\u200Btop', 'evil.desktop.txt'],
    ['old-kde.kdelnk', 'old-kde.kdelnk.txt'],
    // Runs of spaces of any kind are one space: they cannot push an ending out of sight.
    ['invoice.pdf          .exe', 'invoice.pdf .exe'],
    ['invoice.pdf\u00A0\u00A0\u2003\u3000.exe', 'invoice.pdf .exe'],
    ['line\u2028separator.txt', 'line separator.txt'],
    ['  . . hidden.txt', 'hidden.txt'],
  ];
  it.each(cases)('%j → %j', (input, expected) => {
    expect(sanitizeDownloadName(input)).toBe(expected);
  });

  it('keeps the extension when cutting to 255 bytes, without splitting a character', () => {
    const name = sanitizeDownloadName(`${'é'.repeat(300)}.pdf`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name).not.toContain('\uFFFD');
  });

  it('property: always one non-empty, dot-free-start, ≤255-byte name without separators or controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (input) => {
        const name = sanitizeDownloadName(input);
        expect(name.length).toBeGreaterThan(0);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
        expect(name).not.toMatch(/[/\\\u0000-\u001f\u202e]/);
        expect(name.startsWith('.')).toBe(false);
        expect(isInside('/home/u/Downloads', `/home/u/Downloads/${name}`)).toBe(true);
      }),
    );
  });
});

describe('sanitizeDownloadName against hostile names', () => {
  // Format characters the old list missed (soft hyphen, Arabic letter mark, Mongolian vowel
  // separator, word joiner, invisible plus, inhibit symmetric swapping, interlinear annotation
  // anchor, a tag, a musical beam) and blank fillers (Hangul filler, combining grapheme joiner).
  const invisible = [...'\u00AD\u061C\u180E\u2060\u2064\u206A\uFFF9\u{E0041}\u{1D173}\u3164\u034F'];
  it.each(invisible.map((char) => [char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'), char]))('drops U+%s', (_code, char) => {
    expect(sanitizeDownloadName(`inv${char}oice${char}.pdf`)).toBe('invoice.pdf');
  });

  it('property: no Unicode format character survives', () => {
    const format = fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)).filter((char) => /^\p{Cf}$/u.test(char));
    fc.assert(
      fc.property(fc.array(format, { minLength: 1, maxLength: 5 }), (chars) => {
        expect(sanitizeDownloadName(`a${chars.join('')}b.txt`)).toBe('ab.txt');
      }),
    );
  });

  // Shortening to 255 bytes never makes a launcher's ending, nor leaves a dot or space at the end.
  const shortened: Array<[string, string, string]> = [
    ['.desktop', `${'a'.repeat(247)}.desktop${'b'.repeat(20)}`, `${'a'.repeat(247)}_desktop`],
    ['.sh', `${'a'.repeat(252)}.sh${'x'.repeat(30)}`, `${'a'.repeat(252)}_sh`],
    ['.AppImage', `${'a'.repeat(246)}.AppImage${'y'.repeat(40)}`, `${'a'.repeat(246)}_AppImage`],
    ['.exe then a dot', `${'a'.repeat(250)}.exe.${'z'.repeat(30)}`, `${'a'.repeat(250)}_exe`],
    ['.run after two-byte characters', `${'é'.repeat(125)}x.run${'q'.repeat(30)}`, `${'é'.repeat(125)}x_run`],
    ['a trailing space', `${'a'.repeat(254)} ${'b'.repeat(50)}`, 'a'.repeat(254)],
  ];
  it.each(shortened)('cutting at %s', (_what, input, expected) => {
    const name = sanitizeDownloadName(input);
    expect(name).toBe(expected);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
  });

  it('kept: an ending the server chose stays (only shortening may not make one)', () => {
    expect(sanitizeDownloadName('setup.exe')).toBe('setup.exe');
    expect(sanitizeDownloadName(`${'s'.repeat(300)}.sh`)).toBe(`${'s'.repeat(252)}.sh`);
  });

  it('property: never a launcher ending it was not given, a desktop ending, a format or bidi character, "/", NUL, a run of spaces, or more than 255 bytes', () => {
    const pieces = fc.oneof(
      fc.constantFrom('.desktop', '.DESKTOP', '.sh', '.AppImage', '.exe', '.run', '.bin', '.jar', '.', ' ', '   ', '\u00A0', '/', '\\', '\u0000', '\u202E', '\u2066', '\u200B', '\u00AD', '\u061C', '\u180E', '\uFEFF', '\u{E0041}', 'é', '📄', 'x', 'report', '.pdf'),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom(...[40, 100, 120, 200, 240].map((length) => 'a'.repeat(length))),
    );
    const visibleEnd = (text: string) => text.replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, '').replace(/[\s\p{Z}.]+$/u, '').toLowerCase();
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => {
        const input = parts.join('');
        const name = sanitizeDownloadName(input);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
        expect(name).not.toMatch(/[/\u0000]|\p{Cf}|\p{Bidi_Control}|\s\s|^[\s.]|[\s.]$/u);
        expect(launchKindOfName(name)).not.toBe('desktop-entry');
        if (launchKindOfName(name)) expect(visibleEnd(input.split(/[/\\]/).pop()!).endsWith(name.slice(name.lastIndexOf('.')).toLowerCase())).toBe(true);
        expect(sanitizeDownloadName(name)).toBe(name);
      }),
      { numRuns: 300 },
    );
  });
});

describe('uniqueDownloadPath', () => {
  it('numbers names that already exist', () => {
    const taken = new Set(['/d/report.pdf', '/d/report (1).pdf']);
    expect(uniqueDownloadPath('/d', 'report.pdf', (path) => taken.has(path))).toBe('/d/report (2).pdf');
    expect(uniqueDownloadPath('/d', 'notes', (path) => path === '/d/notes')).toBe('/d/notes (1)');
    expect(uniqueDownloadPath('/d', 'new.txt', () => false)).toBe('/d/new.txt');
  });

  const long: Array<[string, string, string]> = [
    ['ASCII with an extension', `${'a'.repeat(251)}.pdf`, `${'a'.repeat(247)} (1).pdf`],
    ['two-byte characters', `${'é'.repeat(125)}.pdf`, `${'é'.repeat(123)} (1).pdf`],
    ['four-byte characters', `${'📄'.repeat(62)}xyz.odt`, `${'📄'.repeat(61)} (1).odt`],
    ['no extension', 'n'.repeat(255), `${'n'.repeat(251)} (1)`],
    ['an extension too long to keep', `${'a'.repeat(200)}.${'b'.repeat(54)}`, `${'a'.repeat(200)}.${'b'.repeat(50)} (1)`],
    ['a space where the stem is cut', `${'a'.repeat(246)} bcd.pdf`, `${'a'.repeat(246)} (1).pdf`],
  ];
  it.each(long)('a second 255-byte name (%s) gets a shortened numbered name', (_what, name, second) => {
    expect(Buffer.byteLength(name)).toBeGreaterThanOrEqual(254);
    expect(uniqueDownloadPath('/d', name, (path) => path === `/d/${name}`)).toBe(`/d/${second}`);
    expect(Buffer.byteLength(second)).toBeLessThanOrEqual(255);
  });

  it('numbers on past (9) and (99) with the stem shortened further each time', () => {
    const name = `${'r'.repeat(251)}.pdf`;
    const taken = new Set<string>([`/d/${name}`]);
    for (let n = 1; n < 120; n++) taken.add(uniqueDownloadPath('/d', name, (path) => taken.has(path)));
    expect(taken.size).toBe(120);
    const last = uniqueDownloadPath('/d', name, (path) => taken.has(path)).slice(3);
    expect(last).toBe(`${'r'.repeat(245)} (120).pdf`);
    for (const path of taken) expect(Buffer.byteLength(path.slice(3))).toBeLessThanOrEqual(255);
  });

  it('numbers the shortened name of a desktop launcher as text', () => {
    expect(uniqueDownloadPath('/d', 'evil.desktop', (path) => path === '/d/evil.desktop.txt')).toBe('/d/evil.desktop (1).txt');
  });

  it('property: every numbered name is new, at most 255 bytes, whole characters, with the extension kept', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 90, maxLength: 300 }).filter((stem) => !stem.includes('\uFFFD')), fc.constantFrom('.pdf', '.tar', ''), fc.integer({ min: 1, max: 30 }), (stem, extension, count) => {
        const first = sanitizeDownloadName(stem + extension);
        const taken = new Set<string>([`/d/${first}`]);
        for (let n = 0; n < count; n++) {
          const next = uniqueDownloadPath('/d', first, (path) => taken.has(path));
          expect(taken.has(next)).toBe(false);
          taken.add(next);
          const name = next.slice(3);
          expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
          expect(name).not.toContain('\uFFFD');
          if (first.endsWith(extension)) expect(name.endsWith(extension)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('partialDownloadPath', () => {
  it('is <name>.part while that fits, else a shortened name with a hash of the whole one', () => {
    expect(partialDownloadPath('/d/report.pdf')).toBe('/d/report.pdf.part');
    const first = `${'a'.repeat(247)} (1).pdf`;
    const second = `${'a'.repeat(247)} (2).pdf`;
    const partials = [first, second].map((name) => partialDownloadPath(`/d/${name}`).slice(3));
    for (const partial of partials) {
      expect(Buffer.byteLength(partial)).toBeLessThanOrEqual(255);
      expect(partial).toMatch(/^a+~[0-9a-f]{16}\.part$/);
    }
    expect(partials[0]).not.toBe(partials[1]);
  });
});

describe('resolveDownloadsDir', () => {
  const cases: Array<[string, string]> = [
    ['', '/home/u/Downloads'],
    ['  ', '/home/u/Downloads'],
    ['~', '/home/u'],
    ['~/Werk/Downloads', '/home/u/Werk/Downloads'],
    ['/srv/downloads/', '/srv/downloads'],
    ['/srv/a/../b', '/srv/b'],
  ];
  it.each(cases)('%j → %s', (setting, expected) => {
    expect(resolveDownloadsDir(setting, '/home/u/Downloads', '/home/u')).toBe(expected);
  });
  it('refuses a relative folder with a message naming the setting', () => {
    expect(() => resolveDownloadsDir('Downloads', '/x', '/home/u')).toThrow(/shell\.downloadsDir/);
    expect(() => resolveDownloadsDir('~user/x', '/x', '/home/u')).toThrow(/absolute/);
  });
});
