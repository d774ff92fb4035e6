// The organisation's look, from the policy's `theme` key: a ready base theme (neutral, or the
// Rijkshuisstijl of central government), its logo and a few colours. The renderer turns these into
// design-token custom properties; only plain hex colours and small data: images pass, so nothing a
// policy says can load a remote resource or break the shell's CSP.
import { z } from 'zod';

const hexColour = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a colour as #rgb or #rrggbb');

export const themeColoursSchema = z
  .object({
    /** Buttons, links, the selected app: the organisation's main colour (needs white text on it). */
    accent: hexColour.optional(),
    /** The sidebar's background (needs white text on it). */
    sidebar: hexColour.optional(),
  })
  .strict();

export const themeSchema = z
  .object({
    /** 'neutral' (default) or 'rijkshuisstijl' (the Rijkshuisstijl community design tokens). */
    base: z.enum(['neutral', 'rijkshuisstijl']).optional(),
    /** Shown at the top of the sidebar: a PNG or SVG as a data: URL (at most 64 kB). */
    logo: z
      .string()
      .max(65_536)
      .regex(/^data:image\/(?:png|svg\+xml);base64,[A-Za-z0-9+/=]+$/, 'a data:image/png or data:image/svg+xml base64 URL')
      .optional(),
    /** Colours for the light look; the dark look keeps the base theme's dark colours. */
    colours: themeColoursSchema.optional(),
  })
  .strict();
export type Theme = z.infer<typeof themeSchema>;
