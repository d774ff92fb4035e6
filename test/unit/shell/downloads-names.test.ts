// Download names: sanitised into the downloads folder, nothing overwritten, no way out of it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isInside, resolveDownloadsDir, sanitizeDownloadName, uniqueDownloadPath } from '../../../electron/core/shell/download-names.ts';

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

describe('uniqueDownloadPath', () => {
  it('numbers names that already exist', () => {
    const taken = new Set(['/d/report.pdf', '/d/report (1).pdf']);
    expect(uniqueDownloadPath('/d', 'report.pdf', (path) => taken.has(path))).toBe('/d/report (2).pdf');
    expect(uniqueDownloadPath('/d', 'notes', (path) => path === '/d/notes')).toBe('/d/notes (1)');
    expect(uniqueDownloadPath('/d', 'new.txt', () => false)).toBe('/d/new.txt');
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
