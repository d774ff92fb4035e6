// General and catalog settings. Keys are flat and dotted, so a policy can preset or lock any one of them.
import { z } from 'zod';
import { appDefinitionSchema } from './catalog-schema.ts';

export const generalSettings = {
  'general.locale': z.enum(['auto', 'nl', 'en']).default('auto'),
  /** The first-run guide was finished or skipped (a policy may preset it to true: set up by IT). */
  'general.firstRunDone': z.boolean().default(false),
  'apps.custom': z.array(appDefinitionSchema).default([]),
  'apps.order': z.array(z.string()).default([]),
  'apps.disabled': z.array(z.string()).default([]),
};
