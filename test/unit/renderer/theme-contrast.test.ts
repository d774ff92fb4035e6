// The organisation's colours carry white text: a colour below WCAG AA contrast (4.5:1) is not used.
import { describe, expect, it } from 'vitest';
import { contrastWithWhite, luminance } from '../../../renderer/src/theme/apply-theme.ts';

describe('theme contrast', () => {
  it('computes WCAG relative luminance', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#fff')).toBeCloseTo(1, 5);
    expect(luminance('#808080')).toBeCloseTo(0.2159, 3);
  });

  it('knows which colours white text can be read on', () => {
    expect(contrastWithWhite('#000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#154273')).toBeGreaterThan(4.5); // Rijkshuisstijl lint blue
    expect(contrastWithWhite('#01689b')).toBeGreaterThan(4.5); // Rijkshuisstijl hemelblauw
    expect(contrastWithWhite('#ffff00')).toBeLessThan(4.5);
    expect(contrastWithWhite('#777777')).toBeLessThan(4.5); // 4.48: just too light
  });
});
