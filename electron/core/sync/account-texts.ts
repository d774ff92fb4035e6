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
};

const nl: typeof en = {
  refused: () => 'de server weigerde deze gebruikersnaam en dit app-wachtwoord',
  revoked: () => 'de server accepteert het app-wachtwoord niet meer: meld je opnieuw aan',
  signInNeeded: () => 'meld je aan bij je server om te beginnen met synchroniseren',
  offline: () => 'de server is niet bereikbaar; Werkplek probeert het zo opnieuw',
  unreachable: (base) => `kan ${base} niet bereiken: controleer het adres en je verbinding`,
  notDav: (detail) => `de server antwoordde niet als WebDAV-server: ${detail}`,
  noUserId: (status) => `de server zei niet welk account dit is (HTTP ${status} van /ocs/v2.php/cloud/user)`,
};

export type AccountTexts = typeof en;

export function accountTexts(language: UiLanguage): AccountTexts {
  return language === 'nl' ? nl : en;
}
