// Settings, policy and the app catalog: the commands every part of the UI needs.
import { z } from 'zod';
import { command, noInput, ok } from './define.ts';
import { appDefinitionSchema, catalogEntrySchema } from '../config/catalog-schema.ts';
import { settingKeySchema } from '../config/settings-schema.ts';
import { themeSchema } from '../config/theme-schema.ts';

export const policyProblemSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  /** In English; `nl` the same in Dutch (the renderer picks the one its UI speaks). */
  message: z.string(),
  nl: z.string(),
});

export const settingsViewSchema = z.object({
  values: z.record(z.string(), z.unknown()),
  locked: z.array(z.string()),
  policyFile: z.string(),
  policyProblems: z.array(policyProblemSchema),
});

export const appInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'preview']),
  locale: z.string(),
  demo: z.boolean(),
  organisation: z.string().nullable(),
  /** The organisation's look from the policy; null: the neutral default. */
  theme: themeSchema.nullable(),
});

export const appCommands = {
  'app.info': command(noInput, appInfoSchema),
  'settings.get': command(noInput, settingsViewSchema),
  'settings.set': command(z.object({ key: settingKeySchema, value: z.unknown() }).strict(), settingsViewSchema),
  'settings.reset': command(z.object({ key: settingKeySchema }).strict(), settingsViewSchema),
  'catalog.list': command(noInput, z.array(catalogEntrySchema)),
  'catalog.add': command(z.object({ app: appDefinitionSchema }).strict(), z.array(catalogEntrySchema)),
  'catalog.remove': command(z.object({ id: z.string() }).strict(), z.array(catalogEntrySchema)),
  'catalog.move': command(z.object({ id: z.string(), toIndex: z.number().int().min(0) }).strict(), z.array(catalogEntrySchema)),
  'catalog.setEnabled': command(z.object({ id: z.string(), enabled: z.boolean() }).strict(), z.array(catalogEntrySchema)),
  'app.openExternal': command(z.object({ url: z.string() }).strict(), ok),
  /** First run: the configuration the organisation publishes at its portal's /.well-known/werkplek.json. */
  'organisation.discover': command(z.object({ address: z.string().max(2048) }).strict(), z.object({
    ok: z.boolean(), url: z.string().optional(), problem: z.enum(['address', 'unreachable', 'not-published', 'invalid']).optional(), detail: z.string().optional(),
    organisation: z.string().optional(), portal: z.string().optional(), filesServer: z.string().optional(), chatHomeserver: z.string().optional(),
  })),
  /** Fetches it again and takes it as the person's own settings (locked ones stay); says which keys it set. */
  'organisation.apply': command(z.object({ address: z.string().max(2048) }).strict(), z.object({ applied: z.array(z.string()), locked: z.array(z.string()) })),
  /** Site icons (data: URLs) of the apps without an icon of their own, by app id; asking also fetches missing ones. */
  'catalog.favicons': command(noInput, z.record(z.string(), z.string())),
} as const;

export const appEvents = {
  'settings.changed': settingsViewSchema,
  'catalog.changed': z.array(catalogEntrySchema),
  /** New site icons arrived (same shape as catalog.favicons). */
  'catalog.favicons': z.record(z.string(), z.string()),
} as const;
