// The installer configuration (electron-builder.ts) held to what the packaged app needs.
// Electron's binary cannot be downloaded here, so no installer is built; instead the config
// goes through electron-builder's own file matchers and fuse mapping, and the fuses are
// flipped with @electron/fuses in a stand-in Electron binary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire, flipFuses, type FuseV1Config } from '@electron/fuses';
import * as fileMatcher from 'app-builder-lib/out/fileMatcher';
import { LinuxPackager } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import config from '../../electron-builder';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
const expand = (s: string): string => s;
const { getFileMatchers } = fileMatcher;
// The matcher electron-builder applies to node_modules (marked internal, so not in its typings).
const { getNodeModuleFileMatcher } = fileMatcher as unknown as {
  getNodeModuleFileMatcher(appDir: string, dest: string, expand: (s: string) => string, options: object, packager: object): fileMatcher.FileMatcher;
};

/** Every file under `dir`, absolute. */
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** Relative paths under `dir` that electron-builder's filter lets through (directories walked as it does). */
function kept(dir: string, filter: (file: string, stat: fs.Stats) => boolean): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const stat = fs.statSync(p);
      if (!filter(p, stat)) continue;
      if (stat.isDirectory()) visit(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  visit(dir);
  return out;
}

function matchers(name: 'asarUnpack' | 'extraResources' | 'files') {
  return getFileMatchers(config, name, '/app', {
    macroExpander: expand,
    customBuildOptions: {},
    globalOutDir: path.join(root, 'dist'),
    defaultSrc: root,
  });
}

describe('the installer configuration', () => {
  it('names the app Fenghuo, so the data folder is Fenghuo in npm start and in the installed app', () => {
    expect(config.productName).toBe('Fenghuo');
    expect(pkg.productName).toBe('Fenghuo');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(pkg.scripts).toMatchObject({ dist: expect.stringContaining('electron-builder') });
  });

  it('builds NSIS for Windows, dmg for macOS, AppImage and deb for Linux, on x64 and arm64', () => {
    const targets = (list: unknown) =>
      (list as { target: string; arch: string[] }[]).map((t) => `${t.target}:${[...t.arch].sort().join('+')}`);
    expect(targets(config.win?.target)).toEqual(['nsis:arm64+x64']);
    expect(targets(config.mac?.target)).toEqual(['dmg:arm64+x64']);
    expect(targets(config.linux?.target)).toEqual(['AppImage:arm64+x64', 'deb:arm64+x64']);
  });

  it('never compiles native modules, and unpacks every better-sqlite3 prebuild from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    const unpack = matchers('asarUnpack')![0]!.createFilter();
    const prebuilds = walk(path.join(root, 'node_modules/better-sqlite3/prebuilds'));
    expect(prebuilds.length).toBeGreaterThanOrEqual(6);
    for (const file of prebuilds) expect(unpack(file, fs.statSync(file)), file).toBe(true);
    const js = path.join(root, 'node_modules/better-sqlite3/lib/index.js');
    expect(unpack(js, fs.statSync(js))).toBe(false);
  });

  it('packs the bundles and better-sqlite3 with its loaders and prebuilds, without its C sources or tsx', () => {
    const files = (config.files as string[]).filter((p) => !p.startsWith('!'));
    expect(files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']));
    expect(pkg.main).toBe('./out/main/index.js');

    const modules = getNodeModuleFileMatcher(root, '/app', expand, {}, { config, debugLogger: { isEnabled: false } }).createFilter();
    const sqlite = kept(path.join(root, 'node_modules/better-sqlite3'), (f, s) => modules(f, s));
    expect(sqlite).toEqual(expect.arrayContaining(['package.json', 'lib/index.js', 'lib/win32-x64.js', 'prebuilds/darwin-arm64.node']));
    expect(sqlite.some((f) => f.startsWith('deps/') || f.startsWith('src/'))).toBe(false);
    const tsx = path.join(root, 'node_modules/tsx/package.json');
    expect(modules(tsx, fs.statSync(tsx))).toBe(false);
  });

  it('ships the lexicons, stopwords and demo corpus as extra resources, without build scripts or icons', () => {
    const [resources] = matchers('extraResources')!;
    expect(resources!.to).toBe(path.resolve('/app', 'resources'));
    const shipped = kept(path.join(root, 'resources'), resources!.createFilter());
    // What the engine reads through resourcePath().
    expect(shipped).toEqual(
      expect.arrayContaining(['demo/corpus.jsonl', 'demo/station.json', 'lexicons/zh-words.tsv', 'lexicons/en-words.tsv', 'stopwords/zh.txt']),
    );
    expect(shipped.filter((f) => f.endsWith('.mjs') || f.startsWith('icons/'))).toEqual([]);
  });

  it('points every platform at an icon that exists and is what its name says', () => {
    const ico = fs.readFileSync(path.join(root, config.win!.icon as string));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
    const icns = fs.readFileSync(path.join(root, config.mac!.icon as string));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const pngs = fs.readdirSync(path.join(root, config.linux!.icon as string));
    expect(pngs).toEqual(expect.arrayContaining(['256x256.png', '512x512.png']));
  });

  it('keeps signing secrets out of the repository: certificates and Apple ids come from the environment', () => {
    const text = fs.readFileSync(path.join(root, 'electron-builder.ts'), 'utf8');
    expect(text).not.toMatch(/certificatePassword|certificateFile|cscKeyPassword|appleIdPassword|\.p12|\.pfx|\.p8/);
    expect(config.mac?.notarize).toBe(true);
    expect(config.mac?.hardenedRuntime).toBe(true);
  });
});

describe('the fuses flipped in the packaged Electron binary', () => {
  // A stand-in for an Electron binary: junk around the fuse sentinel, a version byte, the wire
  // length and nine fuses all "enabled", as a fresh Electron ships them.
  function fakeElectron(): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fh-fuses-')), 'fenghuo');
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.alloc(4096, 7),
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
        Buffer.from([1, 9]),
        Buffer.alloc(9, FuseState.ENABLE),
        Buffer.alloc(4096, 7),
      ]),
    );
    return file;
  }

  it('turn off Node mode, NODE_OPTIONS, the inspector and file:// privileges; turn on cookie encryption, asar integrity and asar-only loading', async () => {
    // electron-builder's own mapping from the config to @electron/fuses, as it runs before signing.
    const generate = (LinuxPackager.prototype as unknown as { generateFuseConfig(f: unknown): Promise<FuseV1Config> })
      .generateFuseConfig;
    const fuses = await generate.call(null, config.electronFuses);
    const bin = fakeElectron();
    try {
      await flipFuses(bin, fuses);
      const wire = await getCurrentFuseWire(bin);
      expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    } finally {
      fs.rmSync(path.dirname(bin), { recursive: true, force: true });
    }
  });
});
