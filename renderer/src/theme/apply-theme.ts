// Applies the organisation's theme from the policy (app.info's `theme`) to the document: the base
// theme as a class on <html>, its colours as custom properties set through the CSSOM (allowed by
// the strict CSP, unlike style attributes). A colour that white text cannot be read on (contrast
// below 4.5:1, WCAG AA) is not used: the base theme's colour stays.
import type { Theme } from '../../../electron/core/config/theme-schema.ts';

/** Relative luminance of a #rgb or #rrggbb colour (WCAG 2.1). */
export function luminance(hex: string): number {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d) : [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)];
  const [r, g, b] = digits.map((pair) => {
    const c = parseInt(pair, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Contrast ratio of white text on this colour. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

const colourProperties = { accent: '--wp-org-accent', sidebar: '--wp-org-sidebar' } as const;

export function applyTheme(theme: Theme | null, root: HTMLElement = document.documentElement): string[] {
  const rejected: string[] = [];
  root.classList.toggle('rhc-theme', theme?.base === 'rijkshuisstijl');
  for (const [key, property] of Object.entries(colourProperties) as Array<[keyof typeof colourProperties, string]>) {
    const colour = theme?.colours?.[key];
    if (colour && contrastWithWhite(colour) >= 4.5) root.style.setProperty(property, colour);
    else {
      root.style.removeProperty(property);
      if (colour) rejected.push(key);
    }
  }
  return rejected;
}
