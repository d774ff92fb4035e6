// Dutch or English for texts made outside the renderer (policy problems, lock refusals, the CLI):
// the `general.locale` setting when it names one, else the desktop's language from the environment.
export type UiLanguage = 'en' | 'nl';

export function uiLanguage(env: NodeJS.ProcessEnv = process.env, setting: 'auto' | 'nl' | 'en' = 'auto'): UiLanguage {
  if (setting !== 'auto') return setting;
  // POSIX order: LC_ALL overrides LC_MESSAGES overrides LANG; LANGUAGE is a GNU preference list.
  const tag = env.LC_ALL?.trim() || env.LC_MESSAGES?.trim() || env.LANGUAGE?.split(':')[0]?.trim() || env.LANG?.trim() || '';
  return /^nl([_.@-]|$)/i.test(tag) ? 'nl' : 'en';
}
