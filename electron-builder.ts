// Installers for the desktop station (`npm run dist`): NSIS for Windows, dmg for macOS,
// AppImage and deb for Linux, x64 and arm64. Read by electron-builder, and by
// tests/unit/electron-builder.test.ts, which holds the invariants below to account.
//
// Signing and notarisation come only from the environment of the machine that builds —
// CSC_LINK + CSC_KEY_PASSWORD (or WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD) for the code-signing
// certificate; APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER (or APPLE_ID +
// APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID) for notarisation. Without them the build is
// unsigned; nothing secret is ever in this repository.
import type { Configuration } from 'electron-builder';

const config: Configuration = {
  appId: 'app.fenghuo.station',
  // Also the user-data folder's name: ~/.config/Fenghuo, %APPDATA%\Fenghuo, … (see README).
  productName: 'Fenghuo',
  executableName: 'fenghuo',
  copyright: 'Copyright © Fenghuo authors',
  directories: { output: 'dist', buildResources: 'resources/icons' },

  // The bundles electron-vite built; production dependencies are added by electron-builder.
  files: [
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    // The tray icon, which the main bundle finds beside it (electron-vite's `?asset` import).
    'resources/icons/png/32x32.png',
    'package.json',
    // SQLite's C sources and the build recipe: the Node-API prebuilds make them dead weight.
    '!node_modules/better-sqlite3/{deps,src}/**',
    '!node_modules/better-sqlite3/binding.gyp',
    // tsx (and its esbuild) runs `npx fenghuo` from source; the app runs bundles.
    '!node_modules/{tsx,esbuild,@esbuild}/**',
  ],
  asar: true,
  // Native code cannot be loaded from inside an archive: better-sqlite3's prebuilds sit beside it.
  asarUnpack: ['**/*.node'],
  // better-sqlite3 13 ships Node-API binaries that load in Electron as they are: never compile.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,

  // Lexicons, stopwords and the demo corpus, found by the engine through FENGHUO_RESOURCES
  // (<resources>/resources in the packaged app). Build scripts and the icons stay behind.
  extraResources: [{ from: 'resources', to: 'resources', filter: ['**/*', '!icons/**', '!**/*.mjs'] }],

  // Flipped in the Electron binary right before signing.
  electronFuses: {
    // The engine is a utilityProcess; nothing needs Electron to act as plain Node.
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    // The app is app.asar, checked against the hash recorded at build time (macOS, Windows).
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // Pages come from the engine's http origin, never file://.
    grantFileProtocolExtraPrivileges: false,
  },

  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'resources/icons/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    shortcutName: 'Fenghuo 烽火',
    artifactName: 'Fenghuo-Setup-${version}-${arch}.${ext}',
  },
  mac: {
    target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
    icon: 'resources/icons/icon.icns',
    category: 'public.app-category.news',
    hardenedRuntime: true,
    // Runs only when the APPLE_* variables above are set.
    notarize: true,
  },
  dmg: { artifactName: 'Fenghuo-${version}-${arch}.${ext}' },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ],
    icon: 'resources/icons/png',
    category: 'Network',
    synopsis: 'Offline social-listening war-room station',
    description: 'Fenghuo 烽火 listens to news, forums and social feeds, keeps every mention in one local SQLite file and shows a war room what is said, how it feels and which lights turned red.',
    maintainer: 'Fenghuo authors <fenghuo@users.noreply.github.com>',
    desktop: { entry: { Name: 'Fenghuo 烽火' } },
  },
  appImage: { artifactName: 'Fenghuo-${version}-${arch}.${ext}' },
  deb: { artifactName: 'fenghuo_${version}_${arch}.${ext}' },
};

export default config;
