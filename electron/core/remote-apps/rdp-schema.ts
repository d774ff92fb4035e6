// The `rdp` section of a catalog entry of kind "remote-app": what FreeRDP is started with besides
// the host (the entry's `url`, rdp://host[:port]). Only typed, named settings: there is no free
// list of FreeRDP arguments, so a policy or a portal catalog cannot add options of its own. What
// each value may contain is checked by rdp-rules.ts (with the reason in Dutch and English).
import { z } from 'zod';

export const rdpGatewaySchema = z
  .object({
    /** The RD Gateway's host name; FreeRDP uses the same sign-in for it as for the host. */
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65_535).optional(),
    transport: z.enum(['auto', 'http', 'rpc']).optional(),
  })
  .strict();

export const rdpSettingsSchema = z
  .object({
    /** A RemoteApp: `||Alias` (published name) or a program path on the server. Absent: the full desktop. */
    program: z.string().min(1).max(260).optional(),
    /** The Windows (NetBIOS or DNS) domain the person signs in to. */
    domain: z.string().min(1).max(255).optional(),
    /** A fixed user name; absent: the person types theirs once (the desktop login name is suggested). */
    username: z.string().min(1).max(256).optional(),
    gateway: rdpGatewaySchema.optional(),
    /** 'sso': no password is asked (Kerberos ticket of the desktop login; needs FreeRDP 3 with Kerberos). */
    signIn: z.enum(['password', 'sso']).default('password'),
    /** The server certificate's SHA-256 fingerprint (hex) when it is not signed by a CA this computer trusts. */
    certificateFingerprint: z.string().min(1).max(200).optional(),
    security: z.enum(['nla', 'tls', 'rdp']).optional(),
    fullscreen: z.boolean().optional(),
    multimon: z.boolean().optional(),
    clipboard: z.boolean().default(true),
    audio: z.boolean().default(true),
    /** Make the person's home folder available in the session. */
    homeDrive: z.boolean().default(false),
  })
  .strict();
export type RdpSettings = z.infer<typeof rdpSettingsSchema>;
export type RdpGateway = z.infer<typeof rdpGatewaySchema>;
