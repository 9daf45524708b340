#!/usr/bin/env node
// Gets the desktop app ready to start (run by `npm start` and `npm run dev`):
//
// 1. Electron's binary must be there. Electron's own postinstall downloads it during
//    `npm install`; when it did not (offline, --ignore-scripts), say how to fetch it.
// 2. better-sqlite3 is native code, built per ABI. node_modules/better-sqlite3 stays built for
//    plain Node (tests, `npm run serve`); Electron gets its own copy in
//    .electron-native/better-sqlite3-<electron version>/, built by prebuild-install (download
//    of a prebuilt binary) or, failing that, by node-gyp against Electron's headers.
//    .electron-native/binding.json records the result; Electron's main process passes the
//    binary to the engine as FENGHUO_NATIVE_BINDING (better-sqlite3's `nativeBinding`).
//
// node-gyp is the one npm ships with: npm exports its path as npm_config_node_gyp to scripts
// it runs, and it sits next to node in every Node install; no extra dependency is needed.
// Nothing is done twice: a copy built for this Electron, arch and better-sqlite3 is reused.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));

const say = (message) => console.log(`[prepare-electron] ${message}`);
function fail(lines) {
  console.error(`\n[prepare-electron] ${lines.join('\n  ')}\n`);
  process.exit(1);
}

function packageDir(name, from = requireFromRoot) {
  try {
    return path.dirname(from.resolve(`${name}/package.json`));
  } catch {
    return fail([`${name} is not installed. Run \`npm install\` first.`]);
  }
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

// --- 1. Electron's binary --------------------------------------------------------------
const electronDir = packageDir('electron');
const electronVersion = readJson(path.join(electronDir, 'package.json')).version;

// The same checks electron/install.js makes before it decides a download is needed.
function electronBinaryProblem() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return fs.existsSync(override) ? null : `ELECTRON_OVERRIDE_DIST_PATH=${override} does not exist`;
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return 'nothing was downloaded (node_modules/electron/path.txt is missing)';
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(binary)) return `${binary} does not exist`;
  const versionFile = path.join(electronDir, 'dist', 'version');
  const installed = fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') : '';
  if (installed !== electronVersion) return `the binary is Electron ${installed || 'unknown'}, the package is ${electronVersion}`;
  return null;
}

const binaryProblem = electronBinaryProblem();
if (binaryProblem) {
  fail([
    `Electron's binary is missing: ${binaryProblem}.`,
    `Run \`node node_modules/electron/install.js\` to download Electron ${electronVersion} (needs internet;`,
    'set ELECTRON_MIRROR to use a mirror), or set ELECTRON_OVERRIDE_DIST_PATH to the folder of an',
    `Electron ${electronVersion} you already have. Then run \`npm start\` again.`,
  ]);
}

// --- 2. better-sqlite3 for Electron's ABI ----------------------------------------------
const sqliteDir = packageDir('better-sqlite3');
const sqliteVersion = readJson(path.join(sqliteDir, 'package.json')).version;
const arch = process.env.npm_config_arch || process.arch;
const nativeRoot = path.join(root, '.electron-native');
const copyDir = path.join(nativeRoot, `better-sqlite3-${electronVersion}`);
const bindingFile = path.join(copyDir, 'build', 'Release', 'better_sqlite3.node');
const recordFile = path.join(nativeRoot, 'binding.json');
const record = {
  electron: electronVersion,
  arch,
  betterSqlite3: sqliteVersion,
  binding: path.relative(root, bindingFile),
};

function upToDate() {
  try {
    const saved = readJson(recordFile);
    return (
      saved.electron === record.electron &&
      saved.arch === record.arch &&
      saved.betterSqlite3 === record.betterSqlite3 &&
      fs.existsSync(bindingFile)
    );
  } catch {
    return false;
  }
}

if (upToDate()) {
  say(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${arch}) is up to date.`);
  process.exit(0);
}

// Options from the user's npm config would fight the explicit ones below: a `nodedir`
// points node-gyp at Node's headers instead of Electron's.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|build_from_source)$/i.test(key),
  ),
);

function run(label, script, args, cwd) {
  say(`${label}: node ${path.basename(script)} ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [script, ...args], { cwd, env: childEnv, stdio: 'inherit' });
  if (result.error) return `${label} could not start: ${result.error.message}`;
  if (result.status !== 0) return `${label} failed (exit ${result.status ?? result.signal})`;
  return fs.existsSync(path.join(cwd, 'build', 'Release', 'better_sqlite3.node'))
    ? null
    : `${label} finished but produced no build/Release/better_sqlite3.node`;
}

function nodeGypScript() {
  const nodeBin = path.dirname(process.execPath);
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(nodeBin, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(nodeBin, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  try {
    candidates.push(requireFromRoot.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // Not a project dependency; npm's copy is the usual one.
  }
  return candidates.find((candidate) => candidate && fs.existsSync(candidate)) ?? null;
}

say(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${arch}); node_modules stays as it is.`);
// Built under a temporary name and renamed at the end, so an interrupted build is never
// mistaken for a finished one.
const workDir = `${copyDir}.partial`;
fs.rmSync(workDir, { recursive: true, force: true });
fs.mkdirSync(nativeRoot, { recursive: true });
fs.cpSync(sqliteDir, workDir, {
  recursive: true,
  filter: (source) => path.relative(sqliteDir, source).split(path.sep)[0] !== 'build',
});

function prebuildScript() {
  try {
    // The copy better-sqlite3 itself depends on.
    return createRequire(path.join(sqliteDir, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    return null;
  }
}

const problems = [];
const prebuild = prebuildScript();
const prebuildProblem = prebuild
  ? run(
      'prebuild-install',
      prebuild,
      ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, '--verbose'],
      workDir,
    )
  : 'prebuild-install was not found next to better-sqlite3';
if (prebuildProblem) {
  problems.push(prebuildProblem);
  say('no prebuilt binary; compiling from source with node-gyp (needs Python and a C++ toolchain).');
  const gyp = nodeGypScript();
  const gypProblem = gyp
    ? run(
        'node-gyp',
        gyp,
        [
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electronVersion}`,
          `--arch=${arch}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        workDir,
      )
    : 'node-gyp was not found (neither npm_config_node_gyp nor npm\'s bundled copy)';
  if (gypProblem) problems.push(gypProblem);
}

if (!fs.existsSync(path.join(workDir, 'build', 'Release', 'better_sqlite3.node'))) {
  fs.rmSync(workDir, { recursive: true, force: true });
  fail([
    `Could not get better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${arch}):`,
    ...problems.map((problem) => `- ${problem}`),
    'A prebuilt binary comes from GitHub releases: check the network or proxy (HTTPS_PROXY).',
    'To compile instead, install Python 3 and a C++ toolchain (see',
    'https://github.com/nodejs/node-gyp#installation), then run `node scripts/prepare-electron.mjs`.',
    'node_modules/better-sqlite3 was not touched: tests and `npm run serve` still work.',
  ]);
}

fs.rmSync(copyDir, { recursive: true, force: true });
fs.renameSync(workDir, copyDir);
fs.writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
say(`ready: ${record.binding}`);
