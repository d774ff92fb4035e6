// What `werkplek notify` says, in English and Dutch (the language follows the environment, as in
// cli-texts.ts). The text lines are for people and say everything in their language; --json keeps
// the codes (notified, reason, e2e, phase) for scripts. The server's and the SDK's own words in a
// message stay as they came, like the UI's technical details.
import type { DecisionRecord } from '../core/matrix/notifier.ts';
import type { MatrixStatus } from '../core/bridge/contract-matrix.ts';
import type { MatrixSignInError } from '../core/matrix/sdk/matrix-login.ts';
import { technical } from './cli-texts.ts';

type Reason = NonNullable<DecisionRecord['reason']>;
type E2eReason = NonNullable<DecisionRecord['e2eReason']>;

const en = {
  usage: `Usage: werkplek notify --homeserver URL --user NAME [--password-env VAR] [--json]
                       [--content full|sender|none] [--for SECONDS] [--key-wait SECONDS]

Signs in as a separate device ("Werkplek notify diagnostics"), syncs, and prints one line per
notification decision until Ctrl+C (or --for SECONDS). The first sync (history) is not notified;
send a test message to see a decision. The device is signed out on exit.
Encrypted messages are decrypted with this device's own keys (senders share them with it as with any
new, unverified device); each line says e2e=none|decrypted|waiting-for-key|undecryptable and, when
unreadable, why (no-key, withheld, unverified-device, untrusted-sender, error). A message waiting for
its key gets a second line when the key comes or the wait ends.

  --homeserver URL     the Matrix homeserver (https://…; http only on loopback)
  --user NAME          user name or full Matrix ID (@name:server)
  --password-env VAR   environment variable that holds the password (default WERKPLEK_MATRIX_PASSWORD)
  --json               one JSON object per line instead of text
  --content LEVEL      what a notification would show: full, sender or none (default full)
  --for SECONDS        stop after this many seconds
  --key-wait SECONDS   how long an encrypted message waits for a late room key (default 10)
`,
  deviceName: 'Werkplek notify diagnostics',
  homeserverRequired: '--homeserver is required',
  userRequired: '--user is required',
  contentLevel: '--content must be full, sender or none',
  forSeconds: '--for must be a number of seconds greater than 0',
  keyWait: '--key-wait must be a number of seconds from 0 to 600',
  passwordUnset: (name: string) => `set the password in the environment variable ${name} (or name another with --password-env)`,
  info: (message: string) => message,
  warning: (message: string) => `warning: ${message}`,
  error: (message: string) => `error: ${message}`,
  status: { 'not-configured': 'not-configured', 'signed-out': 'signed-out', 'signing-in': 'signing-in', connecting: 'connecting', syncing: 'syncing', offline: 'offline', 'needs-sign-in': 'needs-sign-in', error: 'error' } satisfies Record<MatrixStatus['state'], string>,
  notify: 'NOTIFY',
  skip: (reason: string) => `skip (${reason})`,
  reasons: { duplicate: 'duplicate', 'initial-sync': 'initial-sync', cached: 'cached', 'own-event': 'own-event', 'waiting-for-key': 'waiting-for-key', 'push-rules': 'push-rules', 'stale-call': 'stale-call', 'focused-room': 'focused-room', 'do-not-disturb': 'do-not-disturb' } satisfies Record<Reason, string>,
  e2e: { none: 'none', decrypted: 'decrypted', 'waiting-for-key': 'waiting-for-key', undecryptable: 'undecryptable' } satisfies Record<DecisionRecord['e2e'], string>,
  e2eReasons: { 'no-key': 'no-key', withheld: 'withheld', 'unverified-device': 'unverified-device', 'untrusted-sender': 'untrusted-sender', error: 'error' } satisfies Record<E2eReason, string>,
  phases: { initial: 'initial', cache: 'cache', 'catch-up': 'catch-up', live: 'live' } satisfies Record<DecisionRecord['phase'], string>,
  none: 'none',
  fields: { room: 'room', sender: 'sender', rule: 'rule', e2e: 'e2e', event: 'event', phase: 'phase', text: 'text' },
  kinds: { message: 'message', summary: 'summary' } as Record<string, string>,
  sound: ' (sound)',
  signIn: {
    'bad-homeserver': null,
    forbidden: null,
    unreachable: null,
    unsupported: null,
    'rate-limited': null,
    server: null,
  } as Record<MatrixSignInError['kind'], string | null>,
};

const nl: typeof en = {
  usage: `Gebruik: werkplek notify --homeserver URL --user NAAM [--password-env VAR] [--json]
                        [--content full|sender|none] [--for SECONDEN] [--key-wait SECONDEN]

Meldt zich aan als apart apparaat ("Werkplek-meldingendiagnose"), synchroniseert en toont per
beslissing over een melding één regel, tot Ctrl+C (of --for SECONDEN). De eerste synchronisatie
(de geschiedenis) geeft geen meldingen; stuur een testbericht om een beslissing te zien. Bij het
stoppen wordt het apparaat afgemeld.
Versleutelde berichten worden ontsleuteld met de eigen sleutels van dit apparaat (afzenders delen ze
ermee zoals met elk nieuw, niet-geverifieerd apparaat); elke regel zegt e2e=geen|ontsleuteld|
wacht-op-sleutel|onleesbaar en, als het onleesbaar is, waarom (geen-sleutel, achtergehouden,
apparaat-niet-geverifieerd, afzender-niet-vertrouwd, fout). Een bericht dat op zijn sleutel wacht,
krijgt een tweede regel als de sleutel komt of het wachten voorbij is.
Met --json blijven de waarden in de Engelse codes van het JSON-formaat.

  --homeserver URL     de Matrix-homeserver (https://…; http alleen op loopback)
  --user NAAM          gebruikersnaam of volledige Matrix-ID (@naam:server)
  --password-env VAR   omgevingsvariabele met het wachtwoord (standaard WERKPLEK_MATRIX_PASSWORD)
  --json               één JSON-object per regel in plaats van tekst
  --content NIVEAU     wat een melding zou tonen: full (alles), sender (alleen de afzender) of
                       none (niets) (standaard full)
  --for SECONDEN       stoppen na zoveel seconden
  --key-wait SECONDEN  hoe lang een versleuteld bericht wacht op een late sleutel (standaard 10)
`,
  deviceName: 'Werkplek-meldingendiagnose',
  homeserverRequired: '--homeserver is verplicht',
  userRequired: '--user is verplicht',
  contentLevel: '--content moet full, sender of none zijn',
  forSeconds: '--for moet een aantal seconden groter dan 0 zijn',
  keyWait: '--key-wait moet een aantal seconden van 0 tot en met 600 zijn',
  passwordUnset: (name) => `zet het wachtwoord in de omgevingsvariabele ${name} (of noem een andere met --password-env)`,
  // The Matrix service's log lines are English, as in the app's log: marked as such.
  info: (message) => `technisch: ${message}`,
  warning: (message) => `waarschuwing (technisch): ${message}`,
  error: (message) => `fout (technisch): ${message}`,
  status: { 'not-configured': 'niet ingesteld', 'signed-out': 'afgemeld', 'signing-in': 'bezig met aanmelden', connecting: 'bezig met verbinden', syncing: 'bezig met synchroniseren', offline: 'offline', 'needs-sign-in': 'opnieuw aanmelden nodig', error: 'gestopt door een fout' },
  notify: 'MELDEN',
  skip: (reason) => `overgeslagen (${reason})`,
  reasons: { duplicate: 'al gemeld', 'initial-sync': 'eerste synchronisatie', cached: 'al verwerkt', 'own-event': 'eigen bericht', 'waiting-for-key': 'wacht op sleutel', 'push-rules': 'meldingsregels', 'stale-call': 'oude oproep', 'focused-room': 'gesprek staat open', 'do-not-disturb': 'niet storen' },
  e2e: { none: 'geen', decrypted: 'ontsleuteld', 'waiting-for-key': 'wacht-op-sleutel', undecryptable: 'onleesbaar' },
  e2eReasons: { 'no-key': 'geen-sleutel', withheld: 'achtergehouden', 'unverified-device': 'apparaat-niet-geverifieerd', 'untrusted-sender': 'afzender-niet-vertrouwd', error: 'fout' },
  phases: { initial: 'eerste', cache: 'opgeslagen', 'catch-up': 'inhalen', live: 'live' },
  none: 'geen',
  fields: { room: 'gesprek', sender: 'afzender', rule: 'regel', e2e: 'e2e', event: 'gebeurtenis', phase: 'fase', text: 'tekst' },
  kinds: { message: 'bericht', summary: 'samenvatting' },
  sound: ' (met geluid)',
  signIn: {
    'bad-homeserver': 'dit is geen bruikbaar adres van een homeserver',
    forbidden: 'de gebruikersnaam of het wachtwoord klopt niet',
    unreachable: 'de homeserver is niet bereikbaar',
    unsupported: 'de homeserver weigert deze manier van aanmelden',
    'rate-limited': 'de homeserver vraagt even te wachten voordat je opnieuw aanmeldt',
    server: 'de homeserver gaf een fout',
  },
};

export type NotifyTexts = typeof en;

export const notifyTexts: Record<'en' | 'nl', NotifyTexts> = { en, nl };

/** One decision as a text line in the reader's language. */
export function decisionLine(say: NotifyTexts, at: string, d: DecisionRecord): string {
  const verdict = d.notified ? say.notify : say.skip(d.reason ? say.reasons[d.reason] : say.none);
  const e2e = d.e2eReason ? `${say.e2e[d.e2e]}(${say.e2eReasons[d.e2eReason]})` : say.e2e[d.e2e];
  const f = say.fields;
  return `${at}  ${verdict.padEnd(24)} ${f.room}=${d.roomId} "${d.roomName}"  ${f.sender}=${d.sender}  ${f.rule}=${d.ruleId ?? say.none}  ${f.e2e}=${e2e}  ${f.event}=${d.eventId}  ${f.phase}=${say.phases[d.phase]}  ${f.text}="${d.title}: ${d.body}"`;
}

/** Why signing in failed: in Dutch a sentence of its own with the server's words after it; in English those words (already a sentence). */
export function signInProblem(say: NotifyTexts, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const kind = (error as { kind?: unknown } | null)?.kind;
  const sentence = typeof kind === 'string' && kind in say.signIn ? say.signIn[kind as MatrixSignInError['kind']] : null;
  if (sentence === null) return message;
  // forbidden and rate-limited carry no detail beyond what the sentence says.
  return kind === 'forbidden' || kind === 'rate-limited' ? sentence : `${sentence}${technical('nl', message)}`;
}
