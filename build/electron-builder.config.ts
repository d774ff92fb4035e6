// electron-builder configuration for the Linux packages: AppImage, deb, rpm, tar.gz (and `dir`,
// the unpacked app every target is made from). Used by `npm run package` (scripts/package.ts) and
// by `npx electron-builder --config build/electron-builder.config.ts`. build/README.md explains it.
import type { Configuration } from 'electron-builder';
import { fileURLToPath } from 'node:url';
import { afterPack } from './after-pack.ts';

const buildDir = fileURLToPath(new URL('.', import.meta.url));

/** Runtime libraries of Electron 45 on Debian 12 / Ubuntu 22.04+ (electron-builder's list + GBM, ALSA), and of the CLI executable. */
export const debDepends = [
  'libgtk-3-0 | libgtk-3-0t64',
  'libnotify4',
  'libnss3',
  'libxss1',
  'libxtst6',
  'xdg-utils',
  'libatspi2.0-0 | libatspi2.0-0t64',
  'libuuid1',
  'libsecret-1-0',
  'libgbm1',
  'libasound2 | libasound2t64',
  // resources/cli/werkplek-cli (Node 24's official build, build/cli-executable.ts): glibc 2.28, GLIBCXX_3.4.21.
  'libc6 (>= 2.28)',
  'libstdc++6 (>= 5.2)',
];
/** The tray icon needs an AppIndicator library on GNOME; without it Werkplek still runs. */
export const debRecommends = ['libayatana-appindicator3-1 | libappindicator3-1'];

/** Update server written into app-update.yml and latest-linux.yml; the running app takes the policy's updates.url. */
const updateUrl = process.env.WERKPLEK_UPDATE_URL ?? 'https://updates.werkplek.example/linux/';

const config: Configuration = {
  appId: 'example.werkplek.Werkplek',
  productName: 'Werkplek',
  copyright: 'Copyright © Werkplek developers, EUPL-1.2',
  directories: { output: 'release', buildResources: 'build' },
  // Only the built app: no TypeScript sources, tests, source maps or type declarations.
  files: ['package.json', 'dist/**/*', '!**/*.map', '!**/*.{ts,tsx,mts,cts}', '!**/{test,tests,__tests__,__mocks__}/**', '!**/*.{test,spec}.{js,mjs,cjs}'],
  asar: true,
  // No native modules (DESIGN.md: node:sqlite): nothing to rebuild, so no Electron headers to download.
  npmRebuild: false,
  // Electron 41+ derives the X11 WM_CLASS and the Wayland app_id from desktopName.
  extraMetadata: { desktopName: 'werkplek.desktop' },
  protocols: [{ name: 'Werkplek', schemes: ['werkplek'] }],
  extraFiles: [{ from: 'build/linux/werkplek', to: 'bin/werkplek' }],
  // resources/cli/werkplek-cli (the command-line tools, with their own Node 24) is not listed here:
  // afterPack builds it into the unpacked app (build/after-pack.ts, build/cli-executable.ts).
  extraResources: [
    { from: 'build/policy.example.json', to: 'policy.example.json' },
    { from: 'build/policy.schema.json', to: 'policy.schema.json' },
    { from: 'build/policy.schema.nl.json', to: 'policy.schema.nl.json' },
    // electron/main/tray.ts loads resources/tray/NAME.png (and NAME@2x.png on HiDPI panels).
    { from: 'assets/tray', to: 'tray', filter: ['*.png'] },
  ],
  afterPack: (context) => afterPack(context),
  // Fuses are flipped in afterPack (build/fuses.ts, strictlyRequireAllFuses); the built-in step stays off.
  electronFuses: undefined,
  publish: [{ provider: 'generic', url: updateUrl }],
  linux: {
    target: ['AppImage', 'deb', 'rpm', 'tar.gz'],
    executableName: 'werkplek',
    icon: 'assets/icons',
    // One main category, so the menu lists Werkplek once (desktop-file-validate hint).
    category: 'Office',
    synopsis: 'Digital workplace: web apps, offline files and chat notifications',
    // Also the desktop entry's Comment, so it stays one sentence.
    description: 'Your organisation’s web apps in tabs, files kept offline by two-way sync with Nextcloud, and notifications from Matrix chat.',
    maintainer: 'Werkplek developers <dev@werkplek.example>',
    vendor: 'Werkplek developers',
    desktop: {
      entry: {
        GenericName: 'Digital workplace',
        'GenericName[nl]': 'Digitale werkplek',
        'Comment[nl]': 'De webapps van je organisatie, offline bestanden en chatmeldingen in één venster',
        Keywords: 'workplace;intranet;files;chat;nextcloud;matrix;',
        'Keywords[nl]': 'werkplek;intranet;bestanden;chat;nextcloud;matrix;',
        StartupWMClass: 'werkplek',
        StartupNotify: 'true',
      },
    },
  },
  deb: {
    packageCategory: 'net',
    priority: 'optional',
    depends: debDepends,
    recommends: debRecommends,
    afterInstall: 'build/linux/after-install.sh',
    afterRemove: 'build/linux/after-remove.sh',
    appArmorProfile: 'build/apparmor/werkplek',
    fpm: [
      '--before-remove',
      `${buildDir}linux/before-remove.sh`,
      `${buildDir}policy.example.json=/etc/werkplek/policy.example.json`,
      `${buildDir}linux/copyright=/usr/share/doc/werkplek/copyright`,
      `${buildDir}linux/changelog.gz=/usr/share/doc/werkplek/changelog.gz`,
      `${buildDir}linux/werkplek.lintian-overrides=/usr/share/lintian/overrides/werkplek`,
      `${buildDir}linux/example.werkplek.Werkplek.metainfo.xml=/usr/share/metainfo/example.werkplek.Werkplek.metainfo.xml`,
    ],
  },
  rpm: {
    afterInstall: 'build/linux/after-install.sh',
    afterRemove: 'build/linux/after-remove.sh',
    appArmorProfile: 'build/apparmor/werkplek',
    fpm: ['--before-remove', `${buildDir}linux/before-remove.sh`, `${buildDir}policy.example.json=/etc/werkplek/policy.example.json`],
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
};

export default config;
