// What the `werkplek` command and `werkplek sync` say, in English and Dutch. The language follows
// the environment like other command-line tools (LC_ALL, LC_MESSAGES, LANGUAGE, LANG: nl_NL → Dutch;
// ui-language.ts). Sentences are whole, with their numbers in them, never glued from parts.
import { uiLanguage, type UiLanguage } from '../core/config/ui-language.ts';

const en = {
  usage: `Usage: werkplek <command> [options]

Commands:
  policy check FILE     validate a policy file (exit 1 on errors)
  policy schema         print the policy file's JSON Schema
  sync ...              two-way sync of a folder with a WebDAV/Nextcloud server (werkplek sync --help)
  notify ...            Matrix notification diagnostics (werkplek notify --help)
`,
  unknownCommand: (name: string) => `werkplek: unknown command "${name}"`,
  syncUsage: `Usage: werkplek sync --server URL --user NAME [--password-env VAR] LOCAL_DIR [REMOTE_DIR]

Two-way sync of LOCAL_DIR with REMOTE_DIR (default /) on a Nextcloud or WebDAV server.
The password (an app password for Nextcloud) is read from the environment variable VAR
(default WERKPLEK_PASSWORD); it is never taken on the command line.

Options:
  --watch               keep syncing: on local changes and every --poll seconds
  --json                print one JSON object per event on stdout
  --poll SECONDS        server poll interval with --watch (default 30)
  --parallel N          parallel transfers (default 6)
  --delete-threshold N  ask before deleting more than N files (default 100)
  --confirm-deletes     go ahead with deletions that would otherwise wait for confirmation
  --restore-deletes     bring those files back from the side that still has them instead
  --exclude-file FILE   extra ignore patterns, one glob a line
  --upload-limit KIBPS  bandwidth limit for uploads in KiB/s (default: none)
  --download-limit KIBPS  the same for downloads
  --keep-free MIB       disk space downloads leave free (default: the larger of 1 GiB
                        and 5 % of the disk, at most 10 GiB; 0: none)
  --state-dir DIR       where the journal lives (default $XDG_STATE_HOME/werkplek)

Exit status: 0 in sync, 1 some items failed, 2 usage, 3 deletions wait for confirmation,
4 the server refused the credentials, 5 the server could not be reached.
`,
  serverRequired: '--server URL is required',
  userRequired: '--user NAME is required',
  localRequired: 'LOCAL_DIR is required',
  unexpectedArgument: (arg: string) => `unexpected argument "${arg}"`,
  confirmOrRestore: '--confirm-deletes and --restore-deletes exclude each other',
  passwordUnset: (name: string) => `the environment variable ${name} (the password) is not set`,
  wholeNumber: (option: string, min: number) => `--${option} must be a whole number of at least ${min}`,
  files: 'files',
  eta: (seconds: number) => ` ETA ${seconds}s`,
  itemError: (path: string, message: string) => `error: ${path}: ${message}`,
  skipped: (path: string, message: string) => `skipped: ${path}: ${message}`,
  conflict: (path: string, copy: string) => `conflict: ${path}: your version is kept as ${copy}`,
  actions: {
    upload: 'uploaded', download: 'downloaded', conflict: 'compared (both changed)', moveLocal: 'moved here', moveRemote: 'moved on the server',
    mkdirLocal: 'folders made here', mkdirRemote: 'folders made on the server', deleteLocal: 'to the trash here', deleteRemote: 'deleted on the server',
  } as Record<string, string>,
  nothingToDo: 'nothing to do',
  journal: (n: number) => ` (${n} journal ${n === 1 ? 'entry' : 'entries'} updated)`,
  heldFolder: (path: string, files: number, server: boolean) => `  held: delete folder ${path} (${files} ${files === 1 ? 'file' : 'files'}) ${server ? 'on the server' : 'here'}`,
  heldFile: (path: string, server: boolean) => `  held: delete ${path} ${server ? 'on the server' : 'here'}`,
  waiting: (counts: string, server: number, local: number, kind: string) => `${counts}; waiting: this sync would delete ${server} ${server === 1 ? 'file' : 'files'} on the server and ${local} here (${kind}). Check, then rerun with --confirm-deletes, or --restore-deletes to bring them back.`,
  inSync: (counts: string) => `in sync: ${counts}`,
  failed: (n: number, counts: string) => `${n} ${n === 1 ? 'item' : 'items'} failed: ${counts}`,
  stopped: (message: string | null, _outcome: string) => `sync stopped: ${message}`,
};

/** Why deletions wait (the guard's kind). */
const heldKinds: Record<string, string> = {
  'mass-delete': 'veel verwijderingen tegelijk',
  'remote-empty': 'de map op de server is opeens leeg',
  'local-empty': 'de map op deze computer is opeens leeg',
};

const stopReasons: Record<string, string> = {
  offline: 'de server was niet bereikbaar',
  'rate-limited': 'de server heeft het te druk; probeer het zo opnieuw',
  'needs-sign-in': 'de server weigerde de aanmelding (controleer gebruikersnaam en app-wachtwoord)',
};

const nl: typeof en = {
  usage: `Gebruik: werkplek <opdracht> [opties]

Opdrachten:
  policy check BESTAND  een beleidsbestand controleren (afsluitcode 1 bij fouten)
  policy schema         het JSON-schema van het beleidsbestand tonen
  sync ...              een map in twee richtingen synchroniseren met een WebDAV/Nextcloud-server (werkplek sync --help)
  notify ...            diagnose van Matrix-meldingen (werkplek notify --help)
`,
  unknownCommand: (name) => `werkplek: onbekende opdracht "${name}"`,
  syncUsage: `Gebruik: werkplek sync --server URL --user NAAM [--password-env VAR] LOKALE_MAP [SERVERMAP]

Synchroniseert LOKALE_MAP in twee richtingen met SERVERMAP (standaard /) op een Nextcloud- of
WebDAV-server. Het wachtwoord (voor Nextcloud een app-wachtwoord) komt uit de omgevingsvariabele
VAR (standaard WERKPLEK_PASSWORD); nooit van de opdrachtregel.

Opties:
  --watch               blijven synchroniseren: bij lokale wijzigingen en elke --poll seconden
  --json                één JSON-object per gebeurtenis op stdout
  --poll SECONDEN       hoe vaak de server wordt gevraagd met --watch (standaard 30)
  --parallel N          overdrachten tegelijk (standaard 6)
  --delete-threshold N  eerst vragen voordat meer dan N bestanden worden verwijderd (standaard 100)
  --confirm-deletes     verwijderingen doorzetten die anders op bevestiging wachten
  --restore-deletes     die bestanden juist terugzetten vanaf de kant die ze nog heeft
  --exclude-file BESTAND  extra patronen om over te slaan, één glob per regel
  --upload-limit KIBPS  bandbreedte voor uploads in KiB/s (standaard: geen grens)
  --download-limit KIBPS  hetzelfde voor downloads
  --keep-free MIB       schijfruimte die downloads vrij laten (standaard: het grootste van 1 GiB
                        en 5 % van de schijf, hoogstens 10 GiB; 0: geen)
  --state-dir MAP       waar het journaal staat (standaard $XDG_STATE_HOME/werkplek)

Afsluitcode: 0 bijgewerkt, 1 sommige onderdelen mislukt, 2 verkeerd gebruik, 3 verwijderingen
wachten op bevestiging, 4 de server weigerde de aanmelding, 5 de server was niet bereikbaar.
`,
  serverRequired: '--server URL is verplicht',
  userRequired: '--user NAAM is verplicht',
  localRequired: 'LOKALE_MAP is verplicht',
  unexpectedArgument: (arg) => `onverwacht argument "${arg}"`,
  confirmOrRestore: '--confirm-deletes en --restore-deletes sluiten elkaar uit',
  passwordUnset: (name) => `de omgevingsvariabele ${name} (het wachtwoord) is niet gezet`,
  wholeNumber: (option, min) => `--${option} moet een geheel getal van minstens ${min} zijn`,
  files: 'bestanden',
  eta: (seconds) => ` nog ${seconds} s`,
  itemError: (path, message) => `fout: ${path}: ${message}`,
  skipped: (path, message) => `overgeslagen: ${path}: ${message}`,
  conflict: (path, copy) => `conflict: ${path}: jouw versie is bewaard als ${copy}`,
  actions: {
    upload: 'geüpload', download: 'gedownload', conflict: 'vergeleken (aan beide kanten gewijzigd)', moveLocal: 'hier verplaatst', moveRemote: 'op de server verplaatst',
    mkdirLocal: 'mappen hier gemaakt', mkdirRemote: 'mappen op de server gemaakt', deleteLocal: 'hier naar de prullenbak', deleteRemote: 'op de server verwijderd',
  },
  nothingToDo: 'niets te doen',
  journal: (n) => ` (${n} ${n === 1 ? 'journaalregel' : 'journaalregels'} bijgewerkt)`,
  heldFolder: (path, files, server) => `  wacht: map ${path} (${files} ${files === 1 ? 'bestand' : 'bestanden'}) ${server ? 'op de server' : 'hier'} verwijderen`,
  heldFile: (path, server) => `  wacht: ${path} ${server ? 'op de server' : 'hier'} verwijderen`,
  waiting: (counts, server, local, kind) => `${counts}; wacht: deze synchronisatie zou ${server} ${server === 1 ? 'bestand' : 'bestanden'} op de server en ${local} hier verwijderen (${heldKinds[kind] ?? kind}). Controleer het en start opnieuw met --confirm-deletes, of met --restore-deletes om ze terug te zetten.`,
  inSync: (counts) => `bijgewerkt: ${counts}`,
  failed: (n, counts) => `${n} ${n === 1 ? 'onderdeel' : 'onderdelen'} mislukt: ${counts}`,
  stopped: (message, outcome) => `synchronisatie gestopt: ${stopReasons[outcome] ?? 'door een fout'}${technical('nl', message)}`,
};

export type CliTexts = typeof en;

/** The engine's or a server's own words after a sentence: English as they came, marked as technical in Dutch. */
export function technical(language: UiLanguage, message: string | null): string {
  if (!message) return '';
  return language === 'nl' ? ` (technisch: ${message})` : ` (${message})`;
}

/**
 * What was wrong with the arguments, from node:util parseArgs' error (its message is English only):
 * in Dutch by its code, naming the option or argument it quotes; in English its own message.
 */
export function argumentProblem(error: unknown, language: UiLanguage): string {
  const message = error instanceof Error ? error.message : String(error);
  if (language === 'en') return message;
  const code = (error as { code?: unknown } | null)?.code;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0]!;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `onbekende optie ${option}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `onverwacht argument "${quoted}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return quoted.includes('<value>') ? `bij ${option} hoort een waarde` : `${option} neemt geen waarde`;
  return message;
}

export function cliTexts(language: UiLanguage = uiLanguage(process.env)): CliTexts {
  return language === 'nl' ? nl : en;
}
