// Content-Disposition as RFC 6266 reads it: exact parameter names in any case, filename* over
// filename, quoted-strings unescaped, an undecodable filename* falling back to filename.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fileNameFromDisposition } from '../../../electron/core/shell/content-disposition.ts';

describe('fileNameFromDisposition (RFC 6266)', () => {
  it.each([
    // A parameter is matched by its whole name, not by how it ends.
    ['attachment; xfilename="evil.exe"; filename="report.pdf"', 'report.pdf'],
    ["attachment; xfilename*=UTF-8''evil.exe; filename=report.pdf", 'report.pdf'],
    ['attachment; my_filename=evil.exe', null],
    ['attachment; foo="filename=evil.exe"; filename=ok.txt', 'ok.txt'],
    ['attachment; foo="a;filename=evil.exe"', null],
    // Names and charsets are case-insensitive.
    ["attachment; FILENAME*=UTF-8''%E2%82%AC%20rates.txt", '€ rates.txt'],
    ["attachment; Filename*=utf-8''Caf%C3%A9.txt; filename=Cafe.txt", 'Café.txt'],
    ['ATTACHMENT; Filename="Notulen.odt"', 'Notulen.odt'],
    ['attachment;FILENAME=plain.txt', 'plain.txt'],
    // RFC 8187 charsets are UTF-8 and ISO-8859-1; anything else, or a bad escape, falls back to filename.
    ["attachment; filename*=UTF-8''%C3%28.txt; Filename=fallback.txt", 'fallback.txt'],
    ["attachment; filename*=KOI8-R''%C6%C1%CA%CC.txt; FILENAME=fallback.txt", 'fallback.txt'],
    ["attachment; filename*=ISO-8859-1'nl'Caf%E9.txt", 'Café.txt'],
    ["attachment; filename*=iso-8859-1''100%.txt; Filename=fallback.txt", 'fallback.txt'],
    // An empty name is no name: the URL's last segment is used instead.
    ['attachment; filename=""', null],
  ])('%j → %j', (header, name) => {
    expect(fileNameFromDisposition(header)).toBe(name);
  });

  // What the old parser already did and the rewrite keeps (these pass on both).
  it.each([
    ['attachment; filename="semi;colon.txt"; size=3', 'semi;colon.txt'],
    ['attachment; filename = "spaced.txt" ', 'spaced.txt'],
    ['attachment; filename*=no-quotes.txt; filename=fallback.txt', 'fallback.txt'],
    ["attachment; filename=\"fallback.txt\"; filename*=UTF-8''%E2%82%AC.txt", '€.txt'],
  ])('kept: %j → %j', (header, name) => {
    expect(fileNameFromDisposition(header)).toBe(name);
  });

  it('property: a quoted filename with any escaped characters comes back as written', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), (name) => {
        const quoted = `"${name.replace(/["\\]/g, (char) => `\\${char}`)}"`;
        expect(fileNameFromDisposition(`attachment; xfilename="x"; filename=${quoted}; size=1`)).toBe(name);
      }),
    );
  });
});
