// File types that start something when a desktop "opens" them: programs, scripts, desktop
// launchers, AppImages, Windows programs (Wine), Java archives, software packages. Known by the
// name's ending, by the file's mode (+x) and by its first bytes. Download names never gain such an
// ending by being shortened, and a werkplek:// link never opens one without asking.

export type LaunchKind = 'desktop-entry' | 'appimage' | 'windows-program' | 'java-program' | 'software-package' | 'script' | 'program';

const byEnding: Readonly<Record<string, LaunchKind>> = {
  desktop: 'desktop-entry',
  kdelnk: 'desktop-entry',
  appimage: 'appimage',
  exe: 'windows-program',
  msi: 'windows-program',
  bat: 'windows-program',
  cmd: 'windows-program',
  com: 'windows-program',
  scr: 'windows-program',
  pif: 'windows-program',
  lnk: 'windows-program',
  ps1: 'windows-program',
  vbs: 'windows-program',
  wsf: 'windows-program',
  jar: 'java-program',
  deb: 'software-package',
  rpm: 'software-package',
  flatpak: 'software-package',
  flatpakref: 'software-package',
  snap: 'software-package',
  sh: 'script',
  bash: 'script',
  zsh: 'script',
  ksh: 'script',
  csh: 'script',
  fish: 'script',
  command: 'script',
  py: 'script',
  pl: 'script',
  rb: 'script',
  run: 'program',
  bin: 'program',
};

/** The kind a file name's ending (case-insensitive) launches, or null. */
export function launchKindOfName(name: string): LaunchKind | null {
  const dot = name.lastIndexOf('.');
  if (dot === -1) return null;
  return byEnding[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** Desktop launchers are never saved under their own ending: the desktop might run them on a click. */
export function isDesktopEntryName(name: string): boolean {
  return launchKindOfName(name) === 'desktop-entry';
}

/** The kind a file's first bytes (up to a few KiB) say it is, or null. */
export function launchKindOfContent(head: Uint8Array): LaunchKind | null {
  const text = Buffer.from(head).toString('latin1');
  if (text.startsWith('#!')) return 'script';
  if (text.startsWith('\x7fELF')) return 'program';
  if (text.startsWith('MZ')) return 'windows-program';
  if (/^\[Desktop Entry\]/m.test(text)) return 'desktop-entry';
  return null;
}
