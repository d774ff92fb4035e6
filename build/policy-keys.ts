// The key table in docs/policy.md, generated from the settings schema's defaults and the English
// descriptions in electron/core/config/policy-key-docs.ts (node scripts/package-docs.ts).
import type { SettingKey } from '../electron/core/config/settings-schema.ts';
import { policyKeyDocs, type KeyDoc } from '../electron/core/config/policy-key-docs.ts';

export { policyKeyDocs };

const cell = (value: unknown) => `\`${JSON.stringify(value)}\``.replace(/\|/g, '\\|');

/** The Markdown table of every settings key: default, example, meaning. */
export function policyKeyTable(defaults: Record<string, unknown>): string {
  const rows = Object.entries(defaults).map(([key, value]) => {
    const doc = policyKeyDocs[key as SettingKey] as KeyDoc | undefined;
    if (!doc) throw new Error(`settings key "${key}" has no entry in electron/core/config/policy-key-docs.ts: describe it there, then run node scripts/package-docs.ts`);
    return `| \`${key}\` | ${cell(value)} | ${cell(doc.example)} | ${doc.description.en.replace(/\|/g, '\\|')} |`;
  });
  return ['| Key | Default | Example | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}
