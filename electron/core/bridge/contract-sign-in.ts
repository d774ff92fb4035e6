// One sign-in: the offers to connect Files or chat notifications once a catalog app of that kind
// is signed in (core/shell/sign-in-offers.ts), and the person's answer (one click either way).
import { z } from 'zod';
import { command, noInput } from './define.ts';

export const signInOfferSchema = z.object({
  kind: z.enum(['files', 'chat']),
  appId: z.string(),
  appName: z.string(),
  /** The Nextcloud base address or homeserver that accepting connects to. */
  server: z.string(),
});
export type SignInOfferView = z.infer<typeof signInOfferSchema>;

export const signInCommands = {
  'signIn.offers': command(noInput, z.array(signInOfferSchema)),
  /** accept: connect now (the same in-app sign-in as the panels); otherwise never asked again. */
  'signIn.answerOffer': command(z.object({ kind: z.enum(['files', 'chat']), accept: z.boolean() }).strict(), z.array(signInOfferSchema)),
} as const;

export const signInEvents = {
  'signIn.offers': z.array(signInOfferSchema),
} as const;
