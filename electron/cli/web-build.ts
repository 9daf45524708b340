// Make sure the renderer build that `serve` hands to browsers exists and is not older than
// the renderer's sources; build it with Vite when it is.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { appRoot, webRoot } from '../engine/paths';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const p = path.join(entry.parentPath, entry.name);
    newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  const index = path.join(webRoot(), 'index.html');
  if (!fs.existsSync(index)) return false;
  const root = appRoot();
  const sources = [path.join(root, 'renderer'), path.join(root, 'shared')].filter((d) => fs.existsSync(d));
  if (sources.length === 0) return true; // an installed app ships only the build
  const built = fs.statSync(index).mtimeMs;
  return sources.every((d) => newestMtime(d) <= built);
}

export function ensureWebBuild(log: (line: string) => void): void {
  if (process.env.FENGHUO_WEB_ROOT || webBuildIsCurrent()) return;
  const root = appRoot();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite)) {
    throw new Error('the screen is not built and Vite is not installed: run `npm install` then `npm run build:web`');
  }
  log('building the screen (renderer) …');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error('building the renderer failed (see the messages above)');
}
