// `werkplek sync` in Dutch: why a file failed or was skipped, by the engine's kind (the Files panel
// says the same from renderer/src/i18n/nl/sync.json, which the CLI does not load). The engine's own
// English words follow in brackets as the technical detail. In English the engine's words stand alone.
import type { SyncIssue } from '../core/sync/model.ts';
import { AccountAuthError, AccountIdError } from '../core/sync/account.ts';
import { accountTexts, inLanguage } from '../core/sync/account-texts.ts';
import { technical } from './cli-texts.ts';

const errorKinds: Record<string, string> = {
  auth: 'de server accepteert je aanmelding niet meer',
  forbidden: 'de server staat deze wijziging niet toe',
  notFound: 'het staat niet meer op de server',
  parentMissing: 'de map ervan ontbreekt op de server',
  precondition: 'het is intussen op de server gewijzigd; de volgende keer wordt het opnieuw vergeleken',
  locked: 'het is op de server vergrendeld (door iemand geopend?); het wordt later opnieuw geprobeerd',
  rateLimited: 'de server heeft het druk; het wordt zo opnieuw geprobeerd',
  quota: 'je opslag op de server is vol',
  server: 'de server had een probleem; het wordt later opnieuw geprobeerd',
  network: 'de server was niet bereikbaar',
  protocol: 'de server gaf een antwoord dat Werkplek niet begrijpt',
  LocalError: 'deze computer kon het niet lezen of schrijven (schijf vol, alleen-lezen of geen toestemming)',
  WaitingForSpace: 'wacht op schijfruimte',
  FileChangedError: 'het veranderde tijdens het uploaden; de volgende keer wordt het opnieuw verstuurd',
  OutsideSyncFolder: 'een map in het pad is een snelkoppeling (symbolische link) of is vervangen: niet gesynchroniseerd',
};

const issueKinds: Record<SyncIssue['kind'], string> = {
  symlink: 'een snelkoppeling (symbolische link): niet gesynchroniseerd',
  'special-file': 'geen bestand of map (socket, pipe of apparaat): niet gesynchroniseerd',
  'invalid-name-remote': 'deze naam kan niet aan beide kanten bestaan: niet gedownload, geef het op de server een andere naam',
  'invalid-name-local': 'de server accepteert deze naam niet: geef het een andere naam',
  'ignored-remote': 'staat op de server maar past bij de lijst van overgeslagen bestanden: niet gedownload',
  'listing-entry-dropped': 'de server noemde een onderdeel dat niet in deze map hoort: genegeerd',
  'read-only': 'alleen-lezen op de server: je wijziging blijft alleen hier',
  'type-change': 'aan de ene kant een bestand, aan de andere een map: geef een van beide een andere naam',
  unreadable: 'kan niet worden gelezen: controleer de rechten',
  'remote-error': 'de server kon deze map niet tonen; hij blijft voorlopig ongemoeid',
  'case-clash': 'een andere naam op de server verschilt alleen in hoofd- en kleine letters: geef er een op de server een andere naam',
  'server-restored': 'de server is teruggezet uit een back-up: deze keer wordt niets verwijderd',
};

/** The reason for one failed or skipped item, in the reader's language. */
export function problemText(language: 'en' | 'nl', kind: string, message: string, skipped: boolean): string {
  if (language === 'en') return message;
  const sentence = skipped ? issueKinds[kind as SyncIssue['kind']] : (errorKinds[kind] ?? 'kon niet worden gesynchroniseerd');
  return sentence ? `${sentence}${technical('nl', message)}` : message;
}

/** Why the server's account could not be found before a run, in the reader's language (the panel's words). */
export function accountProblemText(language: 'en' | 'nl', error: unknown): string {
  const texts = accountTexts(language);
  if (error instanceof AccountAuthError) return texts.refused();
  if (error instanceof AccountIdError) return texts.noUserId(error.status);
  const said = inLanguage(error, language);
  const message = said instanceof Error ? said.message : String(said);
  if (said !== error || language === 'en') return message;
  // No answer, or one that is no WebDAV: the sentence in Dutch, the engine's words as detail.
  return (error as NodeJS.ErrnoException).code?.startsWith('E') ? `${texts.offline()}${technical('nl', message)}` : `${errorKinds.protocol}${technical('nl', message)}`;
}
