// Settings of the window, tabs, tray and desktop integration (electron/core/shell).
import { z } from 'zod';

export const shellSettings = {
  'shell.closeToTray': z.boolean().default(true),
  'shell.startAtLogin': z.boolean().default(false),
  'shell.hibernateAfterMinutes': z.number().int().min(0).max(1440).default(30),
  'shell.downloadsDir': z.string().default(''),
  'shell.allowDevTools': z.boolean().default(false),
  'shell.spellcheckLanguages': z.array(z.string()).default(['nl', 'en-GB']),
  'shell.spellcheckDictionaryUrl': z.string().default(''),
  'shell.proxy': z.string().default('system'),
  'updates.enabled': z.boolean().default(true),
  'updates.url': z.string().default(''),
};
