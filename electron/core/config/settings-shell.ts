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
  /** "system", "direct", "pac:https://…/proxy.pac" or "proxy:3128;bypass=.intern,localhost" (see core/shell/proxy.ts). */
  'shell.proxy': z.string().default('system'),
  /** The shared identity provider's origins: sign-in pages stay inside the tab and its pop-ups open as child windows. */
  'shell.ssoOrigins': z.array(z.string().url()).default([]),
  /** Connecting Files and chat signs in through the system browser instead of Werkplek's sign-in window on the apps' session. */
  'shell.signInInBrowser': z.boolean().default(false),
  /** Zoom level per app id (0 = 100 %), remembered when the user zooms. */
  'shell.zoomLevels': z.record(z.string(), z.number().min(-3).max(5)).default({}),
  'updates.enabled': z.boolean().default(true),
  'updates.url': z.string().default(''),
};
