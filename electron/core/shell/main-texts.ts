// Words the main process shows itself (tray menu, application menu, dialogs), in Dutch and English.
// The renderer has its own i18n files; these few strings live here so main needs no i18n runtime.

const en = {
  open: 'Open Werkplek',
  unread: 'unread',
  syncStatus: 'Sync: {state}',
  pauseSync: 'Pause sync',
  resumeSync: 'Resume sync',
  doNotDisturb: 'Do not disturb',
  quit: 'Quit Werkplek',
  file: 'File',
  settings: 'Settings…',
  edit: 'Edit',
  view: 'View',
  back: 'Back',
  forward: 'Forward',
  reload: 'Reload app',
  find: 'Find in page…',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  zoomReset: 'Actual size',
  devTools: 'Developer tools',
  fullscreen: 'Full screen',
  window: 'Window',
  apps: 'Apps',
  help: 'Help',
  about: 'About Werkplek',
  downloads: 'Downloads',
  addToDictionary: 'Add to dictionary',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select all',
  copyLink: 'Copy link address',
  openLinkOutside: 'Open link in browser',
  syncStates: { 'not-configured': 'not set up', idle: 'up to date', syncing: 'syncing', paused: 'paused', offline: 'offline', error: 'error', 'needs-confirmation': 'waiting for you', 'needs-sign-in': 'sign-in needed' } as Record<string, string>,
};

const nl: typeof en = {
  open: 'Werkplek openen',
  unread: 'ongelezen',
  syncStatus: 'Synchronisatie: {state}',
  pauseSync: 'Synchronisatie pauzeren',
  resumeSync: 'Synchronisatie hervatten',
  doNotDisturb: 'Niet storen',
  quit: 'Werkplek afsluiten',
  file: 'Bestand',
  settings: 'Instellingen…',
  edit: 'Bewerken',
  view: 'Beeld',
  back: 'Terug',
  forward: 'Vooruit',
  reload: 'App opnieuw laden',
  find: 'Zoeken op pagina…',
  zoomIn: 'Inzoomen',
  zoomOut: 'Uitzoomen',
  zoomReset: 'Werkelijke grootte',
  devTools: 'Ontwikkelaarshulpmiddelen',
  fullscreen: 'Volledig scherm',
  window: 'Venster',
  apps: 'Apps',
  help: 'Help',
  about: 'Over Werkplek',
  downloads: 'Downloads',
  addToDictionary: 'Toevoegen aan woordenboek',
  cut: 'Knippen',
  copy: 'Kopiëren',
  paste: 'Plakken',
  selectAll: 'Alles selecteren',
  copyLink: 'Linkadres kopiëren',
  openLinkOutside: 'Link openen in browser',
  syncStates: { 'not-configured': 'niet ingesteld', idle: 'bijgewerkt', syncing: 'bezig', paused: 'gepauzeerd', offline: 'offline', error: 'fout', 'needs-confirmation': 'wacht op jou', 'needs-sign-in': 'opnieuw aanmelden' },
};

export type MainTexts = typeof en;

/** Dutch when the setting says so, or when it is `auto` and the system locale is Dutch. */
export function mainTexts(setting: string, systemLocale: string): MainTexts {
  if (setting === 'nl') return nl;
  if (setting === 'en') return en;
  return systemLocale.toLowerCase().startsWith('nl') ? nl : en;
}
