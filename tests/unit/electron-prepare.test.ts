// scripts/prepare-electron.mjs, run for real in throwaway projects whose electron,
// better-sqlite3, prebuild-install and node-gyp are small stand-ins: no network, no compiler,
// but the script's own decisions (skip, build, fall back, fail clearly) are all exercised.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/prepare-electron.mjs');
const ELECTRON = '99.1.0';
const projects: string[] = [];

afterEach(() => {
  for (const dir of projects.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Stand-in for prebuild-install and node-gyp: logs how it was called, then does as told. */
const fakeTool = (name: string) => `
const fs = require('fs');
fs.appendFileSync(process.env.FAKE_CALLS, JSON.stringify({
  tool: ${JSON.stringify(name)}, args: process.argv.slice(2), cwd: process.cwd(),
  nodedir: process.env.npm_config_nodedir ?? null }) + '\\n');
if (process.env.FAKE_${name.toUpperCase().replace('-', '_')} !== 'ok') process.exit(1);
fs.mkdirSync('build/Release', { recursive: true });
fs.writeFileSync('build/Release/better_sqlite3.node', 'built for electron');
`;

function project({ electronBinary = true } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-prepare-'));
  projects.push(dir);
  write(path.join(dir, 'package.json'), '{ "type": "module" }');
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(SCRIPT, path.join(dir, 'scripts', 'prepare-electron.mjs'));
  const modules = path.join(dir, 'node_modules');
  write(path.join(modules, 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: ELECTRON }));
  if (electronBinary) {
    write(path.join(modules, 'electron', 'path.txt'), 'electron');
    write(path.join(modules, 'electron', 'dist', 'electron'), '');
    write(path.join(modules, 'electron', 'dist', 'version'), `v${ELECTRON}`);
  }
  write(path.join(modules, 'better-sqlite3', 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.0.0' }));
  write(path.join(modules, 'better-sqlite3', 'binding.gyp'), '{}');
  write(path.join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'built for node');
  write(path.join(modules, 'prebuild-install', 'package.json'), JSON.stringify({ name: 'prebuild-install', bin: './bin.js' }));
  write(path.join(modules, 'prebuild-install', 'bin.js'), fakeTool('prebuild-install'));
  write(path.join(dir, 'fake-node-gyp.cjs'), fakeTool('node-gyp'));
  return dir;
}

function prepare(dir: string, env: { prebuild?: 'ok' | 'fail'; nodeGyp?: 'ok' | 'fail' } = {}) {
  const result = spawnSync(process.execPath, [path.join(dir, 'scripts', 'prepare-electron.mjs')], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      FAKE_CALLS: path.join(dir, 'calls.jsonl'),
      FAKE_PREBUILD_INSTALL: env.prebuild ?? 'fail',
      FAKE_NODE_GYP: env.nodeGyp ?? 'fail',
      npm_config_node_gyp: path.join(dir, 'fake-node-gyp.cjs'),
      // A user's ~/.npmrc `nodedir` would point node-gyp at Node's headers: it must not pass.
      npm_config_nodedir: '/usr',
    },
  });
  const callsFile = path.join(dir, 'calls.jsonl');
  const calls = fs.existsSync(callsFile)
    ? fs.readFileSync(callsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tool: string; args: string[]; cwd: string; nodedir: string | null })
    : [];
  return { status: result.status, out: result.stdout, err: result.stderr, calls };
}

const copyDir = (dir: string) => path.join(dir, '.electron-native', `better-sqlite3-${ELECTRON}`);
const record = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, '.electron-native', 'binding.json'), 'utf8'));

describe('prepare-electron', () => {
  it("says how to fetch Electron's binary when npm install did not", () => {
    const dir = project({ electronBinary: false });
    const run = prepare(dir, { prebuild: 'ok' });
    expect(run.status).toBe(1);
    expect(run.err).toContain("Electron's binary is missing");
    expect(run.err).toContain('node node_modules/electron/install.js');
    expect(run.calls).toEqual([]);
  });

  it('downloads a prebuilt binary into its own copy and leaves node_modules built for Node', () => {
    const dir = project();
    const run = prepare(dir, { prebuild: 'ok' });
    expect(run.status, run.err).toBe(0);

    expect(run.calls).toHaveLength(1);
    expect(run.calls[0]!.tool).toBe('prebuild-install');
    expect(run.calls[0]!.args).toEqual(expect.arrayContaining(['--runtime=electron', `--target=${ELECTRON}`, `--arch=${process.arch}`]));
    // Built in the copy, never in node_modules/better-sqlite3.
    expect(path.basename(run.calls[0]!.cwd)).toBe(`better-sqlite3-${ELECTRON}.partial`);

    expect(record(dir)).toEqual({
      electron: ELECTRON,
      arch: process.arch,
      betterSqlite3: '12.0.0',
      binding: path.join('.electron-native', `better-sqlite3-${ELECTRON}`, 'build', 'Release', 'better_sqlite3.node'),
    });
    expect(fs.readFileSync(path.join(dir, record(dir).binding), 'utf8')).toBe('built for electron');
    expect(fs.readFileSync(path.join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8')).toBe('built for node');
    expect(fs.existsSync(`${copyDir(dir)}.partial`)).toBe(false);
  });

  it('does nothing the second time', () => {
    const dir = project();
    prepare(dir, { prebuild: 'ok' });
    const again = prepare(dir, { prebuild: 'ok' });
    expect(again.status).toBe(0);
    expect(again.out).toContain('up to date');
    expect(again.calls).toHaveLength(1);
  });

  it('builds again when better-sqlite3 was upgraded', () => {
    const dir = project();
    prepare(dir, { prebuild: 'ok' });
    write(path.join(dir, 'node_modules/better-sqlite3/package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.1.0' }));
    const again = prepare(dir, { prebuild: 'ok' });
    expect(again.status).toBe(0);
    expect(again.calls).toHaveLength(2);
    expect(record(dir).betterSqlite3).toBe('12.1.0');
  });

  it("compiles with node-gyp against Electron's headers when no prebuilt binary comes", () => {
    const dir = project();
    const run = prepare(dir, { prebuild: 'fail', nodeGyp: 'ok' });
    expect(run.status, run.err).toBe(0);
    expect(run.calls.map((c) => c.tool)).toEqual(['prebuild-install', 'node-gyp']);
    const gyp = run.calls[1]!;
    expect(gyp.args).toEqual(expect.arrayContaining(['rebuild', '--runtime=electron', `--target=${ELECTRON}`, '--dist-url=https://electronjs.org/headers']));
    expect(gyp.nodedir).toBeNull();
    expect(fs.existsSync(path.join(dir, record(dir).binding))).toBe(true);
  });

  it('fails clearly, and leaves no half-built copy to be mistaken for a good one', () => {
    const dir = project();
    const run = prepare(dir, { prebuild: 'fail', nodeGyp: 'fail' });
    expect(run.status).toBe(1);
    expect(run.err).toContain(`Could not get better-sqlite3 12.0.0 for Electron ${ELECTRON}`);
    expect(run.err).toContain('prebuild-install failed');
    expect(run.err).toContain('node-gyp failed');
    expect(run.err).toContain('node_modules/better-sqlite3 was not touched');
    expect(fs.existsSync(copyDir(dir))).toBe(false);
    expect(fs.existsSync(`${copyDir(dir)}.partial`)).toBe(false);
    expect(fs.existsSync(path.join(dir, '.electron-native', 'binding.json'))).toBe(false);
  });
});
