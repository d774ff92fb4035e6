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
};

export type AccountTexts = typeof en;

export function accountTexts(language: UiLanguage): AccountTexts {
  return language === 'nl' ? nl : en;
}
