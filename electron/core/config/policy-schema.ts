// The system-wide policy file (/etc/werkplek/policy.json) that IT staff write. Its JSON Schema is
// generated from this file (`werkplek policy schema`), so the two cannot drift.
import { z } from 'zod';
import { appDefinitionSchema } from './catalog-schema.ts';
import { partialSettingsSchema } from './settings-schema.ts';
import { themeSchema } from './theme-schema.ts';
import { attachPolicyDocs, type DocLanguage } from './policy-docs-attach.ts';

export const policySchema = z
  .object({
    $schema: z.string().optional(),
    /** Shown in the window title and the first-run screen. */
    organisation: z.string().max(100).optional(),
    /** The organisation's look: base theme, logo and colours (see theme-schema.ts). */
    theme: themeSchema.optional(),
    /** The organisation's web apps, in sidebar order. Replaces the demo apps. */
    apps: z.array(appDefinitionSchema).optional(),
    /** Preset values: users may change them. */
    defaults: partialSettingsSchema.optional(),
    /** Enforced values: users cannot change them and the UI shows them locked. */
    locked: partialSettingsSchema.optional(),
  })
  .strict();
export type Policy = z.infer<typeof policySchema>;

export const defaultPolicyPath = '/etc/werkplek/policy.json';

/** The JSON Schema of a policy file, each field described in `language` (editors show it while typing). */
export function policyJsonSchema(language: DocLanguage = 'en'): unknown {
  return attachPolicyDocs(z.toJSONSchema(policySchema, { target: 'draft-2020-12', io: 'input' }), language);
}
