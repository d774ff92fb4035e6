// The catalog source setting: where the organisation's portal publishes its app list (the
// openDesk/Nubus central navigation), how Werkplek signs in there, and which of its entries the
// policy hides or pins. One key, so a policy locks the whole source at once.
import { z } from 'zod';
import { isAllowedAppUrl } from './app-url.ts';
import { appDefinitionSchema } from './catalog-schema.ts';

export const catalogSourceSchema = z
  .object({
    /** The navigation.json URL: the Intercom service's `/navigation.json` or the portal's `/univention/portal/navigation.json`. */
    url: z.string().refine((url) => isAllowedAppUrl(url).ok, { message: 'must be an https URL (http only to this computer itself), without user name or password' }),
    /**
     * `session`: the person's sign-in cookies of the apps' shared session (Intercom service).
     * `secret`: HTTP Basic with the person's user name and a shared secret from the keyring (the portal itself).
     */
    auth: z.enum(['session', 'secret']).default('session'),
    /** For `secret`: the user name sent with it; empty is the desktop login name. */
    user: z.string().max(200).default(''),
    /** Entry ids left out of the sidebar. */
    hide: z.array(z.string()).default([]),
    /** Entry ids always shown, first in the sidebar, in this order; the person cannot turn them off. */
    pin: z.array(z.string()).default([]),
    /** What an entry is, by id (the navigation does not say): `files` and `chat` tie it to file sync and chat notifications. */
    kinds: z.record(z.string(), appDefinitionSchema.shape.kind.unwrap().exclude(['remote-app'])).default({}),
    /** How often the list is refreshed in the background, in minutes. */
    refreshMinutes: z.number().int().min(1).max(1440).default(15),
  })
  .strict();
export type CatalogSourceSetting = z.infer<typeof catalogSourceSchema>;

/** The keyring entry holding the shared secret for `auth: "secret"`. */
export const catalogSecretName = 'catalog-source-secret';

export const catalogSourceSettings = {
  /** null: no catalog source (the apps come from the policy and the person only). */
  'catalog.source': catalogSourceSchema.nullable().default(null),
};
