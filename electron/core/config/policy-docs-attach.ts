// Puts the descriptions of policy-field-docs.ts and policy-key-docs.ts into the policy's JSON Schema,
// in one language, so that editors reading the schema explain each field while IT staff type.
import { policyFieldDocs, type Bilingual } from './policy-field-docs.ts';
import { policyKeyDocs } from './policy-key-docs.ts';

export type DocLanguage = keyof Bilingual;

interface SchemaNode {
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
}

const docs: Record<string, Bilingual> = {
  ...policyFieldDocs,
  ...Object.fromEntries(Object.entries(policyKeyDocs).map(([key, doc]) => [key, doc.description])),
};

/** An app entry has the same fields wherever it stands: in apps, and in apps.custom under defaults or locked. */
const itemPath = (path: string): string => (path === 'apps' || path === 'apps.custom' ? 'app' : `${path}[]`);

/**
 * Calls `visit` for every property of the schema with its path: 'organisation', 'theme/base',
 * 'app/rdp/gateway/host', a settings key under defaults and locked by the key alone
 * ('sync.enabled'), and its fields after it ('catalog.source/url', 'sync.accounts[]/id').
 */
export function forEachPolicyProperty(schema: unknown, visit: (node: SchemaNode, path: string) => void): void {
  inside(schema as SchemaNode, '', visit);
}

function inside(node: SchemaNode, path: string, visit: (node: SchemaNode, path: string) => void): void {
  // Optional and nullable values are anyOf [the value, null]: their fields are in the alternatives.
  for (const alternative of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) inside(alternative, path, visit);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const childPath = path === '' || path === 'defaults' || path === 'locked' ? name : `${path}/${name}`;
    visit(child, childPath);
    inside(child, childPath, visit);
  }
  if (node.items) inside(node.items, itemPath(path), visit);
}

/** The path's description in `language`, if it has one. */
export function policyDoc(path: string, language: DocLanguage): string | undefined {
  return docs[path]?.[language];
}

/** Adds a `description` in `language` to every property of `schema` that has one. */
export function attachPolicyDocs<T>(schema: T, language: DocLanguage): T {
  forEachPolicyProperty(schema, (node, path) => {
    const description = policyDoc(path, language);
    if (description) node.description = description;
  });
  return schema;
}
