// What signing in to the file server says to the person, in Dutch and English (the sync panel
// shows these as they are). Chosen by the settings' language (SettingsService.language()).
import type { UiLanguage } from '../config/ui-language.ts';

const en = {
  refused: () => 'the server refused this user name and app password',
  revoked: () => 'the server no longer accepts the app password: sign in again',
  signInNeeded: () => 'sign in to your server to start syncing',
  offline: () => 'the server cannot be reached; trying again shortly',
  unreachable: (base: string) => `cannot reach ${base}: check the address and your connection`,
  notDav: (detail: string) => `the server did not answer as a WebDAV server: ${detail}`,
  noUserId: (status: number) => `the server did not say which account this is (HTTP ${status} from /ocs/v2.php/cloud/user)`,
  folderOverlap: (dir: string, other: string) => `the folder ${dir} overlaps the folder of ${other}: each account needs a folder of its own, not inside another account's folder and holding none`,
  alreadyConnected: (other: string) => `this account is already connected (${other})`,
  addingForbidden: () => `your organisation does not allow adding accounts`,
  unknownAccount: (id: string) => `there is no account "${id}" (it may have been removed)`,
  // The problems an AccountProblem names (the address typed, the server's sign-in answers).
  addressMissing: () => 'enter the address of your server, for example https://cloud.example.org',
  addressInvalid: (input: string) => `"${input}" is not a web address: type it as https://cloud.example.org`,
  notWebAddress: (protocol: string) => `${protocol} is not a web address: use https://`,
  credentialsInAddress: () => 'put the user name and password in their own fields, not in the address',
  noLoginFlow: (status: string) => `the server does not offer Nextcloud sign-in (HTTP ${status}): is this the right address?`,
  unexpectedLoginAnswer: () => 'the server answered the sign-in request with something unexpected',
  incompleteLoginAnswer: () => 'the server sent an incomplete sign-in answer',
  loginFailed: (status: string) => `sign-in failed (HTTP ${status})`,
  loginTimedOut: () => 'sign-in was not completed in time: start it again',
  noSyncFolder: () => 'there is no sync folder yet: sign in first',
};

const nl: typeof en = {
  refused: () => 'de server weigerde deze gebruikersnaam en dit app-wachtwoord',
  revoked: () => 'de server accepteert het app-wachtwoord niet meer: meld je opnieuw aan',
  signInNeeded: () => 'meld je aan bij je server om te beginnen met synchroniseren',
  offline: () => 'de server is niet bereikbaar; Werkplek probeert het zo opnieuw',
  unreachable: (base) => `kan ${base} niet bereiken: controleer het adres en je verbinding`,
  notDav: (detail) => `de server antwoordde niet als WebDAV-server: ${detail}`,
  noUserId: (status) => `de server zei niet welk account dit is (HTTP ${status} van /ocs/v2.php/cloud/user)`,
  folderOverlap: (dir, other) => `de map ${dir} overlapt met de map van ${other}: elk account heeft een eigen map nodig, niet in de map van een ander account en zonder zo'n map erin`,
  alreadyConnected: (other) => `dit account is al verbonden (${other})`,
  addingForbidden: () => `je organisatie staat het toevoegen van accounts niet toe`,
  unknownAccount: (id) => `er is geen account "${id}" (misschien is het verwijderd)`,
  addressMissing: () => 'vul het adres van je server in, bijvoorbeeld https://cloud.voorbeeld.nl',
  addressInvalid: (input) => `"${input}" is geen webadres: typ het als https://cloud.voorbeeld.nl`,
  notWebAddress: (protocol) => `${protocol} is geen webadres: gebruik https://`,
  credentialsInAddress: () => 'vul gebruikersnaam en wachtwoord in hun eigen velden in, niet in het adres',
  noLoginFlow: (status) => `de server biedt geen Nextcloud-aanmelding aan (HTTP ${status}): is dit het juiste adres?`,
  unexpectedLoginAnswer: () => 'de server gaf een onverwacht antwoord op het aanmeldverzoek',
  incompleteLoginAnswer: () => 'de server stuurde een onvolledig aanmeldantwoord',
  loginFailed: (status) => `aanmelden mislukt (HTTP ${status})`,
  loginTimedOut: () => 'de aanmelding is niet op tijd afgerond: begin opnieuw',
  noSyncFolder: () => 'er is nog geen synchronisatiemap: meld je eerst aan',
};

export type AccountTexts = typeof en;

export function accountTexts(language: UiLanguage): AccountTexts {
  return language === 'nl' ? nl : en;
}

/** The texts an AccountProblem can name: none or one value each. */
export type AccountProblemCode = 'addressMissing' | 'addressInvalid' | 'notWebAddress' | 'credentialsInAddress' | 'noLoginFlow'
  | 'unexpectedLoginAnswer' | 'incompleteLoginAnswer' | 'loginFailed' | 'loginTimedOut' | 'noSyncFolder';

const problemText = (language: UiLanguage, code: AccountProblemCode, value: string): string =>
  (accountTexts(language)[code] as (value: string) => string)(value);

/**
 * A problem with the address or a sign-in answer that the person can act on. Its message is
 * English (logs, the CLI); `inLanguage` gives the person's words at the bridge.
 */
export class AccountProblem extends Error {
  readonly code: AccountProblemCode;
  readonly value: string;
  constructor(code: AccountProblemCode, value: string | number = '') {
    super(problemText('en', code, String(value)));
    this.code = code;
    this.value = String(value);
  }
}

/** An AccountProblem in the person's language; any other error as it is. */
export function inLanguage(error: unknown, language: UiLanguage): unknown {
  return error instanceof AccountProblem ? new Error(problemText(language, error.code, error.value)) : error;
}
