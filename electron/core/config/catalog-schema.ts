// The shape of one hosted web app, as IT staff write it in the policy file or a user adds it.
import { z } from 'zod';
import { rdpSettingsSchema } from '../remote-apps/rdp-schema.ts';

export const permissionSchema = z.enum([
  'notifications',
  'media',
  'clipboard-sanitized-write',
  'clipboard-read',
  'fullscreen',
  'display-capture',
  'geolocation',
]);
export type AppPermission = z.infer<typeof permissionSchema>;

export const badgeRuleSchema = z.enum(['title-count', 'none']);

export const appDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use 1–40 lowercase letters, digits or dashes'),
    name: z.string().min(1).max(60),
    url: z.string().url(),
    icon: z.string().optional(),
    /** Extra origins that belong to this app (its identity provider is shared, not listed here). */
    origins: z.array(z.string().url()).default([]),
    /** Session partition; apps share `persist:werkplek` so the single sign-on cookie carries across. */
    partition: z.string().default('persist:werkplek'),
    permissions: z.array(permissionSchema).default(['notifications', 'clipboard-sanitized-write']),
    badge: badgeRuleSchema.default('title-count'),
    /** For chat apps: how to open one room; `{roomId}` is replaced. */
    roomUrl: z.string().optional(),
    /**
     * 'remote-app': a Windows application or desktop over RDP, started with FreeRDP in its own window
     * (`url` is rdp://host[:port], the `rdp` section the rest); 'web-gateway': a remote desktop
     * gateway in the browser (Guacamole-style), an ordinary web app. See docs/remote-apps.md.
     */
    kind: z.enum(['portal', 'files', 'chat', 'mail', 'projects', 'video', 'docs', 'remote-app', 'web-gateway', 'other']).default('other'),
    rdp: rdpSettingsSchema.optional(),
    /** `false`: never hibernate this app's tab when idle (a softphone, a dashboard that must stay live). */
    hibernate: z.boolean().optional(),
    /** `true`: sign in to this app's hosts with the desktop login (Kerberos/Negotiate or NTLM; Chromium's auth server allow-list). */
    integratedAuth: z.boolean().optional(),
    /** Which client certificate (smart card) this app's origins get without asking: issuer and/or subject, by common name or organisation. */
    clientCertificate: z.object({ issuer: z.string().min(1).optional(), subject: z.string().min(1).optional() }).strict().optional(),
  })
  .strict();
export type AppDefinition = z.infer<typeof appDefinitionSchema>;

export const catalogEntrySchema = z.object({
  app: appDefinitionSchema,
  /** 'portal': an entry of the portal's navigation (the catalog source, catalog-source.ts). */
  source: z.enum(['policy', 'user', 'demo', 'portal']),
  /** The portal category it belongs to: shown as a group in the sidebar. */
  group: z.string().optional(),
  enabled: z.boolean(),
  /** Only apps the user added can be removed (and only while `apps.custom` is not locked). */
  removable: z.boolean(),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
